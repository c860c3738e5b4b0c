import Testing

@testable import RunbookCore

struct ErrorCodesTests {
    @Test func readsTheCodeThatFollowsAnErrorName() {
        let python = ErrorCodes(#"OperationalError(1045, "Access denied for user 'app'")"#)
        let sentry = ErrorCodes("OperationalError: (2006, 'MySQL server has gone away')")
        #expect(sentry.conflict(with: python)?.alert == "2006")
        #expect(sentry.conflict(with: python)?.entry == "1045")
        #expect(ErrorCodes("errno 28 while writing").conflict(with: ErrorCodes("Errno: 13")) != nil)
        let quoted = ErrorCodes("OperationalError('Error 111 connecting to redis:6379. Connection refused.')")
        #expect(quoted.conflict(with: python)?.alert == "111", "a quoted message that opens with its code")
        #expect(ErrorCodes(#"OperationalError("errno 2006 gone")"#).conflict(with: python)?.alert == "2006")
    }

    @Test func agreesWhenACodeIsSharedOrMissing() {
        let entry = ErrorCodes("OperationalError 1045 or OperationalError 2006")
        #expect(ErrorCodes("OperationalError(2006)").conflict(with: entry) == nil)
        #expect(ErrorCodes("OperationalError: server gone").conflict(with: entry) == nil)
        #expect(ErrorCodes("TimeoutError 504").conflict(with: entry) == nil, "another error is not a conflict")
        #expect(ErrorCodes("ValueError20061").isEmpty, "digits glued to the name are part of it")
        #expect(ErrorCodes("disk error 1234567").isEmpty, "a number that long is no code")
    }

    @Test func anEntryKeyedToAnotherCodeIsACandidateNeverTheAnswer() throws {
        let library = MatchFixtures.library([
            MatchFixtures.entry(
                "lms.md", #"Task raised OperationalError(1045, "Access denied for user")"#,
                text: "The database credentials from Vault lapsed: refresh the instance."),
            MatchFixtures.entry("lms.md", "Grading task failed", text: "Check the grader queue."),
        ])
        let index = MatchIndex(library: library)
        let gone = MatchFixtures.alert(title: "OperationalError: (2006, 'MySQL server has gone away')")
        let first = try #require(index.match(gone).first)
        #expect(first.score < MatchIndex.defaultThreshold)
        #expect(first.evidence.first?.term == "operationalerror 2006: this entry is for 1045")
        let denied = MatchFixtures.alert(title: "OperationalError: (1045, 'Access denied for user')")
        let answer = try #require(index.match(denied).first)
        #expect(answer.entry.hasPrefix("lms.md#task-raised-operationalerror"))
        #expect(answer.evidence.allSatisfy { $0.weight >= 0 })
    }
}
