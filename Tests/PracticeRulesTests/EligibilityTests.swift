import Testing

@testable import PracticeRules

/// The guide's section 1, entry requirements: pathways for the level, a valid licence of that level, approval.
@Suite struct EligibilityTests {
    static let today = "2026-05-01"
    /// Every practice readiness item confirmed.
    static let ready = ["principles": "2026-04-01", "boundaries": "2026-04-01", "reflection": "2026-04-01"]

    static let link = PractitionerProfile(
        id: "sam",
        name: "Sam Khan",
        licence: Licence(level: .link, expires: "2027-08-31"),
        completed: [.introduction, .foundations, .informedPractitioner, .linkTraining],
        organisationalApproval: true,
        practiceReadiness: Self.ready
    )

    static let lead = PractitionerProfile(
        id: "lee",
        name: "Lee Ward",
        licence: Licence(level: .lead, expires: "2027-08-31"),
        completed: Set(Pathway.allCases),
        organisationalApproval: true,
        practiceReadiness: Self.ready
    )

    /// A Lead who holds only the Lead-level pathways.
    static let leadOnlyLeadPathways = PractitionerProfile(
        id: "lou",
        name: "Lou Park",
        licence: Licence(level: .lead, expires: "2027-08-31"),
        completed: [.introduction, .foundations, .deepDive, .leadTraining],
        organisationalApproval: true,
        practiceReadiness: Self.ready
    )

    static func items(_ p: PractitionerProfile, _ t: MicroprojectType, today: String = today) -> [String] {
        Eligibility.missing(for: p, type: t, today: today).map(\.item)
    }

    @Test(arguments: [MicroprojectType.universalPrevention, .earlyConcern])
    func completeLinkPractitionerMayRunLinkTypes(type: MicroprojectType) {
        #expect(Eligibility.missing(for: Self.link, type: type, today: Self.today).isEmpty)
    }

    @Test(arguments: [MicroprojectType.supportedLearning, .complexEngagement])
    func completeLinkPractitionerIsRefusedLeadTypes(type: MicroprojectType) throws {
        let missing = Eligibility.missing(for: Self.link, type: type, today: Self.today)
        #expect(
            missing.map(\.item) == [
                "Deep Dive is not recorded as completed",
                "Lead training is not recorded as completed",
                "a Lead level licence, because \(type.title) is Lead level (you hold a Link licence)",
            ]
        )
        #expect(missing[0].whatToDo.contains("microproject practitioner update sam --completed deep-dive"))
        #expect(missing[1].whatToDo.contains("--completed lead-training"))
        #expect(
            missing[2].whatToDo.contains(
                "microproject practitioner update sam --licence lead --licence-expires YYYY-MM-DD"
            )
        )
    }

    @Test(arguments: MicroprojectType.allCases)
    func leadWithEveryPathwayMayRunEveryType(type: MicroprojectType) {
        #expect(Self.items(Self.lead, type).isEmpty)
    }

    @Test(arguments: LicenceLevel.allCases)
    func anyLicenceLevelWithEveryPathwayMayRunLinkTypes(level: LicenceLevel) {
        var p = Self.lead
        p.licence = Licence(level: level, expires: "2027-08-31")
        #expect(Self.items(p, .universalPrevention).isEmpty)
        #expect(Self.items(p, .complexEngagement).isEmpty == (level != .link))
    }

    /// The guide: Types 1-2 need Informed Practitioner and Link training. A Lead licence covers Link-level work,
    /// but it does not stand in for those two trainings.
    @Test(arguments: [MicroprojectType.universalPrevention, .earlyConcern])
    func leadWithOnlyLeadPathwaysStillNeedsTheLinkTrainingsForTypesOneAndTwo(type: MicroprojectType) {
        #expect(
            Self.items(Self.leadOnlyLeadPathways, type) == [
                "Informed Practitioner training is not recorded as completed",
                "Link training is not recorded as completed",
            ]
        )
    }

    @Test(arguments: [MicroprojectType.supportedLearning, .complexEngagement])
    func leadWithOnlyLeadPathwaysMayRunLeadTypes(type: MicroprojectType) {
        #expect(Self.items(Self.leadOnlyLeadPathways, type).isEmpty)
    }

    @Test func expiredLicenceIsNamedWithItsDate() {
        var p = Self.link
        p.licence = Licence(level: .link, expires: "2026-04-30")
        let missing = Eligibility.missing(for: p, type: .universalPrevention, today: Self.today)
        #expect(missing.map(\.item) == ["a valid licence (your Link licence expired on 2026-04-30)"])
        #expect(missing.first?.whatToDo.contains("--licence-expires YYYY-MM-DD") == true)
    }

    @Test(arguments: [("2026-05-01", true), ("2026-05-02", true), ("2026-04-30", false), ("2025-12-31", false)])
    func licenceIsValidThroughItsLastDay(expires: String, valid: Bool) {
        var p = Self.lead
        p.licence = Licence(level: .lead, expires: expires)
        #expect(Self.items(p, .supportedLearning).isEmpty == valid)
    }

    @Test(arguments: [
        (
            MicroprojectType.universalPrevention, "a Link (or Lead) level Microproject Practitioner Licence",
            "--licence link"
        ),
        (.complexEngagement, "a Lead level Microproject Practitioner Licence", "--licence lead"),
    ])
    func noLicenceIsNamedForTheLevel(type: MicroprojectType, item: String, option: String) {
        var p = Self.lead
        p.licence = nil
        let missing = Eligibility.missing(for: p, type: type, today: Self.today)
        #expect(missing.map(\.item) == [item])
        #expect(missing.first?.whatToDo.contains(option) == true)
    }

    @Test(arguments: MicroprojectType.allCases)
    func noOrganisationalApprovalIsNamed(type: MicroprojectType) {
        var p = Self.lead
        p.organisationalApproval = false
        let missing = Eligibility.missing(for: p, type: type, today: Self.today)
        #expect(missing.map(\.item) == ["organisational approval under the Enhanced Practice licence"])
        #expect(missing.first?.whatToDo.contains("--approved") == true)
    }

    @Test func emptyProfileIsToldEverything() {
        let p = PractitionerProfile(id: "new", name: "New Person")
        let items = Self.items(p, .earlyConcern)
        #expect(items.count == 9)
        #expect(items.first == "I Matter Introduction pathway is not recorded as completed")
        #expect(items.contains("practice readiness: awareness of relational, non-clinical boundaries is not confirmed"))
        #expect(items.contains("Level 1-2 Foundations (with study support) is not recorded as completed"))
        #expect(items.last == "organisational approval under the Enhanced Practice licence")
    }

    /// Issue 10 item 1: practice readiness is an entry requirement, confirmed by the practitioner.
    @Test(arguments: ReadinessItem.allCases)
    func eachUnconfirmedReadinessItemIsMissingWithWhatToDo(item: ReadinessItem) {
        var p = Self.link
        p.practiceReadiness?.removeValue(forKey: item.rawValue)
        let missing = Eligibility.missing(for: p, type: .universalPrevention, today: Self.today)
        #expect(missing.map(\.item) == ["practice readiness: \(item.title.lowercased()) is not confirmed"])
        #expect(missing.first?.whatToDo.contains("--readiness \(item.rawValue)") == true)
        #expect(missing.first?.whatToDo.contains(item.reminder) == true)
    }
}
