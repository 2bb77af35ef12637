extension InterviewStateMachine {
    /// Builds the prompt for the open question, with answers piped in.
    func prompt(for p: Progress) -> Prompt? {
        #if DEBUG
        PromptCount.current?.built += 1
        #endif
        guard var prompt = basePrompt(for: p) else { return nil }
        prompt.total = total(at: p)
        if !["practitioner", "any", "participant", "both"].contains(prompt.role) {
            prompt.addressedTo = roster.holder(of: prompt.role)
        }
        prompt.speaker = p.speaker.flatMap(roster.member)
        if let proposal = p.proposal, proposal.key == prompt.key {
            prompt.proposal = proposal
            prompt.awaitingAgreementFrom = roster.other(than: proposal.by)?.id
        }
        return prompt
    }

    private func basePrompt(for p: Progress) -> Prompt? {
        guard let cursor = p.current else { return nil }
        let env = RouteEnvironment(script: script, context: context, progress: p)
        let key = script.key(at: cursor)
        let earlier = p.answers[key]?.value
        let topNode = script.nodes[cursor.top]
        var repetitionLabel: String?
        if case .group(let group) = topNode.kind, let iteration = cursor.iteration {
            let name = group.itemName.prefix(1).uppercased() + group.itemName.dropFirst()
            repetitionLabel =
                group.min == group.max
                ? "\(name) \(iteration) of \(group.max)" : "\(name) \(iteration) (up to \(group.max))"
        }
        if let node = script.node(at: cursor), let question = node.question {
            return Prompt(
                key: key,
                nodeID: node.id,
                messages: p.pendingMessages,
                text: env.pipe(node.text, at: cursor),
                guidance: node.guidance.map { env.pipe($0, at: cursor) },
                role: node.role,
                type: question.type,
                required: question.required,
                preferNotToSay: question.preferNotToSay,
                sensitive: node.sensitive || env.pipesSensitive(node.text, at: cursor),
                earlier: earlier,
                defaultAnswer: question.defaultAnswer.map { env.pipe($0, at: cursor) }.flatMap {
                    $0.isEmpty ? nil : $0
                },
                repetitionLabel: repetitionLabel,
                number: p.trail.count + 1,
                addressedTo: nil
            )
        }
        guard case .group(let group) = topNode.kind else { return nil }
        return Prompt(
            key: key,
            nodeID: "\(topNode.id).another",
            messages: p.pendingMessages,
            text: env.pipe(group.anotherPrompt, at: cursor),
            guidance: nil,
            role: topNode.role,
            type: .yesNo,
            required: true,
            preferNotToSay: false,
            sensitive: false,
            earlier: earlier,
            repetitionLabel: repetitionLabel,
            number: p.trail.count + 1,
            addressedTo: nil
        )
    }

    /// The answers on the route, in the order they were given: what `/review` shows and the record keeps.
    public var routeAnswers: [RouteAnswer] {
        guard let p = progress else { return [] }
        return p.trail.compactMap { cursor in
            let key = script.key(at: cursor)
            guard let given = p.answers[key] else { return nil }
            let node = script.node(at: cursor)
            let env = RouteEnvironment(script: script, context: context, progress: p)
            let text =
                node.map { env.pipe($0.text, at: cursor) }
                ?? script.group(at: cursor).map { env.pipe($0.1.anotherPrompt, at: cursor) } ?? key
            let type = node?.question?.type ?? .yesNo
            return RouteAnswer(
                key: key,
                questionID: node?.id ?? "\(script.nodes[cursor.top].id).another",
                question: text,
                type: type,
                value: given.value,
                display: given.value.display(for: type),
                by: given.by,
                at: given.at,
                sensitive: (node?.sensitive ?? false)
                    || (node.map { env.pipesSensitive($0.text, at: cursor) } ?? false),
                repetition: cursor.iteration,
                role: node?.role ?? script.nodes[cursor.top].role,
                agreedBy: given.agreedBy,
                enteredBy: given.enteredBy
            )
        }
    }
}

/// One answer on the route, ready to show or record.
public struct RouteAnswer: Equatable, Sendable {
    public var key: String
    public var questionID: String
    public var question: String
    public var type: QuestionType
    public var value: AnswerValue
    public var display: String
    public var by: String
    public var at: Timestamp
    public var sensitive: Bool
    public var repetition: Int?
    /// Whom the question was addressed to (participant, lead…); `by` is who gave the answer.
    public var role: String
    /// For `both` questions: who agreed with it.
    public var agreedBy: [String]
    /// Who typed it, when not the person who gave it.
    public var enteredBy: String?
}
