import InterviewEngine
import PracticeRules

/// Certification evidence (the guide's five points), as evidence gathered and still to gather. It is never a
/// grade: the wording has no pass or fail.
public struct CertificationEvidence: Codable, Equatable, Sendable {
    public struct Point: Codable, Equatable, Sendable {
        public var title: String
        public var gathered: [String]
        public var stillToGather: [String]
    }

    public var practitioner: MicroprojectRecord.PractitionerReference
    public var points: [Point]

    /// `disclosed` are this practitioner's microprojects, as they may leave the program.
    public init(profile: PractitionerProfile, records disclosed: [Disclosed<MicroprojectRecord>]) {
        let records = disclosed.map(\.record)
        practitioner = .init(id: profile.id, name: profile.name, licenceLevel: profile.licence?.level.rawValue)
        let level: PracticeLevel = profile.licence.map { $0.level == .link ? .link : .lead } ?? .link
        let needed = Pathway.required(for: level)
        let done = needed.filter(profile.completed.contains)
        let pathways = Point(
            title: "Learning pathways completed",
            gathered: done.map(\.title),
            stillToGather: needed.filter { !profile.completed.contains($0) }.map(\.title)
        )

        let closed = records.filter { $0.status == "closed" && $0.stages.contains { $0.stage == "closure" } }
        var seen: Set<String> = []
        var distinct: [MicroprojectRecord] = []
        for r in closed where seen.insert(r.participant ?? r.microprojectID).inserted { distinct.append(r) }
        let three = Point(
            title: "Three microprojects with three different participants",
            gathered: distinct.map {
                "\($0.microprojectID): \($0.type?.title ?? "type not chosen"), participant \($0.participant ?? "-"), closed \($0.updatedAt.prefix(10))"
            },
            stillToGather: distinct.count >= 3
                ? []
                : [
                    "\(3 - distinct.count) more closed microproject\(3 - distinct.count == 1 ? "" : "s") with a participant not yet worked with"
                ]
        )

        let reflected = closed.filter(\.reflectionComplete)
        let reflective = Point(
            title: "Reflective practice recorded",
            gathered: reflected.map { "\($0.microprojectID): all five reflection items recorded" },
            stillToGather: reflected.isEmpty ? ["a closed microproject with all five reflection items recorded"] : []
        )

        // Support that was a reflective discussion space counts too (the guide's support pathways, section 7).
        var discussed: [String] = []
        for r in records {
            for use in r.supportDrawnOn ?? [] {
                for raw in use.pathways {
                    guard let s = SupportPathway(rawValue: raw), s.isReflectiveDiscussion else { continue }
                    discussed.append("\(s.title) (\(r.microprojectID), \(use.stage.title.lowercased()))")
                }
            }
        }
        let peer = Point(
            title: "Peer learning or reflective discussion",
            gathered: profile.peerLearning.sorted().map { "attended on \($0)" } + discussed,
            stillToGather: profile.peerLearning.isEmpty && discussed.isEmpty
                ? ["at least one session (record it with: microproject practitioner log-peer-learning \(profile.id))"]
                : []
        )

        let checks = records.filter { $0.safetyOutcome != nil }
        let escalations = records.flatMap(\.escalations)
        let handled = escalations.filter { $0.decision != nil }
        var boundaryEvidence = ["\(checks.count) suitability and safety check\(checks.count == 1 ? "" : "s") completed"]
        if !escalations.isEmpty {
            boundaryEvidence.append(
                "\(handled.count) of \(escalations.count) concern\(escalations.count == 1 ? "" : "s") followed up with a recorded review"
            )
        }
        let boundariesConfirmed = profile.readinessConfirmed(.boundaries)
        if let day = boundariesConfirmed {
            boundaryEvidence.insert("awareness of relational, non-clinical boundaries confirmed on \(day)", at: 0)
        }
        let boundaries = Point(
            title: "Boundaries understood (non-clinical scope, escalation awareness)",
            gathered: boundaryEvidence,
            stillToGather: (boundariesConfirmed == nil
                ? [
                    "your own confirmation of awareness of relational, non-clinical boundaries (microproject "
                        + "practitioner update \(profile.id) --readiness boundaries)"
                ] : [])
                + (checks.isEmpty ? ["a completed suitability and safety check"] : [])
                + (handled.count < escalations.count ? ["a recorded review for each concern raised"] : [])
        )
        points = [pathways, three, reflective, peer, boundaries]
    }

    public var markdown: String {
        var out = "# Certification evidence: \(CaptureRecord.inline(practitioner.name))\n\n"
        out +=
            "Microproject Practice certification recognises safe, reflective practice. This is the evidence "
            + "gathered so far and what is still to gather; it is not a grade.\n"
        for p in points {
            out += "\n## \(p.title)\n\n"
            out +=
                p.gathered.isEmpty
                ? "- Evidence gathered: none yet\n"
                : p.gathered.map { "- Evidence gathered: \(CaptureRecord.inline($0))\n" }.joined()
            out += p.stillToGather.map { "- Still to gather: \(CaptureRecord.inline($0))\n" }.joined()
        }
        return out
    }
}
