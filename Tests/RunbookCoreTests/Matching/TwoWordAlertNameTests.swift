import Testing

@testable import RunbookCore

/// An `alertname` of two words in CamelCase (`UpdateAvailable`) names an alert as a longer one does: an entry keyed to
/// another alert's name is a candidate, never the answer.
struct TwoWordAlertNameTests {
    static let library = MatchFixtures.library([
        MatchFixtures.entry(
            "cluster-version/UpdateRiskMightApply.md", "UpdateRiskMightApply",
            text: "A conditional update risk applies to the cluster: read the risk before you update to the version."),
        MatchFixtures.entry(
            "monitoring/TargetDown.md", "TargetDown",
            text: "Prometheus cannot scrape the target: check the pod and its service endpoints."),
    ])

    @Test func aTwoWordNameIsNotAnsweredByAnotherAlertsEntry() throws {
        let index = MatchIndex(library: Self.library)
        let alert = MatchFixtures.alert(
            name: "UpdateAvailable", title: "Your upstream update recommendation service recommends you update",
            text: "Update to a newer version of the cluster is available on channel stable-4.18.")
        let match = try #require(index.match(alert).first)
        #expect(match.entry == "cluster-version/UpdateRiskMightApply.md#updateriskmightapply")
        #expect(match.score <= ServiceScope.ceiling)
        #expect(match.evidence.first?.term == "alert UpdateAvailable: not named by this entry")
    }

    @Test func aTwoWordNameFindsItsOwnEntry() throws {
        let index = MatchIndex(library: Self.library)
        let alert = MatchFixtures.alert(
            name: "TargetDown", title: "Targets are down", labels: ["job": "node-exporter"])
        let match = try #require(index.match(alert).first)
        #expect(match.entry == "monitoring/TargetDown.md#targetdown")
        #expect(match.score >= MatchIndex.defaultThreshold)
        #expect(match.evidence.allSatisfy { $0.weight >= 0 })
    }

    @Test func onlyTheAlertsOwnNameIsMarked() {
        var scope = ServiceScope(subject: "UpdateAvailable stable")
        #expect(scope.chunks.first?.isName == false, "read off a key alone, two words may be a product's name")
        scope.markName("GitLab")
        #expect(scope.chunks.first?.isName == false)
        scope.markName("UpdateAvailable")
        #expect(scope.chunks.first?.isName == true)
    }
}
