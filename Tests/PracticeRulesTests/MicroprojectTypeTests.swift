import Testing

@testable import PracticeRules

/// The guide's "Microproject levels" and tracker guidelines, and each type's delivery model.
@Suite struct MicroprojectTypeTests {
    @Test(arguments: [
        (MicroprojectType.universalPrevention, PracticeLevel.link, TrackerLevel.optional),
        (.earlyConcern, .link, .recommended),
        (.supportedLearning, .lead, .recommended),
        (.complexEngagement, .lead, .requiredEnhanced),
    ])
    func levelAndTracker(type: MicroprojectType, level: PracticeLevel, tracker: TrackerLevel) {
        #expect(type.level == level)
        #expect(type.tracker == tracker)
    }

    @Test func fourTypesNumberedOneToFour() {
        #expect(MicroprojectType.allCases.map(\.rawValue) == [1, 2, 3, 4])
        #expect(
            MicroprojectType.allCases.map(\.title) == [
                "Type 1: Universal Prevention", "Type 2: Early Concern / Early Help", "Type 3: Supported Learning",
                "Type 4: Complex Engagement",
            ]
        )
        #expect(MicroprojectType.universalPrevention < .complexEngagement)
    }

    @Test func trackerRawValuesAndWords() {
        #expect(TrackerLevel.requiredEnhanced.rawValue == "required-enhanced")
        #expect(TrackerLevel.requiredEnhanced.description.contains("session by session"))
        #expect(TrackerLevel.optional.description == "optional tracker")
        #expect(TrackerLevel.recommended.description == "recommended tracker")
    }

    @Test(arguments: [
        (MicroprojectType.universalPrevention, nil as Int?, false, nil as String?),
        (.earlyConcern, nil, false, "Link + Lead Plus"),
        (.supportedLearning, 6, false, "Lead"),
        (.complexEngagement, 6, true, "senior consultant"),
    ])
    func deliveryModel(type: MicroprojectType, core: Int?, backup: Bool, consultBy: String?) throws {
        #expect(type.coreSessions == core)
        #expect(type.allowsBackupSessions == backup)
        if let consultBy {
            let consult = try #require(type.consult)
            #expect(consult.contains(consultBy))
        } else {
            #expect(type.consult == nil)
        }
    }

    @Test func deliveryModelWords() {
        #expect(MicroprojectType.universalPrevention.deliveryModel.contains("Community Wheel"))
        #expect(MicroprojectType.earlyConcern.deliveryModel.contains("light-touch follow-up"))
        #expect(MicroprojectType.supportedLearning.deliveryModel.contains("six structured sessions"))
        #expect(MicroprojectType.complexEngagement.deliveryModel.contains("PCN Link liaison"))
        // The guide names a person for Type 4's consult; design.md asks for a configured role, never the name.
        #expect(!MicroprojectType.complexEngagement.deliveryModel.contains("Cathy"))
        #expect(MicroprojectType.complexEngagement.consult?.contains("Cathy") == false)
    }

    @Test func trackerLevelFollowsTheChosenType() {
        var p = Microproject(id: "mp", practitionerID: "sam")
        #expect(p.trackerLevel == nil)
        p.type = .complexEngagement
        #expect(p.trackerLevel == .requiredEnhanced)
    }

    @Test(arguments: [
        (LicenceLevel.link, PracticeLevel.link, true), (.link, .lead, false),
        (.lead, .link, true), (.lead, .lead, true),
        (.leadPlus, .link, true), (.leadPlus, .lead, true),
    ])
    func licenceCovers(licence: LicenceLevel, level: PracticeLevel, covers: Bool) {
        #expect(licence.covers(level) == covers)
    }

    @Test func pathwaysEachLevelNeeds() {
        #expect(Pathway.required(for: .link) == [.introduction, .foundations, .informedPractitioner, .linkTraining])
        #expect(Pathway.required(for: .lead) == [.introduction, .foundations, .deepDive, .leadTraining])
        #expect(Pathway.allCases.sorted() == Pathway.allCases)
        #expect(
            Pathway.allCases.map(\.rawValue) == [
                "introduction", "foundations", "informed-practitioner", "link-training", "deep-dive", "lead-training",
            ]
        )
    }

    @Test(arguments: Stage.allCases)
    func everyStageHasItsShippedScript(stage: Stage) throws {
        let text = try PackageFiles.script(stage.scriptID)
        #expect(text.contains("script: \(stage.scriptID)\n"))
    }

    @Test func stagesRunInTheGuidesOrder() {
        #expect(
            Stage.allCases == [
                .focus, .safety, .typeDecision, .consult, .plan, .agreement, .session, .reflection, .closure,
                .escalationReview,
            ]
        )
        #expect(Stage.consult.scriptID == "priorities-consult")
        #expect(Stage.focus.title.hasPrefix("Step 1"))
        #expect(Stage.reflection.title.hasPrefix("Step 6"))
    }

    /// Issue 10 item 3: each type's delivery model parts, from the plan's answers; others are left out.
    @Test func deliveryModelByType() {
        let facts = [
            "identified-by-link": "yes", "pilot-invitation": "no", "session-format": "group", "pcn-liaison": "yes",
        ]
        let one = DeliveryModel(type: .universalPrevention, facts: facts)
        #expect(one.identifiedByLinkStaff == "yes" && one.fundedPilotInvitation == "no")
        #expect(one.sessionFormat == nil && one.pcnLiaison == nil)
        let three = DeliveryModel(type: .supportedLearning, facts: facts)
        #expect(three.sessionFormat == "group" && three.identifiedByLinkStaff == nil && three.pcnLiaison == nil)
        let four = DeliveryModel(type: .complexEngagement, facts: facts)
        #expect(four.pcnLiaison == "yes" && four.sessionFormat == nil && four.fundedPilotInvitation == nil)
    }
}
