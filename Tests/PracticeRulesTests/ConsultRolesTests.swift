import Foundation
import Testing

@testable import PracticeRules

/// Who may take each role in a priorities consult: the guide's delivery models, and the licence each role needs.
@Suite struct ConsultRolesTests {
    static let today = "2026-05-01"

    static func profile(
        _ level: LicenceLevel?,
        expires: String = "2027-08-31",
        seniorConsultant: Bool? = nil
    ) -> PractitionerProfile {
        var p = PractitionerProfile(
            id: "alex",
            name: "Alex Rowe",
            licence: level.map { Licence(level: $0, expires: expires) },
            completed: Set(Pathway.allCases),
            organisationalApproval: true
        )
        p.seniorConsultant = seniorConsultant
        return p
    }

    static func refusal(_ p: PractitionerProfile, _ role: String) -> String? {
        ConsultRoles.refusal(p, role: role, today: today)
    }

    // MARK: Roles per type

    @Test(arguments: [
        (MicroprojectType.universalPrevention, [] as [String]), (.earlyConcern, ["link", "lead-plus"]),
        (.supportedLearning, ["lead"]), (.complexEngagement, ["lead", "consultant"]),
    ])
    func rolesEachTypeNeeds(type: MicroprojectType, roles: [String]) {
        #expect(ConsultRoles.required(for: type) == roles)
    }

    /// The roles are the ones the consult script addresses its questions to (besides `any` and `both`).
    @Test func everyRoleTheScriptAddressesIsSignedInForSomeType() throws {
        let script = try PackageFiles.script("priorities-consult")
        let signed = Set(MicroprojectType.allCases.flatMap { ConsultRoles.required(for: $0) })
        let addressed = script.split(separator: "\n").compactMap { line -> String? in
            let s = line.trimmingCharacters(in: .whitespaces)
            return s.hasPrefix("role: ") ? String(s.dropFirst("role: ".count)) : nil
        }
        #expect(!addressed.isEmpty)
        for role in Set(addressed) where role != "any" && role != "both" {
            #expect(signed.contains(role), "priorities-consult.yaml addresses '\(role)', which nobody signs in as")
        }
    }

    // MARK: Link

    @Test(arguments: LicenceLevel.allCases)
    func linkRoleTakesAnyValidLicence(level: LicenceLevel) {
        #expect(Self.refusal(Self.profile(level), "link") == nil)
    }

    // MARK: Lead

    @Test func leadRoleNeedsALeadOrLeadPlusLicence() {
        #expect(Self.refusal(Self.profile(.lead), "lead") == nil)
        #expect(Self.refusal(Self.profile(.leadPlus), "lead") == nil)  // a delegated Lead Plus
        #expect(
            Self.refusal(Self.profile(.link), "lead")
                == "the Lead role needs a Lead or Lead Plus licence; Alex Rowe holds a Link licence"
        )
    }

    // MARK: Lead Plus

    @Test func leadPlusRoleNeedsALeadPlusLicence() {
        #expect(Self.refusal(Self.profile(.leadPlus), "lead-plus") == nil)
        #expect(
            Self.refusal(Self.profile(.lead), "lead-plus")
                == "the Lead Plus role needs a Lead Plus licence; Alex Rowe holds a Lead licence"
        )
        #expect(
            Self.refusal(Self.profile(.link), "lead-plus")
                == "the Lead Plus role needs a Lead Plus licence; Alex Rowe holds a Link licence"
        )
    }

    // MARK: Senior consultant

    @Test func consultantRoleNeedsTheSeniorConsultantSetting() throws {
        #expect(Self.refusal(Self.profile(.lead, seniorConsultant: true), "consultant") == nil)
        for setting in [nil, false] as [Bool?] {
            let refusal = try #require(Self.refusal(Self.profile(.lead, seniorConsultant: setting), "consultant"))
            #expect(refusal.contains("Alex Rowe is not recorded as the programme's senior consultant"))
            #expect(refusal.contains("microproject practitioner update alex --senior-consultant"))
        }
        // A Lead Plus licence does not make anyone the senior consultant.
        #expect(Self.refusal(Self.profile(.leadPlus), "consultant") != nil)
    }

    // MARK: Licence validity

    @Test(arguments: ["link", "lead", "lead-plus"])
    func expiredLicenceIsRefusedWithItsDate(role: String) {
        let p = Self.profile(.leadPlus, expires: "2026-04-30")
        #expect(Self.refusal(p, role) == "Alex Rowe's licence expired on 2026-04-30")
    }

    @Test(arguments: ["link", "lead", "lead-plus"])
    func licenceIsValidThroughItsLastDay(role: String) {
        #expect(Self.refusal(Self.profile(.leadPlus, expires: Self.today), role) == nil)
    }

    @Test(arguments: ["link", "lead", "lead-plus"])
    func noLicenceIsRefused(role: String) {
        #expect(Self.refusal(Self.profile(nil), role) == "Alex Rowe has no practitioner licence recorded")
    }
}
