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
