import InterviewEngine

extension MicroprojectRecord {
    /// The record without anything tagged sensitive: sensitive answers and the words of concerns are left
    /// out, and what was left out is said, so nobody mistakes a gap for an empty answer.
    public func redacted() -> MicroprojectRecord {
        var r = self
        let withheld = "(withheld: sensitive)"
        // The reason can hold a concern or a pause reason in the practitioner's words (status_reason in the CSV).
        r.statusReason = statusReason.map { _ in withheld }
        r.escalations = escalations.map { e in
            var e = e
            e.reason = withheld
            e.procedure = e.procedure.map { _ in withheld }
            return e
        }
        if r.reflection?["escalation"] != nil { r.reflection?["escalation"] = withheld }
        r.stages = stages.map { stage in
            var s = stage
            s.record = stage.record.redacted()
            return s
        }
        return r
    }
}

extension CaptureRecord {
    /// Without sensitive answers, notes kept, concerns' words withheld.
    public func redacted() -> CaptureRecord {
        var r = self
        r.answers = answers.filter { !$0.sensitive }
        r.concerns = concerns.map { c in
            var c = c
            c.text = "(withheld: sensitive)"
            return c
        }
        return r
    }
}
