import Foundation
import HTTPTypes
import Hummingbird
import RunbookStore
import Testing

@testable import RunbookServer

/// Sign-in by an authenticating proxy's user-name header: trusted only from the configured addresses, with the
/// role of the console user of that name or the default role, and refused for an unknown name without one.
struct ConsoleProxySignInTests {
    static let header = HTTPField.Name("X-Forwarded-User")!

    /// A configuration trusting `trusted` (the test client comes from 127.0.0.1) to set `X-Forwarded-User`.
    static func configuration(trusted: String, defaultRole: APIToken.Role? = nil) throws -> ServerConfiguration {
        var configuration = TestServer.configuration()
        configuration.proxySignIn.header = "X-Forwarded-User"
        configuration.proxySignIn.trusted = [try #require(AddressRange(trusted))]
        configuration.proxySignIn.defaultRole = defaultRole
        return configuration
    }

    /// A harness with the console user `ana` (operator), its server logging into `capture`.
    static func run(
        _ configuration: ServerConfiguration, capture: LogCapture,
        _ body: @Sendable (ConsoleBrowser, APIHarness) async throws -> Void
    ) async throws {
        let harness = try await APIHarness.make()
        try await harness.store.addConsoleUser(ConsoleUser(
            name: "ana", role: .operator, passwordHash: PasswordHash.decoy, createdAt: APIHarness.start))
        var dependencies = harness.dependencies()
        dependencies.logger = capture.logger()
        do {
            try await TestServer.withLiveServer(configuration: configuration, dependencies: dependencies) { client in
                try await body(ConsoleBrowser(client), harness)
            }
        } catch {
            try await harness.close()
            throw error
        }
        try await harness.close()
    }

    @Test
    func aTrustedProxySignsInAConsoleUserWithTheirRole() async throws {
        let capture = LogCapture()
        try await Self.run(try Self.configuration(trusted: "127.0.0.0/8"), capture: capture) { browser, harness in
            let id = try #require(try await harness.ingest([APIHarness.alert("DiskFull")]).incidentIDs.first)
            let page = try await browser.get("/incidents/\(id)", headers: [Self.header: "ana"])
            #expect(page.status == .ok)
            #expect(page.text.contains("ana (operator)"))
            #expect(page.text.contains("action=\"/incidents/\(id)/acknowledge\""), "an operator sees the actions")
            #expect(page.setCookie(Console.sessionCookie) != nil, "the proxy's user gets a session for the forms")
            let acknowledged = try await browser.post(
                "/incidents/\(id)/acknowledge", ["csrf": try #require(page.csrf)], headers: [Self.header: "ana"])
            #expect(acknowledged.status == .seeOther)
            #expect(try await harness.store.incident(id: id).incident.acknowledgedBy == "ana")
            let signIns = capture.objects.filter { $0["type"] as? String == "console.proxy_signed_in" }
            #expect(signIns.count == 1, "the session started once is used again: \(capture.lines)")
        }
    }

    @Test
    func theHeaderFromAnotherAddressIsIgnoredAndLogged() async throws {
        let capture = LogCapture()
        try await Self.run(try Self.configuration(trusted: "10.0.0.0/8", defaultRole: .admin), capture: capture) {
            browser, _ in
            let page = try await browser.get("/incidents", headers: [Self.header: "ana"])
            #expect(page.status == .seeOther)
            #expect(page.location?.hasPrefix("/sign-in") == true, "not signed in by an untrusted header")
            let line = try #require(capture.objects.first { $0["type"] as? String == "console.proxy_header_untrusted" })
            let fields = line["fields"] as? [String: Any]
            #expect(fields?["client"] as? String == "127.0.0.1")
        }
    }

    @Test
    func anUnknownNameTakesTheDefaultRoleOrIsRefused() async throws {
        let capture = LogCapture()
        try await Self.run(try Self.configuration(trusted: "127.0.0.1", defaultRole: .viewer), capture: capture) {
            browser, _ in
            let page = try await browser.get("/incidents", headers: [Self.header: "zoe"])
            #expect(page.status == .ok)
            #expect(page.text.contains("zoe (viewer)"))
            #expect(try await browser.get("/deliveries", headers: [Self.header: "zoe"]).status == .forbidden)
        }
        try await Self.run(try Self.configuration(trusted: "127.0.0.1"), capture: capture) { browser, _ in
            let page = try await browser.get("/incidents", headers: [Self.header: "zoe"])
            #expect(page.status == .forbidden)
            #expect(page.text.contains("runbook users add zoe"))
            #expect(page.setCookie(Console.sessionCookie) == nil)
            #expect(capture.objects.contains { $0["type"] as? String == "console.proxy_user_unknown" })
        }
    }

    @Test(arguments: [
        ("10.0.0.0/8", "10.200.3.4", true), ("10.0.0.0/8", "11.0.0.1", false), ("192.168.1.7", "192.168.1.7", true),
        ("192.168.1.7", "192.168.1.8", false), ("fd00::/8", "fd12::1", true), ("fd00::/8", "fe80::1", false),
        ("::1", "::1", true), ("10.0.0.0/8", "::ffff:10.1.1.1", true), ("10.0.0.0/8", "::1", false),
        ("0.0.0.0/0", "203.0.113.9", true), ("10.1.0.0/15", "10.0.255.255", true), ("10.1.0.0/15", "10.2.0.0", false),
    ])
    func addressRangesHoldTheirAddresses(range: String, address: String, holds: Bool) throws {
        #expect(try #require(AddressRange(range)).contains(address) == holds)
    }

    @Test(arguments: [("10.0.0.0/8", "10.0.0.0/8"), ("fd00::/8", "fd00::/8"), ("::1", "::1/128")])
    func addressRangesDescribeThemselves(range: String, description: String) throws {
        #expect(try #require(AddressRange(range)).description == description)
    }

    @Test(arguments: ["10.0.0.0/33", "10.0.0/8", "::1/129", "host.example", "10.0.0.0/", "10.0.0.0/-1", ""])
    func malformedRangesAreRefused(text: String) {
        #expect(AddressRange(text) == nil)
    }

    @Test
    func aHeaderWithNoTrustedAddressIsAConfigurationError() throws {
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(file: ConfigFile(yaml: "console:\n  proxy_header: X-Forwarded-User\n"))
        }
        let loaded = try ServerConfiguration.load(file: ConfigFile(yaml: """
            console:
              proxy_header: X-Forwarded-User
              proxy_trusted: [10.0.0.5, "fd00::/8"]
              proxy_default_role: viewer
            """)).configuration
        #expect(loaded.proxySignIn.trusted.map(\.description) == ["10.0.0.5/32", "fd00::/8"])
        #expect(loaded.proxySignIn.defaultRole == .viewer)
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(file: ConfigFile(yaml: "console:\n  proxy_trusted: [10.0.0.300]\n"))
        }
    }
}
