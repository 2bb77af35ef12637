import ArgumentParser
import Foundation
import InterviewEngine
import PracticeRules
import PromptScripts
import SessionStore
import TerminalIO
import TextSafety

/// Runs a microproject's cycle: the stage that is due, then the next, asking between stages whether to
/// carry on now. Each stage is an interview; the cycle's rules are `MicroprojectMachine`'s.
final class MicroprojectRunner {
    let env: AppEnvironment
    let console: Console
    let reader: LineReader
    let store: SessionStore
    let profile: PractitionerProfile
    let journal: MicroprojectJournal
    var machine: MicroprojectMachine
    let settings: InterviewSettings
    /// Practitioner ids for consult roles given on the command line (`consult --link ID`).
    var consultRoles: [String: String] = [:]
    /// Set when a consult sign-in was refused.
    var refusedCode = ExitStatus.refused

    init(
        env: AppEnvironment,
        console: Console,
        reader: LineReader,
        store: SessionStore,
        profile: PractitionerProfile,
        machine: MicroprojectMachine,
        settings: InterviewSettings
    ) {
        self.env = env
        self.console = console
        self.reader = reader
        self.store = store
        self.profile = profile
        self.machine = machine
        self.journal = MicroprojectJournal(store: store, id: machine.project.id)
        var s = settings
        s.practitioner = profile.id
        self.settings = s
    }

    var project: Microproject { machine.project }

    /// `microproject start`.
    static func start(
        practitionerID: String?,
        settings: InterviewSettings,
        env: AppEnvironment,
        console: Console,
        reader existing: LineReader?
    )
        throws -> ExitCode
    {
        let store = try env.openStore(reportingTo: console)
        let reader = try existing ?? Interview.makeReader(settings.answers)
        let profile = try PractitionerQuestions.choose(
            practitionerID,
            store: store,
            talk: Conversation(console: console, reader: reader)
        )
        let id = "mp-" + env.makeID()
        let machine = MicroprojectMachine(id: id, practitionerID: profile.id)
        try MicroprojectJournal.create(store: store, machine: machine, actor: profile.id, at: env.now())
        console.write(console.style.bold("Microproject \(id) started for \(profile.name).") + "\n")
        console.write(
            "We go through the practice cycle a step at a time; you can pause between steps and carry on "
                + "another day with: microproject continue \(id)\n"
        )
        let runner = MicroprojectRunner(
            env: env,
            console: console,
            reader: reader,
            store: store,
            profile: profile,
            machine: machine,
            settings: settings
        )
        try runner.recordProfileIfChanged()
        return try runner.run()
    }

    /// `microproject continue mp-ID`.
    static func continueMicroproject(
        id: String,
        settings: InterviewSettings,
        env: AppEnvironment,
        console: Console,
        reader existing: LineReader?,
        consultRoles: [String: String] = [:],
        onlyConsult: Bool = false,
        revisit: String? = nil
    ) throws -> ExitCode {
        let store = try env.openStore(reportingTo: console)
        guard let machine = try MicroprojectJournal.load(store: store, id: id) else {
            throw CLIError(
                message: "There is no microproject '\(id)'. Type 'microproject list' to see them.",
                code: ExitStatus.notFound
            )
        }
        if onlyConsult, machine.project.status == .closed {
            throw CLIError(
                message: "The priorities consult is not what is due for \(id): it is closed.",
                code: ExitStatus.usage
            )
        }
        if case .finished(let reason) = machine.nextAction(today: CivilTime.day(env.now())) {
            // Nothing more can happen to it, and its record is built from the journals alone: no profile needed.
            console.write("Microproject \(id) is closed: \(reason)\(reason.hasSuffix(".") ? "" : ".")\n")
            let ensured = try DerivedRecords.ensure(microproject: machine, store: store, env: env) {
                console.write($0)
            }
            if let ensured {
                console.write(
                    "Its complete record is at:\n  \(ensured.path)\n  \(DerivedRecords.markdownPath(ensured.path))\n"
                )
                if let code = DerivedRecords.report(ensured.problems, console: console) { return code }
            }
            return ExitStatus.ok
        }
        guard let profile = try Practitioners.load(machine.project.practitionerID, store: store) else {
            throw CLIError(message: "The practitioner of \(id) has no profile any more.", code: ExitStatus.dataError)
        }
        let runner = MicroprojectRunner(
            env: env,
            console: console,
            reader: try existing ?? Interview.makeReader(settings.answers),
            store: store,
            profile: profile,
            machine: machine,
            settings: settings
        )
        runner.consultRoles = consultRoles
        if onlyConsult, machine.project.due != .consult {
            throw CLIError(
                message: "The priorities consult is not what is due for \(id): "
                    + "next is \(machine.project.due.title.lowercased()). Use 'microproject continue \(id)'.",
                code: ExitStatus.usage
            )
        }
        if let revisit {
            guard let stage = Stage(rawValue: revisit.lowercased()) else {
                throw CLIError(
                    message: "There is no stage '\(revisit)'. The stages that can be reopened are: "
                        + MicroprojectMachine.revisitable.map(\.rawValue).joined(separator: ", ") + ".",
                    code: ExitStatus.usage
                )
            }
            do {
                var check = runner.machine
                _ = try check.apply(.reopened(stage: stage), at: env.now())
            } catch let refused as MicroprojectMachine.InvalidEvent {
                throw CLIError(
                    message: "Microproject \(id) cannot reopen that stage now: \(refused.description).",
                    code: ExitStatus.usage
                )
            }
            try runner.record(.reopened(stage: stage))
        }
        console.write(console.style.bold("Welcome back to microproject \(id).") + " " + runner.whereWeAre() + "\n")
        return try runner.run()
    }

