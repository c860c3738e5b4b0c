import Foundation
import RunbookServer
import Testing

struct ConfigCommandTests {
    /// Writes `text` to a new temporary file and returns its path.
    private func temporaryFile(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-\(UUID().uuidString).yml")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test(arguments: [
        ("listen: 127.0.0.1:9000\nlog:\n  level: debug\n", Int32(0), "ok"),
        ("log:\n  fromat: json\n", 2, "line 2: error: log.fromat: unknown key; did you mean `log.format`?"),
        ("retention:\n  age: 90days\n", 2, "line 2: error: retention.age: `90days` is not valid"),
        ("http: 5\n", 2, "line 1: error: http: expected a section with keys http.max_body"),
    ])
    func configCheckReportsEachProblemWithItsLine(yaml: String, status: Int32, words: String) async throws {
        let path = try temporaryFile(yaml)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try await CLIRunner.run(["config", "check", path])
        #expect(result.status == status)
        #expect((result.stdout + result.stderr).contains(words), "\(result.stdout)\(result.stderr)")
    }

    @Test
    func configShowAppliesFileEnvironmentAndFlagsInOrder() async throws {
        let path = try temporaryFile("listen: 127.0.0.1:9000\ndata: /from/file\nlog:\n  level: debug\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try await CLIRunner.run(["config", "show", "--config", path, "--data", "/from/flag"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("listen: 127.0.0.1:9000  # config file"))
        #expect(result.stdout.contains("data: /from/flag  # --data"))
        #expect(result.stdout.contains("  level: debug  # config file"))
        #expect(result.stdout.contains("  max_body: 1MiB  # default"))
    }

    @Test
    func everySettingHasAFlagOnServe() async throws {
        let help = try await CLIRunner.run(["serve", "--help"]).stdout
        for flag in ConfigKey.all.map(\.flag) + ["--config"] {
            #expect(help.contains(flag), "serve --help lacks \(flag)")
        }
    }


    @Test
    func configShowPrintsThePublicURLInEffect() async throws {
        let result = try await CLIRunner.run(["config", "show", "--listen", "127.0.0.1:9123"])
        #expect(result.status == 0)
        let line = "public_url: \"\"  # default; in effect http://127.0.0.1:9123, derived from listen"
        #expect(result.stdout.contains(line), "\(result.stdout)")
    }
}
