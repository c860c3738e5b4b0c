import Testing

@testable import RunbookCore

/// A section of the runbook of one alert (`TargetDown` → `Expired SSL/TLS certificates`) says why that alert fired;
/// an alert that never names it (a certificate renewal stuck in cert-manager) is not answered by it, however many of
/// its words the section has.
struct AlertRunbookSectionTests {
    static let library = MatchFixtures.library([
        MatchFixtures.entry(
            "cluster-monitoring-operator/TargetDown.md", "TargetDown",
            text: "Prometheus cannot scrape one or more targets of a job."),
        MatchFixtures.entry(
            "cluster-monitoring-operator/TargetDown.md", "Expired SSL/TLS certificates",
            text: "A target whose serving certificate expired fails the scrape with a TLS error. Renew the "
                + "certificate: delete the secret so that the service CA issues a new one, then check the expiry.",
            path: ["TargetDown"], parent: "cluster-monitoring-operator/TargetDown.md#targetdown"),
        MatchFixtures.entry(
            "cluster-monitoring-operator/KubeletDown.md", "KubeletDown",
            text: "The kubelet of a node does not answer."),
        MatchFixtures.entry(
            "cluster-dns-operator/CoreDNSErrorsHigh.md", "CoreDNSErrorsHigh",
            text: "CoreDNS answers many queries with SERVFAIL."),
    ])

    @Test func aMessageThatNeverNamesTheAlertIsNotAnsweredByItsSection() throws {
        let alert = Alert(
            source: .text,
            title: "cert-manager hasn't renewed the wildcard certificate: the current cert expires in 6 days, "
                + "renewal stuck. Anything documented for this?",
            dedupKey: "a")
        let best = try #require(MatchIndex(library: Self.library).match(alert).first)
        #expect(best.entry == "cluster-monitoring-operator/TargetDown.md#expired-ssl-tls-certificates")
        #expect(best.score < MatchIndex.defaultThreshold)
        #expect(best.evidence.first?.term.contains("TargetDown runbook") == true)
    }

    @Test func theAlertItselfIsAnsweredByItsSection() throws {
        let alert = MatchFixtures.alert(
            name: "TargetDown", title: "Targets of the job node-exporter are down: the serving certificate expired",
            text: "x509: certificate has expired; renew the TLS certificate")
        let best = try #require(MatchIndex(library: Self.library).match(alert).first)
        #expect(best.entry.hasPrefix("cluster-monitoring-operator/TargetDown.md#"))
        #expect(!best.evidence.contains { $0.term.contains("never names") })
    }
}