    /// Journals an event, preceded by the profile it was judged with whenever that differs from the profile
    /// last journaled: so the record (rebuilt from the journals alone) shows the profile as it was when used.
    /// Returns what the machine says comes next.
    @discardableResult
    func record(_ event: MicroprojectEvent) throws -> MicroprojectAction {
        try recordProfileIfChanged()
        return try journal.record(event, on: &machine, actor: profile.id, at: env.now()).action
    }

    /// Journals this command's profile of the practitioner unless the journal already holds the same one.
    func recordProfileIfChanged() throws {
        let snapshot = ProfileSnapshot(profile)
        guard project.status != .closed, project.profileAsRecorded?.profile != snapshot else { return }
        try journal.record(.profileRecorded(snapshot), on: &machine, actor: profile.id, at: env.now())
    }

    /// Journals the consult team's profiles as they were at sign-in (the licences that allowed their roles).
    private func recordConsultTeam(_ roster: Roster) throws {
        for member in roster.members where member.id != profile.id {
            guard let p = try Practitioners.load(member.id, store: store) else { continue }
            let snapshot = ProfileSnapshot(p, role: member.role)
            guard !project.consultTeamAsRecorded.contains(where: { $0.profile == snapshot }) else { continue }
            try journal.record(.profileRecorded(snapshot), on: &machine, actor: profile.id, at: env.now())
        }
    }

    /// After a closure that stayed open: how to reopen an earlier stage ("paused and revisited").
    func revisitHint() -> String? { revisitHint(machine.reopenOffered) }

    func revisitHint(_ stages: [Stage]) -> String? {
        let p = project
        guard !stages.isEmpty else { return nil }
        return "To complete or correct an earlier stage first: microproject continue \(p.id) --revisit STAGE ("
            + stages.map(\.rawValue).joined(separator: ", ") + "); closure checks again afterwards."
    }

    func whereWeAre() -> String {
        let p = project
        var s = "Next: \(p.due.title)."
        if p.due == .session {
            s =
                "Next: the log of session \(p.sessionsPlanned == nil ? p.sessionsLogged + 1 : p.nextSessionNumber)"
                + "\(p.sessionsPlanned.map { " of \($0)" } ?? ""), "
                + "once that session has taken place."
        }
        if let reason = p.statusReason, p.status != .active {
            s = reason + (reason.hasSuffix(".") ? " " : ". ") + s
        }
        if let hint = revisitHint() { s += " " + hint }
        if let stage = p.revisiting {
            s +=
                " (Reopened to complete or correct: \(stage.title.lowercased()); then back to "
                + "\(p.returnTo?.title.lowercased() ?? "the cycle").)"
        }
        return s
    }

