import Foundation
import Testing

@testable import RunbookCore

/// The keys of pasted log fields say nothing of the problem; their values and a selector's labels do.
struct LogFieldKeysTests {
    @Test func theKeysOfALogfmtLineGoAndItsValuesStay() {
        let line = #"`level=warn component=cluster msg="failed to join cluster" err="dial tcp: refused"`"#
        let words = LogFieldKeys.removing(in: line).split(separator: " ")
        #expect(!words.contains { $0.contains("level") || $0.contains("msg") || $0.contains("err=") })
        #expect(LogFieldKeys.removing(in: line).contains(#""failed to join cluster""#))
        #expect(LogFieldKeys.removing(in: line).contains("warn"))
    }

    @Test func selectorsComparisonsAndPlainTextAreLeftAlone() {
        for text in [
            #"rate(http_requests_total{status=~"5..", le="0.5"}[5m])"#, "x == y", "a = b", "ratio=", "1=2",
            "no fields here",
        ] {
            #expect(LogFieldKeys.removing(in: text) == text)
        }
    }

    /// A runbook that quotes one log line does not answer every report that pastes another.
    @Test func aQuotedLogLineDoesNotMeetEveryPastedOne() throws {
        let index = MatchIndex(library: MatchFixtures.library([
            MatchFixtures.entry(
                "ConfigReloadFailed.md", "ConfigReloadFailed",
                text: "The reload failed. The log says: level=error ts=2024 caller=coordinator.go msg=\"Loading "
                    + "configuration file failed\" err=\"yaml: unmarshal errors\""),
            MatchFixtures.entry(
                "ClusterMembersInconsistent.md", "ClusterMembersInconsistent",
                text: "A member of the cluster cannot join its peers: check the peers' addresses and the network."),
        ]))
        let alert = MatchFixtures.alert(
            title: "peers keep dropping",
            text: #"logs: level=warn ts=2026 caller=cluster.go msg="failed to join cluster" err="peer member refused""#)
        let matches = index.match(alert)
        #expect(matches.first?.entry == "ClusterMembersInconsistent.md#clustermembersinconsistent")
        let keys: Set<String> = ["level", "ts", "caller", "msg", "err"]
        #expect(!matches.contains { $0.evidence.contains { keys.contains($0.term) } })
    }
}
