import Foundation
import Testing

/// The co-run priorities consult through the built binary: sign-in refusals, wrong-role answers, both-questions
/// paused half-agreed, and a concern acknowledged by both practitioners.
@Suite("End to end: the co-run priorities consult")
struct EndToEndConsultTests {
    // MARK: Sign-in

    @Test("a Link licence is refused the Lead Plus role at sign-in: 77, says what to do, nothing is lost")
    func linkLicenceRefusedAsLeadPlus() async throws {
        let sandbox = try E2ESandbox()
        try await CoRunE2E.addPractitioners(sandbox)
        let id = try await CoRunE2E.microproject(sandbox, type: 2)
        let before = try await CoRunE2E.audit(sandbox, id)

        // Another Link practitioner named as the Lead Plus.
        let kit = try await sandbox.run(["consult", id, "--lead-plus", "kit"], lines: ["Calmer evenings"])
        #expect(kit.exitCode == 77, "\(kit.transcript)")
        #expect(MP.unwrapped(kit.stderr).contains("Kit Moss cannot take the Lead Plus role"), "\(kit.stderr)")
        #expect(MP.unwrapped(kit.stderr).contains("holds a Link licence"), "\(kit.stderr)")
        #expect(MP.unwrapped(kit.stderr).contains("Nothing has changed"), "\(kit.stderr)")
        #expect(MP.unwrapped(kit.stderr).contains("Sign in someone who can"), "\(kit.stderr)")
        #expect(!kit.stdout.contains("(session "), "a consult session started: \(kit.stdout)")

        // Asked for at the prompt instead of on the command line: the same reason, and the question is asked
        // again with who can sign in; at the end of input nothing has started.
        let asked = try await sandbox.run(["consult", id], lines: ["kit", "Calmer evenings"])
        #expect(asked.exitCode == 75, "\(asked.transcript)")
        #expect(asked.stdout.contains("Who is the Lead Plus? Type their practitioner id."), "\(asked.stdout)")
        let said = MP.unwrapped(asked.stdout)
        #expect(said.contains("Kit Moss cannot take the Lead Plus role"), "\(asked.stdout)")
        #expect(said.contains("There is no practitioner 'calmer evenings'."), "\(asked.stdout)")
        #expect(said.contains("Who can sign in as the Lead Plus: Ann Lee (ann)."), "\(asked.stdout)")
        #expect(!asked.stdout.contains("(session "), "a consult session started: \(asked.stdout)")

        // The microproject's own Link practitioner named as the Lead Plus (`--lead-plus sam`): refused for the
        // licence, with what to do.
        let sam = try await sandbox.run(["consult", id, "--lead-plus", "sam"], lines: ["Calmer evenings"])
        #expect(sam.exitCode == 77, "\(sam.transcript)")
        let samSaid = MP.unwrapped(sam.stderr)
        #expect(samSaid.contains("Lead Plus licence"), "the refusal does not name the licence: \(sam.stderr)")
        #expect(samSaid.contains("Nothing has changed"), "the refusal does not say what to do: \(sam.stderr)")
        #expect(
            samSaid.contains("microproject continue \(id)"),
            "the refusal does not say how to carry on: \(sam.stderr)"
        )
        #expect(!sam.stdout.contains("(session "), "a consult session started: \(sam.stdout)")

        // Nothing was lost or added: the trail is as it was (but for the resume of the paused microproject), the
        // consult is still due, and it runs once the right person signs in.
        let after = try await CoRunE2E.audit(sandbox, id)
        #expect(CoRunE2E.consultLines(after).isEmpty, "\(after)")
        #expect(after.filter { !$0.hasSuffix("  resumed") }.prefix(before.count) == before.prefix(before.count))
        let list = try await sandbox.run(["list"])
        #expect(MP.listLine(list.stdout, id: id)?.contains("consult") == true, "\(list.stdout)")

