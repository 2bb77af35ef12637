/// Who may take each role in a priorities consult (the guide's delivery models).
public enum ConsultRoles {
    /// The roles each type's consult needs; Type 1 has no consult.
    public static func required(for type: MicroprojectType) -> [String] {
        switch type {
        case .universalPrevention: []
        case .earlyConcern: ["link", "lead-plus"]
        case .supportedLearning: ["lead"]
        case .complexEngagement: ["lead", "consultant"]
        }
    }

    /// Why this practitioner may not take the role, or nil when they may.
    public static func refusal(_ p: PractitionerProfile, role: String, today: String) -> String? {
        if role == "consultant" {
            return p.seniorConsultant == true
                ? nil
                : "\(p.name) is not recorded as the programme's senior consultant "
                    + "(record it with: microproject practitioner update \(p.id) --senior-consultant)"
        }
        guard let licence = p.licence else {
            return "\(p.name) has no practitioner licence recorded"
        }
        if licence.expires < today { return "\(p.name)'s licence expired on \(licence.expires)" }
        switch role {
        case "lead" where licence.level == .link:
            return "the Lead role needs a Lead or Lead Plus licence; \(p.name) holds a Link licence"
        case "lead-plus" where licence.level != .leadPlus:
            return "the Lead Plus role needs a Lead Plus licence; \(p.name) holds a \(licence.level.title) licence"
        default:
            return nil
        }
    }
}

/// The guide's entry requirements (section 1), checked before a microproject starts.
public enum Eligibility {
    /// One thing missing, and what to do about it.
    public struct Missing: Equatable, Sendable {
        public var item: String
        public var whatToDo: String
    }

    /// Everything missing for this practitioner to run this type on this day (YYYY-MM-DD); empty means eligible.
    public static func missing(for profile: PractitionerProfile, type: MicroprojectType, today: String) -> [Missing] {
        var out: [Missing] = []
        for pathway in Pathway.required(for: type.level) where !profile.completed.contains(pathway) {
            out.append(
                Missing(
                    item: "\(pathway.title) is not recorded as completed",
                    whatToDo:
                        "complete it, then record it with: microproject practitioner update \(profile.id) --completed \(pathway.rawValue)"
                )
            )
        }
        for item in ReadinessItem.allCases where profile.readinessConfirmed(item) == nil {
            out.append(
                Missing(
                    item: "practice readiness: \(item.title.lowercased()) is not confirmed",
                    whatToDo: "it means \(item.reminder); when that holds for you, confirm it with: "
                        + "microproject practitioner update \(profile.id) --readiness \(item.rawValue)"
                )
            )
        }
        let needed = type.level == .link ? "Link (or Lead)" : "Lead"
        if let licence = profile.licence {
            if !licence.level.covers(type.level) {
                out.append(
                    Missing(
                        item:
                            "a \(needed) level licence, because \(type.title) is \(type.level == .link ? "Link" : "Lead") level "
                            + "(you hold a \(licence.level.title) licence)",
                        whatToDo: "once you hold one, record it with: microproject practitioner update \(profile.id) "
                            + "--licence \(type.level.rawValue) --licence-expires YYYY-MM-DD (or ask a Lead practitioner to run it)"
                    )
                )
            } else if licence.expires < today {
                out.append(
                    Missing(
                        item: "a valid licence (your \(licence.level.title) licence expired on \(licence.expires))",
                        whatToDo:
                            "renew it, then record the new date with: microproject practitioner update \(profile.id) --licence-expires YYYY-MM-DD"
                    )
                )
            }
        } else {
            out.append(
                Missing(
                    item: "a \(needed) level Microproject Practitioner Licence",
                    whatToDo:
                        "record it with: microproject practitioner update \(profile.id) --licence \(type.level.rawValue) --licence-expires YYYY-MM-DD"
                )
            )
        }
        if !profile.organisationalApproval {
            out.append(
                Missing(
                    item: "organisational approval under the Enhanced Practice licence",
                    whatToDo:
                        "ask your organisation, then record it with: microproject practitioner update \(profile.id) --approved"
                )
            )
        }
        return out
    }
}
