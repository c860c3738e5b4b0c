import Testing

@testable import RunbookCore

struct CommandReaderTests {
    private func lines(_ text: String, language: String? = "bash") -> [String]? {
        CommandReader.command(language: language, text: text, line: 1)?.lines
    }

    @Test(arguments: [nil, "sh", "bash", "Shell", "console", "zsh", "shell-session", "powershell", "sql", "promql"])
    func shellLikeAndQueryLanguagesAreCommands(language: String?) {
        #expect(CommandReader.command(language: language, text: "run it", line: 3)?.language == language)
    }

    @Test(arguments: ["yaml", "json", "python", "ruby", "go", "text", "diff"])
    func otherLanguagesAreNotCommands(language: String) {
        #expect(CommandReader.command(language: language, text: "key: value", line: 1) == nil)
    }

    @Test func textBlocksWithPromptsArePastedSessions() {
        #expect(lines("$ uptime\n 10:00 up 3 days", language: "text") == ["uptime"])
    }

    @Test func blocksWithoutPromptsRunEveryNonCommentLine() {
        let text = "# restart the worker\nsystemctl restart worker\n\nkubectl logs \\\n  -n ops \\\n  pod/x\n"
        #expect(lines(text) == ["systemctl restart worker", "kubectl logs -n ops pod/x"])
    }

    @Test func sqlStatementsRunToTheirSemicolonAndSkipDoubleDashComments() {
        let text = "-- how many\nSELECT count(*)\nFROM jobs\nWHERE failed;\nVACUUM jobs;\nSELECT 1"
        #expect(lines(text, language: "sql") == ["SELECT count(*) FROM jobs WHERE failed;", "VACUUM jobs;", "SELECT 1"])
    }

    @Test func aPromQLBlockIsOneQuery() {
        let text = "# errors per route\nsum by (route) (\n  rate(http_errors_total[5m])\n)\n"
        #expect(lines(text, language: "promql") == ["sum by (route) ( rate(http_errors_total[5m]) )"])
    }

    @Test func promptsSeparateCommandsFromOutput() {
        let text = """
        Connect first.
        root@ip-10-1-2-3:~# df -h
        Filesystem      Size  Used Avail Use% Mounted on
        /dev/root        20G   16G  3.9G  81% /
        ops@bastion:/var/log$ sudo du -sh *
        12G     journal
        [admin@db01 ~]$ psql -c 'select 1'
        $ echo done
        done
        deploy@host:~$
        """
        #expect(lines(text, language: "console") == [
            "df -h", "sudo du -sh *", "psql -c 'select 1'", "echo done",
        ])
    }

    @Test func hashIsARootPromptOnlyInRootSessions() {
        #expect(lines("root@host:~# id\n# whoami\nroot") == ["id", "whoami"])
        #expect(lines("$ id\n# a comment\nuid=0") == ["id"])
    }

    @Test func continuationsAndHereDocumentsStayWithTheirCommand() {
        let session = "$ kubectl get pods \\\n>   -n ops\n$ cat <<EOF > x\n> hello\n> EOF\n$ ls"
        #expect(lines(session) == ["kubectl get pods -n ops", "cat <<EOF > x\nhello\nEOF", "ls"])
        let script = "cat <<'END' | kubectl apply -f -\nkind: Pod\n# not a comment here\nEND\necho ok"
        #expect(lines(script) == ["cat <<'END' | kubectl apply -f -\nkind: Pod\n# not a comment here\nEND", "echo ok"])
    }

    @Test func databaseConsolePrompts() {
        #expect(lines("gitlabhq_production=# SELECT 1;\n ?column?\nmysql> SHOW TABLES;", language: nil)
            == ["SELECT 1;", "SHOW TABLES;"])
    }

    @Test func commandsCarryTheirPlaceholders() {
        let command = CommandReader.command(language: "sh", text: "ssh salt-<ENVIRONMENT> -l $USER_NAME", line: 9)
        #expect(command?.placeholders.map(\.raw) == ["<ENVIRONMENT>", "$USER_NAME"])
        #expect(command?.line == 9)
    }
}

/// Pasted sessions: every command line kept, with or without a prompt; output and annotations left out.
struct CommandReaderSessionTests {
    private func lines(_ text: String, language: String? = "console") -> [String]? {
        CommandReader.command(language: language, text: text, line: 1)?.lines
    }

