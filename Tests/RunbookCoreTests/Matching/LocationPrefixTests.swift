import Testing

@testable import RunbookCore

struct LocationPrefixTests {
    @Test(arguments: [
        ("k8s-prod-eu2: Prometheus rule groups missing iterations", "k8s-prod-eu2"),
        ("[Triggered] ocp prod-ocp-2: router-default below desired replicas", "ocp prod-ocp-2"),
        ("k8s onprem-dc2: kubelet client certificate expires soon", "k8s onprem-dc2"),
        ("prod-eu1: HPA pinned at max replicas", "prod-eu1"),
    ])
    func findsThePlaceBeforeTheTitle(title: String, place: String) {
        #expect(LocationPrefix.split(title)?.prefix == place)
    }

    @Test(arguments: [
        // A service before the colon: it names the alert.
        "facebook-connector-api prod: 5xx responses above 2%",
        "salt-qa: kernel: Out of memory",
        "eks-prod-ingress: conntrack table above 90%",
        // Regions alone, three words, no space after the colon, nothing after it, no colon.
        "eu-west: disk almost full",
        "k8s prod eu2: disk almost full",
        "prod-eu1:disk almost full",
        "prod-eu1: ",
        "KubePodCrashLooping prod-eu1",
    ])
    func leavesOtherTitlesWhole(title: String) {
        #expect(LocationPrefix.split(title) == nil)
    }

    /// The cluster's name is no word that names the alert: it no longer counts against the entry that answers it,
    /// and is still looked up as text.
    @Test func thePlaceIsReadAsText() throws {
        let alert = MatchFixtures.alert(title: "k8s-prod-eu2: Prometheus rule groups missing iterations")
        let query = AlertQueryBuilder.query(for: alert)
        let place = try #require(query.terms.first { $0.term == "eu2" })
        #expect(!place.naming)
        #expect(place.field == "text")
        let rule = try #require(query.terms.first { $0.term == "rule" })
        #expect(rule.naming)
    }

    @Test func aPlaceDoesNotKeepTheAnswerUnderTheThreshold() {
        let library = MatchFixtures.library([
            MatchFixtures.entry("missing.md", "Prometheus missing rule evaluations",
                                text: "Rule groups take longer than their interval to evaluate."),
            MatchFixtures.entry("failures.md", "Prometheus rule failures", text: "Rules fail to evaluate."),
        ])
        let index = MatchIndex(library: library)
        let alert = MatchFixtures.alert(title: "k8s-prod-eu2: Prometheus rule groups missing iterations")
        let best = index.match(alert).first
        #expect(best?.entry == "missing.md#prometheus-missing-rule-evaluations")
        #expect((best?.score ?? 0) >= MatchIndex.defaultThreshold)
    }

    @Test(arguments: [
        ("eks-usw2-prom-label-limit-exceeded", "usw2", "eks-prom-label-limit-exceeded"),
        ("rosa-euc1-node-filefd-ratio", "euc1", "rosa-node-filefd-ratio"),
        ("eks-eu-west-node-ready-flapping", "eu-west", "eks-node-ready-flapping"),
        ("global-metapod-alb-cert-days-to-expiry", "global", "metapod-alb-cert-days-to-expiry"),
        ("eu1-checkout-api-cpu-over-limit high", "eu1", "checkout-api-cpu-over-limit high"),
    ])
    func findsThePlaceAnAlarmsNameStartsWith(name: String, place: String, rest: String) throws {
        let split = try #require(LocationPrefix.leadingPlace(of: name))
        #expect(split.place == place)
        #expect(split.rest == rest)
    }

    @Test(arguments: [
        // Products whose names look like codes, services first, a place and nothing after it, a platform and no
        // region, parts not joined, no parts.
        "s3-connector-worker-memory-high", "ec2-status-check-failed", "checkout-api-eu1-cpu-high", "eks-usw2",
        "eks-payments-api-restarts", "eks usw2 node down", "DiskUsageWarning checkout-worker", "",
    ])
    func leavesOtherNamesWhole(name: String) {
        #expect(LocationPrefix.leadingPlace(of: name) == nil)
    }

    /// A CloudWatch alarm named after its cluster and region: the place is read as text, and the rest names it.
    @Test func anAlarmsPlaceIsReadAsText() throws {
        let alert = Alert(
            source: .cloudwatch, labels: ["alarm_name": "eks-prod-usw2-prom-label-limit-exceeded"], annotations: [:],
            title: "eks-prod-usw2-prom-label-limit-exceeded", text: "", dedupKey: "test")
        let query = AlertQueryBuilder.query(for: alert)
        let place = try #require(query.terms.first { $0.term == "usw2" })
        #expect(!place.naming)
        let limit = try #require(query.terms.first { $0.term == "limit" })
        #expect(limit.naming)
    }
}
