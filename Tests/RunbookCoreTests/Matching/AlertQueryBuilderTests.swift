import Testing

@testable import RunbookCore

struct AlertQueryBuilderTests {
    @Test(arguments: [
        ("sum:kubernetes_state.container.restarts{kube_namespace:monitoring,kube_stateful_set:alertmanager-main}",
         "sum:kubernetes_state.container.restarts{monitoring,alertmanager-main}"),
        ("`kube_cluster_name:prod-eu-2,pod_name:prometheus-k8s-0` for 10m", "`prod-eu-2,prometheus-k8s-0` for 10m"),
        // Not tags: a key without `_`, a time, a URL, a colon before a space or at the end.
        ("env:prod at 10:40, see https://example.com/a_b", "env:prod at 10:40, see https://example.com/a_b"),
        ("error_code: 503 and last_state:", "error_code: 503 and last_state:"),
        // Keys are lowercase and whole words: `Foo_bar:` of a log line stays, and so does all of `xFoo_bar:`.
        ("Foo_bar:baz and xFoo_bar:baz", "Foo_bar:baz and xFoo_bar:baz"),
        ("error_code:\t503", "error_code:\t503"),
    ])
    func tagKeysAreDroppedFromTheText(text: String, expected: String) {
        #expect(AlertQueryBuilder.droppingTagKeys(text) == expected)
    }

    /// A Datadog monitor scoped to a StatefulSet is not about StatefulSets: the tag's key does not meet the entry
    /// about them, the value (the service) still counts.
    @Test func aTagKeyDoesNotMeetAnEntryAboutItsObject() {
        let library = MatchFixtures.library([
            MatchFixtures.entry("sts.md", "StatefulSet generation mismatch", text: "A rollout of a stateful set stalled."),
            MatchFixtures.entry("am.md", "Alertmanager crashlooping", text: "Alertmanager pods keep restarting."),
        ])
        let alert = MatchFixtures.alert(
            title: "alertmanager pods restarting",
            text: "restarts{kube_stateful_set:alertmanager-main,kube_namespace:monitoring} > 5")
        let query = AlertQueryBuilder.query(for: alert)
        #expect(!query.terms.contains { $0.term == "stateful" })
        #expect(query.terms.contains { $0.term == "alertmanager" })
        #expect(MatchIndex(library: library).match(alert).first?.entry == "am.md#alertmanager-crashlooping")
    }

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
