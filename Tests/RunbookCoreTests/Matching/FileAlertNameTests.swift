import Testing

@testable import RunbookCore

/// A runbook of one alert per file whose top heading names another alert than its file (a renamed alert, or a heading
/// copied from a sibling) answers both names: the file's name is not "another alert" for the entry.
struct FileAlertNameTests {
    static let library = MatchFixtures.library([
        MatchFixtures.entry(
            "prometheus/remote-write.md", "PrometheusRemoteStorageFailures",
            text: "Prometheus cannot send samples to the remote storage fast enough; the queue falls behind."),
        MatchFixtures.entry(
            "prometheus/remote-write.md", "Mitigation", text: "Raise the queue's shards or fix the endpoint.",
            path: ["PrometheusRemoteStorageFailures"],
            parent: "prometheus/remote-write.md#prometheusremotestoragefailures"),
        MatchFixtures.entry(
            "prometheus/PrometheusRemoteStorageFailures.md", "PrometheusRemoteStorageFailures",
            text: "Prometheus fails to send samples to the remote storage; check the endpoint's errors."),
        MatchFixtures.entry(
            "prometheus/PrometheusRemoteWriteBehind.md", "PrometheusRemoteStorageFailures",
            text: "Prometheus remote write falls behind: the samples queue faster than the remote storage takes them."),
        MatchFixtures.entry(
            "prometheus/PrometheusRemoteWriteBehind.md", "Diagnosis", text: "Compare the queue's highest timestamps.",
            path: ["PrometheusRemoteStorageFailures"],
            parent: "prometheus/PrometheusRemoteWriteBehind.md#prometheusremotestoragefailures"),
    ])

    static let named = "prometheus/PrometheusRemoteWriteBehind.md#prometheusremotestoragefailures"

    @Test func theFilesNameIsTheTopEntrysToo() throws {
        let index = MatchIndex(library: Self.library)
        let alert = MatchFixtures.alert(
            name: "PrometheusRemoteWriteBehind", title: "Prometheus remote write is behind",
            labels: ["namespace": "monitoring", "remote_name": "thanos-receive"])
        let matches = index.match(alert)
        let top = try #require(matches.first)
        #expect(top.entry == Self.named)
        #expect(top.score >= MatchIndex.defaultThreshold)
        #expect(!top.evidence.contains { $0.weight < 0 }, "no evidence against the entry its file names")
        // The document titled and filed under the other name is still keyed to that name only.
        let other = try #require(matches.first { $0.entry.hasPrefix("prometheus/PrometheusRemoteStorageFailures.md") })
        #expect(other.score <= ServiceScope.ceiling)
        #expect(other.evidence.first?.term == "alert PrometheusRemoteWriteBehind: not named by this entry")
    }

    @Test func theHeadingsNameStillAnswers() throws {
        let index = MatchIndex(library: Self.library)
        let alert = MatchFixtures.alert(
            name: "PrometheusRemoteStorageFailures", title: "Prometheus fails to send samples to remote storage")
        let matches = index.match(alert)
        let answers = matches.filter { $0.score >= MatchIndex.defaultThreshold }.map(\.entry)
        #expect(answers.contains("prometheus/PrometheusRemoteStorageFailures.md#prometheusremotestoragefailures"))
        // The document filed under the other name holds this one in its heading: no evidence against it either.
        let filed = try #require(matches.first { $0.entry == Self.named })
        #expect(!filed.evidence.contains { $0.weight < 0 })
    }

    @Test func onlyAnUpperCamelCaseFileOfATopHeadingNamingAnAlertIsRead() {
        let index = MatchIndex(library: Self.library)
        let byID = Dictionary(uniqueKeysWithValues: index.entries.map { ($0.id, $0) })
        #expect(byID[Self.named]?.fileAlertName == "prometheusremotewritebehind")
        // A section under it names nothing of its own; a file not written as an alert's name names nothing.
        #expect(byID["prometheus/PrometheusRemoteWriteBehind.md#diagnosis"]?.fileAlertName == nil)
        #expect(byID["prometheus/remote-write.md#prometheusremotestoragefailures"]?.fileAlertName == nil)
        #expect(byID["prometheus/remote-write.md#mitigation"]?.fileAlertName == nil)
    }

    @Test func anotherAlertsNameIsAnsweredByNeither() throws {
        let index = MatchIndex(library: Self.library)
        let alert = MatchFixtures.alert(
            name: "PrometheusRuleFailures", title: "Prometheus is failing rule evaluations")
        for match in index.match(alert).filter({ $0.entry.hasSuffix("#prometheusremotestoragefailures") }) {
            #expect(match.score <= ServiceScope.ceiling, "\(match.entry)")
        }
    }
}