        let ann = try await sandbox.run(
            ["consult", id, "--lead-plus", "ann"],
            lines: ["Calmer evenings", "Money", "Dinner", "Calmer bedtimes", "", "no", "4", "2", "", MP.pauseHere]
        )
        #expect(ann.exitCode == 75, "\(ann.transcript)")
        #expect(ann.stdout.contains("Lead Plus: Ann Lee (ann)"), "\(ann.stdout)")
        #expect(ann.stdout.contains("Outcome: Priorities agreed"), "\(ann.stdout)")
        let (project, answers) = try await CoRunE2E.consultRecord(sandbox, id)
        #expect(project["priorities"] as? [String] == ["Calmer bedtimes"], "\(project)")
        #expect(answers.count == 7, "\(answers)")
    }

    @Test("Type 4: someone not recorded as the senior consultant is refused (77) with the update that fixes it")
    func consultantMustBeRecorded() async throws {
        let sandbox = try E2ESandbox()
        try await CoRunE2E.addPractitioners(sandbox)
        let id = try await CoRunE2E.microproject(sandbox, type: 4)
        let r = try await sandbox.run(["consult", id, "--consultant", "ann"])
        #expect(r.exitCode == 77, "\(r.transcript)")
        #expect(r.stderr.contains("Ann Lee cannot take the senior consultant role"), "\(r.stderr)")
        #expect(r.stderr.contains("microproject practitioner update ann --senior-consultant"), "\(r.stderr)")
        #expect(r.stderr.contains("Nothing has changed"), "\(r.stderr)")
        #expect(CoRunE2E.consultLines(try await CoRunE2E.audit(sandbox, id)).isEmpty)

        let lead = try await sandbox.run(["consult", id, "--lead", "kit", "--consultant", "cal"])
        #expect(lead.exitCode == 77, "\(lead.transcript)")
        #expect(MP.unwrapped(lead.stderr).contains("the Lead role needs a Lead or Lead Plus licence"), "\(lead.stderr)")
    }

    @Test("Type 3 signs in only the Lead (a Lead Plus may take the role; a Link may not); no one to hand over to")
    func type3SignsInOnlyTheLead() async throws {
        let sandbox = try E2ESandbox()
        try await CoRunE2E.addPractitioners(sandbox)
        let id = try await CoRunE2E.microproject(sandbox, type: 3)

        let link = try await sandbox.run(["consult", id, "--lead", "kit"])
        #expect(link.exitCode == 77, "\(link.transcript)")
        #expect(link.stderr.contains("Kit Moss cannot take the Lead practitioner role"), "\(link.stderr)")

        let r = try await sandbox.run(
            ["consult", id, "--lead", "ann"],
            lines: ["/handover", "Feeling calmer", "/pause"]
        )
        #expect(r.exitCode == 75, "\(r.transcript)")
        #expect(r.stdout.contains("consult is run by: Lead practitioner.\n"), "\(r.stdout)")
        #expect(r.stdout.contains("  Lead practitioner: Ann Lee (ann)"), "\(r.stdout)")
        #expect(!r.stdout.contains("Who is the"), "asked for a second practitioner: \(r.stdout)")
        #expect(r.stdout.contains("Only one practitioner is signed in, so there is no one to hand over to."))
        let audit = CoRunE2E.consultLines(try await CoRunE2E.audit(sandbox, id))
        #expect(audit.first?.contains("started priorities consult with Ann Lee as lead") == true, "\(audit)")
        #expect(!audit.contains { $0.contains("handed over") }, "\(audit)")
        #expect(
            audit.contains {
                $0.contains("ann (lead)")
                    && $0.contains("answered \"What are you hoping this learning will help with?\": \"Feeling calmer\"")
            }
        )
    }

    // MARK: Roles and agreement

    @Test(
        "a wrong-role answer is refused with /handover or /as; a both-question half-agreed survives pause and continue"
    )
    func wrongRoleAndHalfAgreedPause() async throws {
        let sandbox = try E2ESandbox()
        try await CoRunE2E.addPractitioners(sandbox)
        let id = try await CoRunE2E.microproject(sandbox, type: 2)

        let first = try await sandbox.run(
            ["consult", id, "--lead-plus", "ann"],
            lines: [
                "/handover",
                "Calmer evenings",  // ann at the Link's question: refused
                "/as link Calmer evenings",
                "Money is tight",
                "We laugh at dinner",
                "Calmer bedtimes",  // ann proposes
                "/pause",  // before sam agrees
            ]
        )
        #expect(first.exitCode == 75, "\(first.transcript)")
        let out = first.stdout
        #expect(out.contains("Ann Lee now has the keyboard."), "\(out)")
        // The refusal says whose question it is and what to do, and the same question is asked again: nothing
        // is printed between the refusal and the next prompt for question 1.
        let between = CoRunE2E.text(
            between: "ann (lead-plus)> Calmer evenings\n",
            and: "ann (lead-plus)> /as link Calmer evenings",
            in: out
        )
        let refusal = (between ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(
            refusal
                == "This question is for the Link practitioner, Sam Khan. Type /handover to pass the keyboard to "
                + "Sam Khan, or /as link to type their answer for them.",
            "\(out)"
        )
        #expect(out.contains("Saved as Sam Khan's answer, typed by Ann Lee."), "\(out)")
        // One answer to a both-question does not move on; the next prompt asks the other to agree.
        #expect(out.contains("Noted. Now for Sam Khan to agree."), "\(out)")
        #expect(out.contains("   Ann Lee answered: Calmer bedtimes"), "\(out)")
        #expect(out.contains("Sam Khan, press Enter (or type yes) to agree, or type a different answer."), "\(out)")
        #expect(out.contains("sam (link)> /pause"), "\(out)")
        #expect(!out.contains("5. Is there another priority"), "moved on before both agreed: \(out)")

        let audit = CoRunE2E.consultLines(try await CoRunE2E.audit(sandbox, id))
        let hopes = audit.filter { $0.contains("answered \"What are you hoping this learning will help with?\":") }
        #expect(hopes.count == 1, "the refused answer was journaled: \(audit)")
        #expect(hopes.first?.contains("sam (link)") == true, "\(hopes)")
        #expect(
            audit.contains {
                $0.contains("ann (lead-plus)")
                    && $0.contains("proposed for \"In your own words, what is learning priority 1?\"")
            }
        )
        #expect(!audit.contains { $0.contains("agreed with") }, "\(audit)")

        // continue: the proposal is still there, and sam's Enter agrees with it.
        let resumed = try await sandbox.run(
            ["continue", id],
            lines: ["", "no", "4", "1, 3", "", MP.pauseHere]
        )
        #expect(resumed.exitCode == 75, "\(resumed.transcript)")
        let back = resumed.stdout
        #expect(back.contains("   Ann Lee answered: Calmer bedtimes"), "\(back)")
        #expect(back.contains("sam (link)> \n   Agreed by both."), "\(back)")
        #expect(back.contains("Outcome: Priorities agreed"), "\(back)")

        let (project, answers) = try await CoRunE2E.consultRecord(sandbox, id)
        let byKey = Dictionary(answers.compactMap { a in (a["key"] as? String).map { ($0, a) } }) { a, _ in a }
        #expect(byKey["hopes"]?["answeredBy"] as? String == "sam")
        #expect(byKey["hopes"]?["enteredBy"] as? String == "ann")
        #expect(byKey["worries"]?["answeredBy"] as? String == "ann")
        #expect(byKey["priorities.1.priority"]?["answeredBy"] as? String == "ann")
        #expect(byKey["priorities.1.priority"]?["agreedBy"] as? [String] == ["sam"])
        #expect(byKey["support-route"]?["answeredBy"] as? String == "ann")
        #expect(byKey["support-route"]?["agreedBy"] as? [String] == ["sam"])
        #expect(project["priorities"] as? [String] == ["Calmer bedtimes"], "\(project)")
        let trail = CoRunE2E.consultLines(try await CoRunE2E.audit(sandbox, id))
        #expect(
            trail.contains {
                $0.contains("sam (link)")
                    && $0.contains("agreed with the answer to \"In your own words, what is learning priority 1?\"")
            }
        )
    }

    // MARK: Concerns

    @Test("a concern in the consult: both type OK, then the microproject is escalated")
    func concernAcknowledgedByBoth() async throws {
        let sandbox = try E2ESandbox()
        try await CoRunE2E.addPractitioners(sandbox)
        let id = try await CoRunE2E.microproject(sandbox, type: 2)
        let r = try await sandbox.run(
            ["consult", id, "--lead-plus", "ann"],
            lines: [
                "Calmer evenings", "/handover", "/concern Child said they are scared at home", "not yet", "ok", "OK",
            ]
        )
        #expect(r.exitCode == 0, "\(r.transcript)")
        let out = r.stdout
        #expect(out.contains("Outcome: Follow safeguarding procedures now"), "\(out)")
        #expect(
            CoRunE2E.count("Sam Khan, please type OK to confirm", in: out) == 2,
            "not asked again after 'not yet': \(out)"
        )
        #expect(CoRunE2E.count("Ann Lee, please type OK to confirm", in: out) == 1, "\(out)")
        #expect(out.contains("Both practitioners have acknowledged the guidance."), "\(out)")
        #expect(out.contains("Microproject \(id) is paused because a concern was raised."), "\(out)")

        let list = try await sandbox.run(["list"])
        #expect(MP.listLine(list.stdout, id: id)?.contains("escalated") == true, "\(list.stdout)")
        let masked = CoRunE2E.consultLines(try await CoRunE2E.audit(sandbox, id))
        #expect(
            masked.contains { $0.contains("ann (lead-plus)") && $0.contains("raised a concern (left out: sensitive") },
            "without --show-sensitive the concern's words are left out: \(masked)"
        )
        #expect(!masked.contains { $0.contains("Child said") }, "\(masked)")
        let audit = CoRunE2E.consultLines(try await CoRunE2E.audit(sandbox, id, showSensitive: true))
        #expect(
            audit.contains { $0.contains("ann (lead-plus)") && $0.contains("raised a concern: \"Child said") },
            "\(audit)"
        )
        let acks = audit.filter { $0.contains("acknowledged the concern guidance") }
        #expect(acks.count == 2, "\(audit)")
        #expect(acks.first?.contains("sam (link)") == true && acks.last?.contains("ann (lead-plus)") == true, "\(acks)")

        // The escalation path: continue asks what was done before anything else.
        let next = try await sandbox.run(["continue", id])
        #expect(MP.stageHeaders(next.stdout).first == MP.reviewTitle, "\(next.transcript)")
    }

    @Test("input ends before both acknowledge the concern: 75, and continue asks the one still to acknowledge")
    func concernAcknowledgementResumes() async throws {
        let sandbox = try E2ESandbox()
        try await CoRunE2E.addPractitioners(sandbox)
        let id = try await CoRunE2E.microproject(sandbox, type: 2)
        let first = try await sandbox.run(
            ["consult", id, "--lead-plus", "ann"],
            lines: ["Calmer evenings", "/concern Worried about what was said", "ok"]
        )
        #expect(first.exitCode == 75, "\(first.transcript)")
        #expect(
            MP.unwrapped(first.stdout).contains(
                "The session closes once both practitioners have acknowledged it: microproject continue \(id)"
            ),
            "\(first.stdout)"
        )
        let hint = id
        let list = try await sandbox.run(["list"])
        #expect(MP.listLine(list.stdout, id: id)?.contains("closed") == false, "\(list.stdout)")

        // Carry on with what the program said to type.
        let resumed = try await sandbox.run(["continue", hint], lines: ["ok"])
        #expect(resumed.exitCode == 0, "\(resumed.transcript)")
        #expect(resumed.stdout.contains("Ann Lee, please type OK to confirm"), "\(resumed.transcript)")
        #expect(!resumed.stdout.contains("Sam Khan, please type OK"), "asked sam again: \(resumed.stdout)")
        #expect(resumed.stdout.contains("Both practitioners have acknowledged the guidance."), "\(resumed.transcript)")

        let after = try await sandbox.run(["list"])
        #expect(MP.listLine(after.stdout, id: id)?.contains("escalated") == true, "\(after.stdout)")
        let audit = CoRunE2E.consultLines(try await CoRunE2E.audit(sandbox, id))
        #expect(audit.filter { $0.contains("acknowledged the concern guidance") }.count == 2, "\(audit)")
    }
}
