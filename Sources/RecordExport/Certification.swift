import InterviewEngine
import PracticeRules

/// Certification evidence (the guide's five points), as evidence gathered and still to gather. It is never a
/// grade: the wording has no pass or fail. Every open item names the microproject it is about.
public struct CertificationEvidence: Codable, Equatable, Sendable {
    public struct Point: Codable, Equatable, Sendable {
        public var title: String
        public var gathered: [String]
        public var stillToGather: [String]
    }

    public var practitioner: MicroprojectRecord.PractitionerReference
    /// The licence's last valid day (YYYY-MM-DD), when a licence is recorded.
    public var licenceExpires: String?
    /// Whether the licence had expired on the day the evidence was gathered (nil when not known).
    public var licenceExpired: Bool?
    public var points: [Point]

    /// `disclosed` are this practitioner's microprojects, as they may leave the program; `today` (YYYY-MM-DD)
    /// lets the licence say whether it has expired.
    public init(profile: PractitionerProfile, records disclosed: [Disclosed<MicroprojectRecord>], today: String? = nil)
    {
        let records = disclosed.map(\.record)
        practitioner = .init(id: profile.id, name: profile.name, licenceLevel: profile.licence?.level.rawValue)
        licenceExpires = profile.licence?.expires
        licenceExpired = profile.licence.flatMap { l in today.map { l.expires < $0 } }

        // Every training of the licence's level, and of the level of every type the practitioner has run.
        var levels: [PracticeLevel] = [profile.licence.map { $0.level == .link ? .link : .lead } ?? .link]
        for r in records {
            if let level = r.type.flatMap({ PracticeLevel(rawValue: $0.level) }), !levels.contains(level) {
                levels.append(level)
            }
        }
        let needed = Pathway.allCases.filter { p in levels.contains { Pathway.required(for: $0).contains(p) } }
        let pathways = Point(
            title: "Learning pathways completed",
            gathered: needed.filter(profile.completed.contains).map { p in
                "\(p.title): "
                    + (profile.completedOn?[p.rawValue].map { "recorded as completed on \(Words.day($0))" }
                        ?? "completed (date not recorded)")
            },
            stillToGather: needed.filter { !profile.completed.contains($0) }.map(\.title)
        )

        let closed = records.filter { $0.status == "closed" && $0.stages.contains { $0.stage == "closure" } }
        var seen: Set<String> = []
        var distinct: [MicroprojectRecord] = []
        for r in closed where seen.insert(r.participant ?? r.microprojectID).inserted { distinct.append(r) }
        let three = Point(
            title: "Three microprojects with three different participants",
            gathered: distinct.map {
                "\($0.microprojectID): \($0.type?.title ?? "type not chosen"), participant \($0.participant ?? "-"), "
                    + "closed on \(Words.day($0.closedOn ?? $0.updatedAt))"
            },
            stillToGather: distinct.count >= 3
                ? []
                : [
                    "\(3 - distinct.count) more closed microproject\(3 - distinct.count == 1 ? "" : "s") with a participant not yet worked with"
                ] + Self.inProgress(records.filter { $0.status != "closed" })
        )

        let reflected = closed.filter(\.reflectionComplete)
        let unreflected = closed.filter { !$0.reflectionComplete }.map(\.microprojectID)
        let reflective = Point(
            title: "Reflective practice recorded",
            gathered: reflected.map { "\($0.microprojectID): all five reflection items recorded" },
            stillToGather: (reflected.isEmpty ? ["a closed microproject with all five reflection items recorded"] : [])
                + (unreflected.isEmpty
                    ? [] : ["the reflection items still missing in \(unreflected.joined(separator: ", "))"])
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
            gathered: profile.peerLearning.sorted().map { "attended on \(Words.day($0))" } + discussed,
            stillToGather: profile.peerLearning.isEmpty && discussed.isEmpty
                ? ["at least one session (record it with: microproject practitioner log-peer-learning \(profile.id))"]
                : []
        )

        let checks = records.filter { $0.safetyOutcome != nil }
        let escalations = records.flatMap { r in r.escalations.map { (r.microprojectID, $0) } }
        let handled = escalations.filter { $0.1.decision != nil }
        let awaiting = Self.unique(escalations.filter { $0.1.decision == nil }.map(\.0))
        var boundaryEvidence = ["\(checks.count) suitability and safety check\(checks.count == 1 ? "" : "s") completed"]
        if !escalations.isEmpty {
            boundaryEvidence.append(
                "\(handled.count) of \(escalations.count) concern\(escalations.count == 1 ? "" : "s") followed up with a recorded review"
                    + (awaiting.isEmpty ? "" : "; awaiting a review: \(awaiting.joined(separator: ", "))")
            )
        }
        let boundariesConfirmed = profile.readinessConfirmed(.boundaries)
        if let day = boundariesConfirmed {
            boundaryEvidence.insert(
                "awareness of relational, non-clinical boundaries confirmed on \(Words.day(day))",
                at: 0
            )
        }
        let unchecked = records.filter { $0.safetyOutcome == nil && $0.status != "closed" }.map(\.microprojectID)
        let boundaries = Point(
            title: "Boundaries understood (non-clinical scope, escalation awareness)",
            gathered: boundaryEvidence,
            stillToGather: (boundariesConfirmed == nil
                ? [
                    "your own confirmation of awareness of relational, non-clinical boundaries (microproject "
                        + "practitioner update \(profile.id) --readiness boundaries)"
                ] : [])
                + (checks.isEmpty
                    ? [
                        "a completed suitability and safety check"
                            + (unchecked.isEmpty ? "" : " (due in \(unchecked.joined(separator: ", ")))")
                    ]
                    : [])
                + awaiting.map { "a recorded review of the concern in \($0) (microproject continue \($0))" }
        )
        points = [pathways, three, reflective, peer, boundaries]
    }

    /// Open microprojects that may become evidence, named.
    static func inProgress(_ open: [MicroprojectRecord]) -> [String] {
        open.isEmpty
            ? [] : ["in progress: \(open.map { "\($0.microprojectID) (\($0.status))" }.joined(separator: ", "))"]
    }

    static func unique(_ ids: [String]) -> [String] {
        var seen: Set<String> = []
        return ids.filter { seen.insert($0).inserted }
    }

    public var markdown: String {
        var out = "# Certification evidence: \(CaptureRecord.inline(practitioner.name))\n\n"
        out +=
            "Microproject Practice certification recognises safe, reflective practice. This is the evidence "
            + "gathered so far and what is still to gather; it is not a grade.\n\n"
        let level = practitioner.licenceLevel.flatMap(LicenceLevel.init(rawValue:))
        if let level, let expires = licenceExpires {
            out += "- **Licence:** \(level.title), "
            out += licenceExpired == true ? "expired on \(Words.day(expires))\n" : "valid until \(Words.day(expires))\n"
        } else {
            out += "- **Licence:** none recorded\n"
        }
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
