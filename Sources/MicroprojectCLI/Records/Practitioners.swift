import Foundation
import InterviewEngine
import PracticeRules
import SessionStore

/// Practitioner profiles in the store, as `PractitionerProfile` values.
enum Practitioners {
    static func load(_ id: String, store: SessionStore) throws -> PractitionerProfile? {
        guard let json = try store.practitionerJSON(id: id) else { return nil }
        do {
            return try JSONDecoder().decode(PractitionerProfile.self, from: Data(json.utf8))
        } catch {
            throw CLIError(message: "The profile '\(id)' cannot be read (\(error)).", code: ExitStatus.dataError)
        }
    }

    /// The profiles that can be read; `practitioner list` shows the others too (`everyone`).
    static func all(store: SessionStore) throws -> [PractitionerProfile] {
        try everyone(store: store).readable
    }

    /// Every profile, with those that cannot be read (and why) kept apart rather than dropped.
    static func everyone(
        store: SessionStore
    ) throws -> (readable: [PractitionerProfile], unreadable: [(id: String, reason: String)]) {
        var readable: [PractitionerProfile] = []
        var unreadable: [(id: String, reason: String)] = []
        for (id, json) in try store.practitionerJSONs() {
            do {
                readable.append(try JSONDecoder().decode(PractitionerProfile.self, from: Data(json.utf8)))
            } catch {
                unreadable.append((id, "\(error)"))
            }
        }
        return (readable, unreadable)
    }

    /// Saves the profile; returns it as saved (with the days pathways were recorded as completed).
    @discardableResult
    static func save(_ profile: PractitionerProfile, store: SessionStore, at time: Int64) throws -> PractitionerProfile
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Whatever is newly recorded as completed is dated today: certification shows when.
        let dated = profile.recordingCompletionDates(
            since: try load(profile.id, store: store),
            on: CivilTime.day(time)
        )
        let json = String(decoding: try encoder.encode(dated), as: UTF8.self)
        try store.savePractitioner(id: profile.id, profileJSON: json, at: time)
        return dated
    }

    /// Finds the practitioner for a command: the id given, else the only profile there is.
    static func choose(_ id: String?, store: SessionStore) throws -> PractitionerProfile {
        if let id {
            guard let profile = try load(id.lowercased(), store: store) else {
                throw CLIError(
                    message: "There is no practitioner '\(id)'. See them with 'microproject practitioner list', "
                        + "or add one with 'microproject practitioner add'.",
                    code: ExitStatus.notFound
                )
            }
            return profile
        }
        let all = try all(store: store)
        switch all.count {
        case 0:
            throw CLIError(
                message: "There is no practitioner profile yet. Set yours up first: microproject practitioner add",
                code: ExitStatus.notFound
            )
        case 1:
            return all[0]
        default:
            throw CLIError(
                message: "There are several practitioner profiles (\(all.map(\.id).joined(separator: ", "))). "
                    + "Say which is yours with --practitioner ID.",
                code: ExitStatus.usage
            )
        }
    }

    /// Builds a profile from the answers of the practitioner-profile script.
    static func profile(from machine: InterviewStateMachine, today: String) -> PractitionerProfile? {
        let facts = Facts.of(machine)
        guard let id = facts["practitioner-id"]?.lowercased(), let name = facts["name"] else { return nil }
        var licence: Licence?
        if let level = facts["licence"].flatMap(LicenceLevel.init(rawValue:)), let expires = facts["licence-expires"] {
            licence = Licence(level: level, expires: expires)
        }
        let completed = Set(
            (facts["completed"] ?? "").split(separator: ",").compactMap { Pathway(rawValue: String($0)) }
        )
        var profile = PractitionerProfile(
            id: id,
            name: name,
            licence: licence,
            completed: completed,
            organisationalApproval: facts["approved"] == "yes"
        )
        // The practitioner's own confirmation of each practice readiness item, dated the day it was given.
        let confirmed = (facts["readiness"] ?? "").split(separator: ",").compactMap {
            ReadinessItem(rawValue: String($0))
        }
        if !confirmed.isEmpty {
            profile.practiceReadiness = Dictionary(uniqueKeysWithValues: confirmed.map { ($0.rawValue, today) })
        }
        return profile
    }

    /// A word when the licence saved has already expired: it is kept, and the entry check will ask for a renewal.
    static func expiredNote(_ p: PractitionerProfile, today: String) -> String {
        guard let l = p.licence, l.expires < today else { return "" }
        return "Please note: this licence expired on \(l.expires). It is saved as given, but a microproject needs a "
            + "valid licence; once it is renewed, record the new date with: microproject practitioner update \(p.id) "
            + "--licence-expires YYYY-MM-DD\n"
    }

    /// A profile in words, with what each level still needs.
    static func describe(_ p: PractitionerProfile, today: String) -> String {
        var out = "\(p.name) (\(p.id))\n"
        if let l = p.licence {
            out += "  Licence: \(l.level.title), valid until \(l.expires)\(l.expires < today ? " (expired)" : "")\n"
        } else {
            out += "  Licence: none recorded\n"
        }
        out +=
            "  Completed: \(p.completed.isEmpty ? "nothing recorded yet" : p.completed.sorted().map(p.dated).joined(separator: ", "))\n"
        out += "  Organisational approval: \(p.organisationalApproval ? "yes" : "no")\n"
        out += "  Practice readiness (your own confirmation):\n"
        for item in ReadinessItem.allCases {
            out +=
                "    \(item.title): "
                + (p.readinessConfirmed(item).map { "confirmed on \($0)" }
                    ?? "not confirmed yet (it means \(item.reminder); confirm with --readiness \(item.rawValue))")
                + "\n"
        }
        if p.seniorConsultant == true {
            out += "  Senior consultant: yes (co-runs Type 4 consults; remove with --not-senior-consultant)\n"
        }
        out += "  Peer learning or reflective discussions: \(p.peerLearning.count)\n"
        for type in [MicroprojectType.universalPrevention, .supportedLearning] {
            let missing = Eligibility.missing(for: p, type: type, today: today)
            let level =
                type.level == .link ? "Link-level microprojects (Types 1-2)" : "Lead-level microprojects (Types 3-4)"
            out +=
                missing.isEmpty
                ? "  Ready for \(level).\n"
                : "  For \(level), still needed: \(missing.map(\.item).joined(separator: "; ")).\n"
        }
        return out
    }
}

/// A finished interview's answers as plain strings, by key: what the cycle's rules read.
enum Facts {
    static func of(_ machine: InterviewStateMachine) -> [String: String] {
        var facts: [String: String] = [:]
        for answer in machine.routeAnswers {
            switch answer.value {
            case .text(let s), .choice(let s), .date(let s): facts[answer.key] = s
            case .yesNo(let b): facts[answer.key] = b ? "yes" : "no"
            case .number(let n): facts[answer.key] = AnswerValue.format(n)
            case .choices(let c): facts[answer.key] = c.joined(separator: ",")
            case .declined, .skipped: break
            }
        }
        return facts
    }

    /// The keys of the answers whose questions are tagged sensitive.
    static func sensitiveKeys(_ machine: InterviewStateMachine) -> [String] {
        machine.routeAnswers.filter(\.sensitive).map(\.key)
    }
}

extension PractitionerProfile {
    /// A pathway's title, with the day it was recorded as completed when that is known.
    fileprivate func dated(_ pathway: Pathway) -> String {
        pathway.title + (completedOn?[pathway.rawValue].map { " (recorded \($0))" } ?? "")
    }
}
