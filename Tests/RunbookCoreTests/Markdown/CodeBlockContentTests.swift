import Testing

@testable import RunbookCore

struct CodeBlockContentTests {
    @Test(arguments: [
        "\"[Prometheus]: [FIRING:1] DiskUsageWarning mitx-production (xqwatcher filesystem /dev/root ext4)\"",
        "[FIRING:1] DiskUsageWarning checkout-worker",
        "2024-05-01 12:00:03,112 ERROR celery.worker Task handler raised error",
        "Jan 12 10:00:01 ip-10-1-3-33 salt-master[812]: Out of memory",
        "ERROR: connection refused",
        "              total        used        free\nMem:           7.5G        7.2G        120M",
        "Traceback (most recent call last):\n  File \"x.py\", line 3",
        "{\"status\": \"firing\"}",
        "proxy-bootcamps-production:\n----------\n    ID: update_config",
    ])
    func alertsLogsAndOutputAreNotCommands(text: String) {
        #expect(CodeBlockContent.classify(text) == .output)
        #expect(CommandReader.command(language: nil, text: text, line: 1) == nil)
    }

    @Test(arguments: [
        "ssh -l me salt-qa.example.com", "./manage.py sync_db_to_hubspot create", "salt reddit-production* state.sls x",
        "# restart it\nsudo systemctl restart salt-master", "[ -f /etc/x ] && cat /etc/x", "FOO=1 make deploy",
    ])
    func commandsAreCommands(text: String) {
        #expect(CodeBlockContent.classify(text) == .commands)
        #expect(CommandReader.command(language: nil, text: text, line: 1)?.lines.isEmpty == false)
    }

    @Test func aPastedSessionIsASession() {
        let text = "root@ip-10-1-3-33:~# free -h\n              total        used\nMem:           7.5G"
        #expect(CodeBlockContent.classify(text) == .session)
        #expect(CommandReader.command(language: nil, text: text, line: 1)?.lines == ["free -h"])
    }
}
