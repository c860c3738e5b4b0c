import Testing

@testable import RunbookCore

/// `CommandReader.classify(block:language:)` is the one answer to "what does this block hold": lint's language
/// suggestion and the command reader must both follow it.
struct BlockClassificationTests {
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
        #expect([.output, .alertText].contains(CommandReader.classify(block: text, language: nil)))
        #expect(CommandReader.command(language: nil, text: text, line: 1) == nil)
    }

    @Test(arguments: [
        "ssh -l me salt-qa.example.com", "./manage.py sync_db_to_hubspot create", "salt reddit-production* state.sls x",
        "# restart it\nsudo systemctl restart salt-master", "[ -f /etc/x ] && cat /etc/x", "FOO=1 make deploy",
    ])
    func commandsAreCommands(text: String) {
        #expect(CommandReader.classify(block: text, language: nil) == .commands)
        #expect(CommandReader.command(language: nil, text: text, line: 1)?.lines.isEmpty == false)
    }

    @Test func aPastedSessionIsASession() {
        let text = "root@ip-10-1-3-33:~# free -h\n              total        used\nMem:           7.5G"
        #expect(CommandReader.classify(block: text, language: nil) == .session)
        #expect(CommandReader.command(language: nil, text: text, line: 1)?.lines == ["free -h"])
    }

    @Test func aShellBlockOfOutputAloneHoldsNoCommand() {
        let text = "/dev/root        20G   16G  3.9G  81% /\n● supervisor.service - Supervisor"
        #expect(CommandReader.classify(block: text, language: "sh") == .output)
        #expect(CommandReader.command(language: "sh", text: text, line: 1) == nil)
    }

    /// One document with every kind of block, read by the parser (command reader) and by lint: a block is a
    /// command exactly when lint would call it a shell, and the session's first command is the prompt-less
    /// `sudo ssh` that must run first, without output or annotations.
    @Test func lintAndTheCommandReaderAgreeOnEveryBlock() throws {
        let blocks: [(language: String?, text: String, kind: BlockKind)] = [
            (nil, "[FIRING:1] DiskUsageWarning checkout-worker (ext4 /dev/root)\nalertname=DiskUsageWarning",
             .alertText),
            (nil, """
            sudo ssh -i ~/.ssh/ops.pem ubuntu@10.7.0.78
            root@checkout-worker-3:~# df -h /
            Filesystem      Size  Used Avail Use% Mounted on
            /dev/root        20G   19G  1.0G  95% /    <<<<<<<< full
            root@checkout-worker-3:~# systemctl restart supervisor.service
            """, .session),
            (nil, "df -h /\nsystemctl restart supervisor.service", .commands),
            (nil, "2024-05-01 12:00:03,112 ERROR celery.worker lost its lease\n2024-05-01 12:00:04,001 INFO retry",
             .output),
            (nil, "service: checkout\nreplicas: 3", .output),
            (nil, "{\"status\": \"firing\", \"alerts\": []}", .output),
            ("yaml", "service: checkout\nreplicas: 3", .code),
            ("json", "{\"status\": \"firing\"}", .code),
        ]
        var source = "# Disk\n\n## DiskUsageWarning checkout-worker\n\n"
        for block in blocks {
            source += "```\(block.language ?? "")\n\(block.text)\n```\n\n"
        }
        let document = DocumentParser.parse(source, file: "disk.md")
        let findings = Linter().lint(Library(documents: [document])).filter { $0.rule == "code-language" }
        let entry = try #require(document.entries.first { $0.anchor == "diskusagewarning-checkout-worker" })
        let commandLines = Set(entry.commands.map(\.line))

        for (index, block) in blocks.enumerated() {
            let kind = CommandReader.classify(block: block.text, language: block.language)
            #expect(kind == block.kind, "block \(index)")
            let code = try #require(document.codeBlocks.first { $0.text == block.text }, "block \(index)")
            let runs = kind == .commands || kind == .session
            #expect(commandLines.contains(code.line) == runs, "block \(index)")
            guard block.language == nil else { continue }
            let finding = try #require(findings.first { $0.line == code.line }, "block \(index)")
            let suggestsShell = finding.message.hasSuffix("```bash.") || finding.message.hasSuffix("```console.")
            #expect(suggestsShell == runs, "block \(index): \(finding.message)")
        }

        let session = try #require(entry.commands.first)
        #expect(session.lines == [
            "sudo ssh -i ~/.ssh/ops.pem ubuntu@10.7.0.78", "df -h /", "systemctl restart supervisor.service",
        ])
        #expect(entry.leadingCommand?.lines.first == "sudo ssh -i ~/.ssh/ops.pem ubuntu@10.7.0.78")
    }
}
