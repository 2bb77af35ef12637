/// Where the interview is: a top-level node and, inside a repeat, which repetition and which inner node.
public struct Cursor: Hashable, Codable, Sendable {
    public var top: Int
    /// 1-based repetition number, inside a group.
    public var iteration: Int?
    /// Index inside the group; equal to the group's node count for the "add another?" question.
    public var inner: Int?

    public init(top: Int, iteration: Int? = nil, inner: Int? = nil) {
        self.top = top
        self.iteration = iteration
        self.inner = inner
    }
}

extension Script {
    /// The node a cursor points at; nil for a group's "add another?" question.
    func node(at cursor: Cursor) -> Node? {
        let topNode = nodes[cursor.top]
        guard let inner = cursor.inner else { return topNode }
        guard case .group(let group) = topNode.kind, inner < group.nodes.count else { return nil }
        return group.nodes[inner]
    }

    /// The answer key: the question id, or `group.repetition.id` inside a repeat.
    func key(at cursor: Cursor) -> String {
        let topNode = nodes[cursor.top]
        guard let iteration = cursor.iteration, cursor.inner != nil else { return topNode.id }
        let innerID = node(at: cursor)?.id ?? "another"
        return "\(topNode.id).\(iteration).\(innerID)"
    }

    func group(at cursor: Cursor) -> (Node, Repeat)? {
        let topNode = nodes[cursor.top]
        if case .group(let g) = topNode.kind { return (topNode, g) }
        return nil
    }
}
