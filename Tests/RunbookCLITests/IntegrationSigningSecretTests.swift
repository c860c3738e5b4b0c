import Foundation
import RunbookStore
import Testing

/// `integrations add --signing-secret…` and `integrations set`: Sentry's client secret, given three ways, stored
/// for the server, and never printed back.
struct IntegrationSigningSecretTests {
    static let clientSecret = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"

    /// A fresh data folder, deleted after `body`.
    private static func withDataFolder(_ body: (String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("runbook-signing-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder.path)
    }

    /// The signing secret the store holds for `name`.
    private static func stored(_ name: String, data: String) async throws -> String? {
        let store = try SQLiteStore(path: data + "/runbook.sqlite")
        let secret = try await store.signingSecret(ofIntegration: name)
        try await store.close()
        return secret
    }

    private static func object(_ result: CLIRunner.Result) throws -> [String: Any] {
        try #require(try result.json() as? [String: Any], "\(result.stderr)")
    }

    /// How the secret reaches `add`: the arguments to pass, and what to write on standard input.
    enum Way: String, CaseIterable, Sendable {
        case argument, environment, stdin

        func arguments(variable: String) -> [String] {
            switch self {
            case .argument: ["--signing-secret", IntegrationSigningSecretTests.clientSecret]
            case .environment: ["--signing-secret-env", variable]
            case .stdin: ["--signing-secret-stdin"]
            }
        }

        var input: String? {
            self == .stdin ? IntegrationSigningSecretTests.clientSecret + "\n" : nil
        }
    }

    @Test(arguments: Way.allCases)
    func addStoresTheSigningSecretAndNeverPrintsIt(way: Way) async throws {
        let variable = "RUNBOOK_TEST_SENTRY_SECRET_\(way.rawValue.uppercased())"
        // The variable goes to the child only: setenv here would race with other tests' Process.run, which copies
        // this process's environment (a crash in Foundation when both happen at once).
        let environment = ProcessInfo.processInfo.environment.merging([variable: Self.clientSecret]) { $1 }
        try await Self.withDataFolder { data in
            let added = try await CLIRunner.run(
                ["integrations", "add", "errors", "--source", "sentry", "--data", data, "--json"]
                    + way.arguments(variable: variable), stdin: way.input, environment: environment)
            #expect(added.status == 0, "\(added.stderr)")
            let issued = try Self.object(added)
            #expect(issued["signing_secret"] as? Bool == true)
            #expect(issued["url"] as? String == "http://127.0.0.1:8080/api/v1/ingest/sentry/errors")
            #expect(!added.stdout.contains(Self.clientSecret))
            #expect(try await Self.stored("errors", data: data) == Self.clientSecret)

            let listed = try await CLIRunner.run(["integrations", "list", "--data", data, "--json"])
            let rows = try #require(try listed.json() as? [[String: Any]])
            #expect(rows.first?["signing_secret"] as? Bool == true)
            #expect(!listed.stdout.contains(Self.clientSecret))
            let text = try await CLIRunner.run(["integrations", "list", "--data", data])
            #expect(text.stdout.contains("signing secret set"))
            #expect(!text.stdout.contains(Self.clientSecret))

            let rotated = try await Self.object(CLIRunner.run(["integrations", "rotate", "errors", "--data", data, "--json"]))
            #expect(rotated["signing_secret"] as? Bool == true)
            #expect(try await Self.stored("errors", data: data) == Self.clientSecret)
        }
    }

    @Test
    func setReplacesAndRemovesTheSigningSecret() async throws {
        try await Self.withDataFolder { data in
            let added = try await Self.object(CLIRunner.run(
                ["integrations", "add", "errors", "--source", "sentry", "--data", data, "--json"]))
            #expect(added["signing_secret"] as? Bool == false)
            #expect(try await Self.stored("errors", data: data) == nil)

            let set = try await CLIRunner.run(["integrations", "set", "errors", "--signing-secret-stdin", "--data", data,
                                         "--json"], stdin: "  \(Self.clientSecret)\n")
            #expect(set.status == 0, "\(set.stderr)")
            #expect(try Self.object(set)["signing_secret"] as? Bool == true)
            #expect(!set.stdout.contains(Self.clientSecret))
            #expect(try await Self.stored("errors", data: data) == Self.clientSecret)

            let replaced = try await CLIRunner.run(["integrations", "set", "errors", "--signing-secret", "second",
                                              "--data", data])
            #expect(replaced.status == 0, "\(replaced.stderr)")
            #expect(replaced.stdout.contains("signing secret set"))
            #expect(!replaced.stdout.contains("second"))
            #expect(try await Self.stored("errors", data: data) == "second")

            let removed = try await Self.object(CLIRunner.run(["integrations", "set", "errors", "--no-signing-secret",
                                                         "--data", data, "--json"]))
            #expect(removed["signing_secret"] as? Bool == false)
            #expect(try await Self.stored("errors", data: data) == nil)
        }
    }

    @Test(arguments: [
        (["integrations", "add", "am2", "--source", "alertmanager", "--signing-secret", "s"],
         "only sentry integrations take a signing secret"),
        (["integrations", "set", "am", "--signing-secret", "s"], "only sentry integrations take a signing secret"),
        (["integrations", "set", "nobody", "--signing-secret", "s"], "no integration named nobody"),
        (["integrations", "set", "errors"], "--no-signing-secret"),
        (["integrations", "set", "errors", "--signing-secret", "s", "--no-signing-secret"], "--no-signing-secret"),
        (["integrations", "set", "errors", "--signing-secret", "s", "--signing-secret-stdin"],
         "give the signing secret once"),
        (["integrations", "set", "errors", "--signing-secret-env", "RUNBOOK_TEST_UNSET_VARIABLE_4711"],
         "RUNBOOK_TEST_UNSET_VARIABLE_4711 (--signing-secret-env) is not set"),
        (["integrations", "set", "errors", "--signing-secret-stdin"],
         "the signing secret from standard input is empty"),
        (["integrations", "set", "errors", "--signing-secret", "two words"], "visible ASCII characters"),
    ])
    func aMistakeExits2AndChangesNothing(arguments: [String], message: String) async throws {
        try await Self.withDataFolder { data in
            for (name, source) in [("am", "alertmanager"), ("errors", "sentry")] {
                let setup = try await CLIRunner.run(["integrations", "add", name, "--source", source, "--data", data])
                #expect(setup.status == 0, "\(setup.stderr)")
            }
            let result = try await CLIRunner.run(arguments + ["--data", data], stdin: "")
            #expect(result.status == 2)
            #expect(result.stderr.contains(message), "\(result.stderr)")
            let store = try SQLiteStore(path: data + "/runbook.sqlite")
            let integrations = try await store.integrations()
            try await store.close()
            #expect(integrations.map(\.name) == ["am", "errors"])
            #expect(integrations.map(\.hasSigningSecret) == [false, false])
        }
    }
}
