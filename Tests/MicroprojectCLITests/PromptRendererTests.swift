import TerminalIO
import Testing

@testable import InterviewEngine
@testable import MicroprojectCLI

/// How a question is laid out: where the person is, and lines that line up under the question's number.
@Suite struct PromptRendererTests {
    static func prompt(number: Int, total: QuestionTotal?, choices: Int = 3) -> Prompt {
        Prompt(
            key: "q",
            nodeID: "q",
            messages: [],
            text:
                "Which of these sounds closest to what is happening for the participant at the moment, in a few words?",
            guidance: "Go with your best sense of readiness, need and complexity; you can change it later on.",
            role: "practitioner",
            type: .oneOf((1...choices).map { Choice(value: "c\($0)", label: "Choice number \($0) with a label") }),
            required: false,
            preferNotToSay: false,
            sensitive: false,
            number: number,
            total: total
        )
    }

    static let renderer = PromptRenderer(style: Style(isTerminal: false, environment: [:]), width: 60)

    @Test func thePositionSaysTheTotalWhenTheEngineKnowsIt() {
        #expect(PromptRenderer.position(Self.prompt(number: 3, total: .exactly(12))) == "Question 3 of 12")
        #expect(PromptRenderer.position(Self.prompt(number: 3, total: .about(12))) == "Question 3 of about 12")
        #expect(PromptRenderer.position(Self.prompt(number: 3, total: nil)) == "Question 3")
        var r = Self.renderer
        r.place = "Step 2 of 6: Safety check"
        let lines = r.question(Self.prompt(number: 3, total: .about(12))).split(separator: "\n")
        #expect(lines.contains("Step 2 of 6: Safety check · Question 3 of about 12"), "\(lines)")
    }

    @Test(arguments: [3, 12, 104])
    func everyLineUnderTheQuestionLinesUpWithItsText(number: Int) {
        let shown = Self.renderer.question(Self.prompt(number: number, total: nil, choices: 11))
        let lines = shown.split(separator: "\n").map(String.init)
        let first = try! #require(lines.firstIndex { $0.hasPrefix("\(number). ") })
        let column = "\(number). ".count
        for line in lines[(first + 1)...] {
            let indent = line.prefix { $0 == " " }.count
            #expect(indent >= column, "'\(line)' is left of the question's text (column \(column))")
            #expect(line.count <= 60, "'\(line)' is wider than 60")
        }
        #expect(lines[first + 1].prefix { $0 == " " }.count == column, "\(shown)")
        // Ten or more choices: the labels line up too.
        let one = try! #require(lines.first { $0.contains("1) Choice number 1") })
        let eleven = try! #require(lines.first { $0.contains("11) Choice number 11") })
        #expect(
            one.firstRange(of: "Choice")?.lowerBound.utf16Offset(in: one)
                == eleven.firstRange(of: "Choice")?.lowerBound.utf16Offset(in: eleven)
        )
    }

    @Test func theRendererWrapsToTheWidthItIsMadeFor() {
        let narrow = PromptRenderer(style: Style(isTerminal: false, environment: [:]), width: 40)
        let wide = PromptRenderer(style: Style(isTerminal: false, environment: [:]), width: 100)
        let p = Self.prompt(number: 2, total: nil)
        #expect(narrow.question(p).split(separator: "\n").allSatisfy { $0.count <= 40 })
        #expect(wide.question(p).split(separator: "\n").contains { $0.count > 60 })
    }
}