    /// Carries out the machine's actions, from the one for where the microproject stands, until it closes, pauses,
    /// waits or escalates.
    func run() throws -> ExitCode {
        var action = machine.nextAction(today: CivilTime.day(env.now()))
        var stagesRun = 0
        while true {
            switch action {
            case .runStage(let run):
                guard let outcome = try runStage(run) else {
                    if project.status == .active {
                        try record(.paused(reason: "Waiting for the consult team to sign in.", generated: true))
                    }
                    return refusedCode
                }
                guard let ending = outcome.machine.ending else {
                    if outcome.code == ExitStatus.paused {
                        try record(.paused(reason: "Paused during \(run.stage.title.lowercased()).", generated: true))
                    }
                    return outcome.code
                }
                let result = StageResult(
                    stage: run.stage,
                    sessionID: outcome.sessionID,
                    outcome: ending.outcome.id,
                    safetyStop: ending.isSafetyStop,
                    reason: ending.isSafetyStop ? Self.reason(outcome.machine) : nil,
                    facts: Facts.of(outcome.machine),
                    sensitiveKeys: Facts.sensitiveKeys(outcome.machine)
                )
                stagesRun += 1
                action = try record(.stageCompleted(result))
            case .askToCarryOn(let next):
                // Someone who has just come back to the microproject has already said to carry on.
                if stagesRun == 0 || askToCarryOn() {
                    action = .runStage(next)
                } else {
                    action = try record(.paused(reason: "Paused between stages.", generated: true))
                }
            case .checkEntryRequirements(let type):
                action = try checkEntryRequirements(type)
            case .resume:
                action = try record(.resumed)
            case .decideOverdue(let end):
                if let stop = try decideOverdue(plannedEnd: end) { return stop }
                action = machine.nextAction(today: CivilTime.day(env.now()))
            case .waitForEntryRequirements:
                return ExitStatus.refused
            case .paused:
                console.write("Paused. To carry on: microproject continue \(project.id)\n")
                return ExitStatus.paused
            case .waiting(let reason, let canReopen):
                console.write(
                    "\n" + reason + "\nTo carry on: microproject continue \(project.id)\n"
                        + (revisitHint(canReopen).map { $0 + "\n" } ?? "")
                )
                return ExitStatus.paused
            case .awaitEscalationReview:
                console.write(
                    console.style.warning(
                        "\nMicroproject \(project.id) is paused because a concern was raised. Follow your organisation's "
                            + "safeguarding procedures. When you have, record what was done with: microproject continue \(project.id)"
                    )
                        + "\n"
                )
                return ExitStatus.ok
            case .close(let reason), .finished(let reason):
                console.write("\n" + console.style.bold("Microproject \(project.id) is closed.") + " \(reason)\n")
                return try writeRecord()
            }
        }
    }

    /// The entry requirements of the chosen type, checked for this practitioner today and journaled; says what is
    /// missing and what to do about each, or that they are met.
    private func checkEntryRequirements(_ type: MicroprojectType) throws -> MicroprojectAction {
        let missing = Eligibility.missing(for: profile, type: type, today: CivilTime.day(env.now()))
        let next = try record(.eligibilityChecked(missing: missing.map(\.item)))
        guard case .waitForEntryRequirements = next else {
            console.write(console.style.success("Entry requirements for \(type.title) are met.") + "\n")
            return next
        }
        var text = "\nBefore \(type.title) can start, a few entry requirements are still to be met:\n"
        for m in missing { text += "  - \(m.item): \(m.whatToDo)\n" }
        text +=
            "Everything you have answered so far is saved. When these are in place, carry on with: "
            + "microproject continue \(project.id)\n"
        console.error(text)
        return next
    }

    /// Runs (or resumes) the interview of a stage. A finished session not yet counted is taken as it is, so a
    /// stop between "stage finished" and "stage recorded" loses nothing.
    private func runStage(_ run: StageRun) throws -> InterviewOutcome? {
        let stage = run.stage
        let counted = Set(project.completed.map(\.sessionID))
        if let row = try store.sessions(microprojectID: project.id).last(where: {
            $0.stage == stage.rawValue && !counted.contains($0.id)
        }) {
            return try Interview.resume(
                row: row,
                store: store,
                settings: settings,
                env: env,
                console: console,
                reader: reader
            )
        }
        console.write("\n" + console.style.bold("── \(stage.title) ──") + "\n")
        var roster = Roster()
        if stage == .consult, let type = project.type {
            let signIn = ConsultSignIn(
                store: store,
                talk: talk,
                today: CivilTime.day(env.now()),
                comeBack: "microproject continue \(project.id)"
            )
            switch try signIn.signIn(type: type, owner: profile, given: consultRoles) {
            case .signedIn(let signed):
                roster = signed
                try recordProfileIfChanged()
                try recordConsultTeam(signed)
            case .refused(let code):
                refusedCode = code
                return nil
            }
        }
        let loaded = try Interview.loadScript(stage.scriptID, env: env, console: console)
        return try Interview.start(
            loaded: loaded,
            context: context(for: stage),
            roster: roster,
            settings: settings,
            env: env,
            console: console,
            reader: reader,
            microprojectID: project.id,
            stage: stage.rawValue
        )
    }

