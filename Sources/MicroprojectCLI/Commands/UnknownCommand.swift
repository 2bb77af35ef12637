import ArgumentParser

/// A word where a command belongs that names none (`microproject frobnicate`, `microproject practitioner ad`):
/// said in one sentence with the commands there are, before ArgumentParser would answer with the usage of some
/// other command. Where a command belongs: the first word that is not an option, at every level that has commands
/// (none of microproject's commands with subcommands also takes a word of its own).
enum UnknownCommand {
    static func message(for arguments: [String], root: ParsableCommand.Type) -> String? {
        var command = root
        var path = [root._commandName]
        for word in arguments {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, !word.hasPrefix("-") else { return nil }
            // ArgumentParser's own `microproject help COMMAND...`: the words after it name a command too.
            if path.count == 1 && word == "help" { continue }
            guard let next = subcommands.first(where: { names(of: $0).contains(word) }) else {
                return sentence(word: word, path: path, commands: subcommands)
            }
            command = next
            path.append(next._commandName)
        }
        return nil
    }

    private static func names(of command: ParsableCommand.Type) -> [String] {
        [command._commandName] + command.configuration.aliases
    }

    private static func sentence(word: String, path: [String], commands: [ParsableCommand.Type]) -> String {
        let shown = commands.filter { $0.configuration.shouldDisplay }.map { $0._commandName }
        let whole = path.joined(separator: " ")
        var text =
            path.count == 1 ? "'\(word)' is not a microproject command." : "'\(word)' is not a command of '\(whole)'."
        if let near = nearest(word.lowercased(), among: shown) { text += " Did you mean '\(near)'?" }
        text += "\nThe commands are: \(shown.joined(separator: ", ")).\n"
        text += "Type '\(whole) --help' to see what each one does"
        text += path.count == 1 ? ", or 'microproject' alone for the chat home." : "."
        return text
    }

    /// The command a slip of the keyboard most likely meant: one that starts with the word, or one at most two
    /// edits away (one for a short word).
    static func nearest(_ word: String, among commands: [String]) -> String? {
        if word.count >= 2, let started = commands.first(where: { $0.hasPrefix(word) }) { return started }
        let limit = word.count <= 4 ? 1 : 2
        let scored = commands.map { ($0, distance(Array(word), Array($0))) }.filter { $0.1 <= limit }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Levenshtein distance.
    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
