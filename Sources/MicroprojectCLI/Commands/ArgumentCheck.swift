import Foundation
import TextSafety

/// The input policy for the command line: every argument, before any command sees it, because any of them
/// may be echoed (an unknown id in an error) or stored (`pause --reason`, `practitioner add --name`,
/// `--participant`). Checked as the raw bytes the system passed, since Swift's `CommandLine.arguments`
/// has already turned invalid UTF-8 into U+FFFD.
enum ArgumentCheck {
    /// The sentence for the first argument the policy refuses, or nil when all pass. `arguments` excludes
    /// the program name.
    static func problem(in arguments: [[UInt8]]) -> String? {
        for index in arguments.indices {
            let (subject, value) = Self.subject(index: index, arguments: arguments)
            guard case .failure(let problem) = InputPolicy.check(verbatim: value) else { continue }
            return problem.description(of: subject) + " Nothing was done: " + problem.advice
        }
        return nil
    }

    /// The raw arguments of this process, without the program name.
    static var processArguments: [[UInt8]] {
        (1..<Int(CommandLine.argc)).map { index in
            guard let pointer = CommandLine.unsafeArgv[index] else { return [] }
            return Array(UnsafeBufferPointer(start: pointer, count: strlen(pointer))).map { UInt8(bitPattern: $0) }
        }
    }

    /// What to call an argument, and the part of it to check: "The value of --reason" and what follows
    /// the "=" for `--reason=...`, "The argument after --reason" for the word after an option, else
    /// "Argument 2". An option's name is shown only when it is itself plain text.
    private static func subject(index: Int, arguments: [[UInt8]]) -> (String, ArraySlice<UInt8>) {
        let own = arguments[index]
        if own.starts(with: Array("--".utf8)), let equals = own.firstIndex(of: UInt8(ascii: "=")),
            let name = plain(own[..<equals])
        {
            return ("The value of \(name)", own[(equals + 1)...])
        }
        if index > 0, arguments[index - 1].first == UInt8(ascii: "-"), let name = plain(arguments[index - 1][...]) {
            return ("The argument after \(name)", own[...])
        }
        return ("Argument \(index + 1)", own[...])
    }

    private static func plain(_ bytes: ArraySlice<UInt8>) -> String? {
        guard bytes.count <= 40, bytes.allSatisfy({ (0x21...0x7E).contains($0) }) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