    @Test func promptlessCommandsBeforeTheSessionAreKept() {
        let text = """
        On the jump host:

        sudo ssh -i /etc/keys/ops.pem admin@10.0.0.7
        sudo -i
        root@web-4:~# uptime
         10:00:01 up 3 days,  2 users,  load average: 0.10, 0.20, 0.30
        """
        #expect(lines(text) == ["sudo ssh -i /etc/keys/ops.pem admin@10.0.0.7", "sudo -i", "uptime"])
    }

    @Test func annotationsAreCutFromCommandsAndDroppedAsLines() {
        let text = """
        root@web-4:/srv# du -sh *       <<<<<<<<<<<<< look here
        4.1G    cache        <<<<<<<< this one
        12K     conf
        root@web-4:/srv# rm -rf cache/tmp   # <-- safe to delete
        """
        #expect(lines(text) == ["du -sh *", "rm -rf cache/tmp"])
    }

    @Test func systemdStatusAndTablesAreOutput() {
        let text = """
        $ systemctl status nginx
        ● nginx.service - A high performance web server
             Loaded: loaded (/lib/systemd/system/nginx.service; enabled)
             Active: active (running) since Fri 2026-12-04 09:00:00 UTC; 1h ago
           Main PID: 812 (nginx)
             CGroup: /system.slice/nginx.service
                     └─812 /usr/sbin/nginx -g daemon on;
        Job for nginx.service failed because the control process exited with error code.
        $ df -h /
        Filesystem      Size  Used Avail Use% Mounted on
        /dev/sda1        50G   45G  5.0G  90% /
        """
        #expect(lines(text) == ["systemctl status nginx", "df -h /"])
    }

    @Test func aBlockWithoutPromptsDropsRowsOfFiguresAndRemarks() {
        let text = """
        kubectl top pods -n shop    <<<<<<<< heaviest first
        web-1   250m   512Mi
        Then restart the heaviest:
        kubectl -n shop delete pod web-1
        """
        #expect(lines(text, language: "sh") == ["kubectl top pods -n shop", "kubectl -n shop delete pod web-1"])
    }

    @Test func hereDocumentsAndHereStringsAreNotAnnotations() {
        #expect(lines("cat <<EOF\nhello\nEOF", language: "sh") == ["cat <<EOF\nhello\nEOF"])
        #expect(lines("grep x <<< \"$TEXT\"", language: "sh") == ["grep x <<< \"$TEXT\""])
    }

    @Test(arguments: [
        ("df -h\nsystemctl restart worker", nil, BlockKind.commands),
        ("$ df -h\nFilesystem  Size  Used\n/dev/root  20G  16G", "console", .session),
        ("Filesystem      Size  Used Avail Use% Mounted on\n/dev/root  20G  16G  3.9G  81% /", nil, .output),
        ("[FIRING:1] DiskUsageWarning mitx-production (xqwatcher ext4)", nil, .alertText),
        ("key: value", "yaml", .code),
        ("\n  \n", nil, .empty),
        ("SELECT 1;", "sql", .commands),
        ("sudo ssh admin@db1\n● postgres.service - PostgreSQL\n   Active: active (running)", "sh", .session),
    ] as [(String, String?, BlockKind)])
    func classifiesBlocks(text: String, language: String?, kind: BlockKind) {
        #expect(CommandReader.classify(block: text, language: language) == kind)
    }

    @Test(arguments: [
        ("sudo ssh -i key.pem ubuntu@10.7.0.78", true), ("KUBECONFIG=/tmp/k kubectl get pods", true),
        ("/opt/app/bin/reindex --all", true), ("./scripts/failover.sh", true), ("export FOO=bar", true),
        ("Job for supervisor.service failed.", false), ("total 8.2G", false), ("uid=0(root) gid=0(root)", false),
        ("/dev/root        20G   16G  3.9G  81% /", false), ("drwxr-xr-x 2 www-data www 4.0K Mar 11 .", false),
        ("From the salt master:", false), ("done", false),
    ])
    func tellsCommandLinesFromOthers(line: String, isCommand: Bool) {
        if case .command = ShellLine.classify(line) {
            #expect(isCommand)
        } else {
            #expect(!isCommand)
        }
    }
}