    /// What scripts may read as `context.NAME`.
    func context(for stage: Stage) -> [String: String] {
        let p = project
        var c: [String: String] = ["stage": stage.rawValue, "practitioner": profile.name]
        if let code = p.participant { c["participant"] = code }
        if let t = p.type {
            c["type"] = String(t.rawValue)
            c["type-title"] = t.title
            c["tracker"] = t.tracker.description
            c["level"] = t.level.rawValue
        }
        if let s = p.suggestion {
            c["suggested"] = String(s.type.rawValue)
            c["suggested-title"] = s.type.title
            c["suggested-reason"] = s.reason
            if s.reasonSensitive { c[InterviewStateMachine.sensitiveContextKey] = "suggested-reason" }
        }
        c["session"] = String(p.nextSessionLogNumber)
        if p.sessionsPlanned != nil {
            // The planned sessions a log may be for: those with no log yet.
            c["sessions-open"] = p.sessionsNotLogged.map(String.init).joined(separator: ", ")
        }
        if stage == .closure {
            // Open items the checklist cannot change (tracker, reflection, reviews), so it never says "ready" wrongly.
            let open = machine.openClosureItems
            c["closure-open"] = open.isEmpty ? "no" : "yes"
            if !open.isEmpty { c["closure-open-items"] = open.joined(separator: "; ") }
        }
        if let planned = p.sessionsPlanned { c["planned"] = String(planned) }
        // A planned end later than this is questioned (time-limited and bounded).
        if let limit = TimeLimit.limit(from: CivilTime.day(env.now())) { c["six-months"] = limit }
        if !p.priorities.isEmpty { c["priorities"] = p.priorities.joined(separator: "; ") }
        return c
    }

    /// Past the planned end date, before reflection: extend the date (new date and reason, journaled) or move on
    /// to reflection and closure. Returns an exit code when the microproject pauses here instead.
    func decideOverdue(plannedEnd end: String) throws -> ExitCode? {
        let today = CivilTime.day(env.now())
        let p = project
        console.write(
            "\nThe planned end date, \(end), has passed. Microprojects are time-limited: you can extend the end date "
                + "(with a new date and the reason), or move on to reflection and closure.\n"
        )
        func ask(_ question: String, _ prompt: String, _ completions: [String] = []) -> String? {
            talk.ask(question, prompt: prompt, completions: completions)
        }
        func pauseHere() throws -> ExitCode {
            try record(.paused(reason: "Past its planned end date (\(end)); waiting to extend it or move to closure."))
            console.write("Paused. To carry on: microproject continue \(p.id)\n")
            return ExitStatus.paused
        }
        while true {
            guard
                let choice = ask(
                    "Extend it, or move on to reflection and closure? (extend, close, or pause)",
                    "end date> ",
                    ["extend", "close", "pause"]
                )?.lowercased()
            else { return try pauseHere() }
            switch choice {
            case "extend", "e", "1":
                var newEnd: String?
                while newEnd == nil {
                    guard let typed = ask("What is the new end date? (YYYY-MM-DD)", "new end> ") else {
                        return try pauseHere()
                    }
                    if let problem = CivilTime.dayProblem(typed) {
                        console.write("   Please check the date: \(problem).\n")
                    } else if !CivilTime.isValidDay(typed) {
                        console.write("   Please type the date as year-month-day, for example 2026-12-31.\n")
                    } else if typed < today || typed <= end {
                        console.write("   The new end date needs to be later than \(end) and not in the past.\n")
                    } else {
                        if let limit = TimeLimit.limit(from: today), typed > limit {
                            console.write(
                                "   That is more than six months from today. Microprojects stay time-limited, with no "
                                    + "open-ended support; please say why in the reason.\n"
                            )
                        }
                        newEnd = typed
                    }
                }
                var reason = ""
                while reason.isEmpty {
                    guard let typed = ask("What is the reason for extending it?", "reason> ") else {
                        return try pauseHere()
                    }
                    reason = typed.trimmingWhitespace()
                    if reason.isEmpty { console.write("   A few words is plenty.\n") }
                }
                try record(.endDateExtended(to: newEnd!, reason: reason))
                console.write("The planned end date is now \(newEnd!).\n")
                return nil
            case "close", "c", "2":
                try record(.movedToClosure)
                console.write("Moving on to \(project.due.title.lowercased()).\n")
                return nil
            case "pause", "p", "3", "":
                return try pauseHere()
            default:
                talk.say("Please type extend, close or pause.", indent: "   ", .warning)
            }
        }
    }

    /// Asks whether to go straight on to the next stage: yes (or Enter) carries on, no pauses, Ctrl-C or the
    /// end of input pauses; anything else is asked again.
    private func askToCarryOn() -> Bool {
        console.write("\n")
        return talk.askYesNo(
            whereWeAre() + " Carry on now? (yes, or no to pause here)",
            prompt: "continue> ",
            enter: true
        ) ?? false
    }

    /// The one front end, for this runner's questions.
    var talk: Conversation { Conversation(console: console, reader: reader) }

    /// The concern in the person's words, or the question and answer that led to the safety stop.
    static func reason(_ machine: InterviewStateMachine) -> String {
        if let concern = machine.progress?.concerns.last { return concern.text }
        if let last = machine.routeAnswers.last { return "\(last.question) Answer: \(last.display)" }
        return "A safety concern was raised."
    }
}
