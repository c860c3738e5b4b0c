import Testing

@testable import RunbookCore

struct AlertQueryBuilderTests {
    @Test func anObjectReferenceInATitleDoesNotNameTheAlert() throws {
        let alert = MatchFixtures.alert(title: "Kubernetes job failed: etl/ledger-export-29301120")
        let query = AlertQueryBuilder.query(for: alert)
        let ledger = try #require(query.terms.first { $0.term == "ledger" })
        #expect(!ledger.naming)
        let job = try #require(query.terms.first { $0.term == "job" })
        #expect(job.naming)
    }

    @Test(arguments: [("etl/ledger-export", true), ("search/opensearch-data", true), ("/dev/xvda1", false),
                      ("integrations/linux", false), ("https://a.example/b-c", false)])
    func tellsObjectReferences(word: String, expected: Bool) {
        #expect(AlertQueryBuilder.isObjectReference(Substring(word)) == expected)
    }

    @Test func metricLabelsAreLookedUpAsWords() {
        let alert = MatchFixtures.alert(title: "ALARM", labels: ["metric_name": "node_filesystem_utilization"])
        let query = AlertQueryBuilder.query(for: alert)
        #expect(query.terms.contains { $0.term == "filesystem" && $0.field == "label.metric_name" && !$0.headOnly })
    }

    @Test func aSentryCulpritIsLookedUpInHeadings() {
        // The module and function an exception was raised in name the component that failed (a grading task),
        // where the exception's type (`SoftTimeLimitExceeded`) says only how.
        let alert = MatchFixtures.alert(
            title: "SoftTimeLimitExceeded: SoftTimeLimitExceeded()",
            labels: ["culprit": "lms.djangoapps.grades.tasks.compute_grades_for_course_v2"])
        let query = AlertQueryBuilder.query(for: alert)
        #expect(query.terms.contains { $0.term == MatchTokenizer.stem("grades") && $0.field == "label.culprit" && $0.headOnly })
        #expect(query.terms.contains { $0.term == "task" && $0.field == "label.culprit" && $0.headOnly })
    }

    @Test func aNameKeyedSubjectIsKeptForTheServiceCheck() {
        let alert = MatchFixtures.alert(
            name: "DiskUsageWarning", title: "Disk usage high", labels: ["service": "payments-db"])
        #expect(AlertQueryBuilder.query(for: alert).scope.chunks.map(\.text) == ["DiskUsageWarning", "payments-db"])
    }
    @Test func alertNameFamilyPrefixIsSplitOff() {
        #expect(AlertQueryBuilder.nameSegments("PostgreSQL_CommitRateTooLow") == ["CommitRateTooLow"])
        #expect(AlertQueryBuilder.nameSegments("CommitRateTooLow").isEmpty)
        // Lower-case words joined by `_` are a phrase, not a name within a family.
        #expect(AlertQueryBuilder.nameSegments("pg_txid_xmin_age").isEmpty)
    }
}
