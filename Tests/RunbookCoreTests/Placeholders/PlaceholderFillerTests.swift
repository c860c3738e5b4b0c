import Testing

@testable import RunbookCore

struct PlaceholderFillerTests {
    @Test func fillsFromLabelsCaseInsensitively() {
        let result = PlaceholderFiller.fill("kubectl -n $NAMESPACE delete pod {{ $labels.pod }}",
                                            labels: ["namespace": "ops", "Pod": "web-1"])
        #expect(result.text == "kubectl -n ops delete pod web-1")
        #expect(result.filled == ["$NAMESPACE": "ops", "{{ $labels.pod }}": "web-1"])
        #expect(result.unfilled.isEmpty)
        #expect(result.isComplete)
    }

    @Test(arguments: [
        ("<ENVIRONMENT>", "env", "qa"), ("<env>", "environment", "qa"), ("${stage}", "env", "qa"),
        ("$NS", "namespace", "qa"), ("<namespace>", "ns", "qa"), ("<host>", "instance", "qa"),
        ("<INSTANCE>", "host", "qa"), ("<your-username>", "your_username", "qa"),
    ])
    func fillsThroughAliases(placeholder: String, label: String, value: String) {
        #expect(PlaceholderFiller.fill("x \(placeholder) y", labels: [label: value]).text == "x \(value) y")
    }

    @Test func prefersTheExactLabelOverAnAlias() {
        let result = PlaceholderFiller.fill("<env>", labels: ["environment": "prod", "env": "qa"])
        #expect(result.text == "qa")
    }

    @Test func leavesUnfilledPlaceholdersAsWrittenAndReportsThem() {
        let result = PlaceholderFiller.fill("ssh <HOST> -l <USER> <USER> -n $NAMESPACE",
                                            labels: ["namespace": "ops"])
        #expect(result.text == "ssh <HOST> -l <USER> <USER> -n ops")
        #expect(result.unfilled.map(\.raw) == ["<HOST>", "<USER>"])
        #expect(!result.isComplete)
    }

    @Test func textWithoutPlaceholdersIsUnchanged() {
        #expect(PlaceholderFiller.fill("df -h", labels: ["env": "qa"]) == FilledText(text: "df -h"))
    }

    @Test func fillsAllCommandsOfAnEntry() {
        let source = "## Disk on <ENVIRONMENT>\n_Diagnosis_\n```\nssh salt-<ENVIRONMENT> df -h <MOUNT>\n```\n"
        let entry = DocumentParser.parse(source, file: "t.md").entries[0]
        let filled = entry.filled(from: ["env": "production"])
        #expect(filled.commands.map(\.lines) == [["ssh salt-production df -h <MOUNT>"]])
        #expect(filled.commands.first?.placeholders.map(\.raw) == ["<MOUNT>"])
        #expect(filled.parts.first?.commands.first?.text == "ssh salt-production df -h <MOUNT>")
        #expect(filled.title == "Disk on <ENVIRONMENT>")
        #expect(entry.unfilledPlaceholders(labels: ["env": "production"]).map(\.raw) == ["<MOUNT>"])
    }

    @Test func theEntryShownToTheOperatorHasItsTitleAndAliasesFilled() {
        let source = "## MemoryUsageWarning operations-<ENVIRONMENT>\n## Memory on salt-<ENVIRONMENT>\n\nCheck it.\n"
        let entry = DocumentParser.parse(source, file: "t.md").entries[0]
        let shown = FilledEntry(entry: entry, labels: ["environment": "qa"])
        #expect(shown.title == "MemoryUsageWarning operations-qa")
        #expect(shown.aliases == ["Memory on salt-qa"])
        #expect(shown.id == "t.md#memoryusagewarning-operations-environment")
    }
}

/// A value from `instance` in a host position gives the host, not `host:port`.
struct PlaceholderHostTests {
    static let labels = ["instance": "checkout-worker-3:9100"]

    @Test(arguments: [
        ("ssh <instance> uptime", "ssh checkout-worker-3 uptime"),
        ("sudo ssh -i key.pem ubuntu@<HOST>", "sudo ssh -i key.pem ubuntu@checkout-worker-3"),
        ("psql -h <instance> -U app", "psql -h checkout-worker-3 -U app"),
        ("redis-cli --host <instance> ping", "redis-cli --host checkout-worker-3 ping"),
        ("pg_isready --host=<instance>", "pg_isready --host=checkout-worker-3"),
        ("curl -s http://<HOST>:8080/health", "curl -s http://checkout-worker-3:8080/health"),
        ("curl -s http://<instance>/metrics", "curl -s http://checkout-worker-3:9100/metrics"),
        ("echo <instance>", "echo checkout-worker-3:9100"),
    ])
    func fillsTheHostWhereAHostIsMeant(text: String, expected: String) {
        #expect(PlaceholderFiller.fill(text, labels: Self.labels).text == expected)
    }

    @Test func aHostLabelIsTakenAsItIs() {
        #expect(PlaceholderFiller.fill("ssh <host>", labels: ["host": "db1:22"]).text == "ssh db1:22")
    }

    @Test(arguments: [("[::1]:9100", "::1"), ("10.0.0.7:22", "10.0.0.7"), ("fe80::1", "fe80::1"), ("db1", "db1")])
    func theHostOfAnInstance(value: String, host: String) {
        #expect(HostPosition.host(of: value) == host)
    }
}
