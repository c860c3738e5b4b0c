import Foundation
import PostgresNIO
import Testing

@testable import RunbookStore

/// The test server's TLS: its certificate names localhost (not 127.0.0.1) and comes from the throwaway authority
/// `RUNBOOK_TEST_POSTGRES_CA` names (`scripts/postgres/start`).
enum PostgresTestAuthority {
    static let skipReason = "RUNBOOK_TEST_POSTGRES_CA is not set: scripts/postgres/start sets it when openssl is there"

    static var path: String? {
        ProcessInfo.processInfo.environment["RUNBOOK_TEST_POSTGRES_CA"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var enabled: Bool {
        path != nil || PostgresTestDatabase.required
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "CI is set but RUNBOOK_TEST_POSTGRES_CA is not: scripts/postgres/start sets it" }
    }

    /// A location of the test database in a fresh schema with these TLS settings, reached by `host`.
    static func location(_ mode: PostgresLocation.TLSMode, host: String = "localhost", trusting: Bool = true)
        throws -> PostgresLocation
    {
        var location = try PostgresTestDatabase.makeLocation()
        location.host = host
        location.tls = mode
        if trusting {
            guard let path else { throw Missing() }
            location.rootCertificatePath = path
        }
        return location
    }

    /// Whether the store's connections are encrypted, as the server sees them.
    static func encrypted(_ store: PostgresStore) async throws -> Bool {
        let rows = try await store.client.query(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: PostgresTestDatabase.logger)
        for try await ssl in rows.decode(Bool.self) {
            return ssl
        }
        return false
    }
}

/// TLS to PostgreSQL as `sslmode` asks, on the test server (`PostgresTestAuthority`).
@Suite(.enabled(if: PostgresTestAuthority.enabled, Comment(rawValue: PostgresTestAuthority.skipReason)))
struct PostgresTLSTests {
    @Test(arguments: [PostgresLocation.TLSMode.require, .verifyCA, .verifyFull])
    func aTrustedCertificateNamingTheHostConnectsEncrypted(mode: PostgresLocation.TLSMode) async throws {
        try await PostgresTestDatabase.withStore(at: try PostgresTestAuthority.location(mode)) { store in
            try await store.probe(at: Fixture.at(0))
            let encrypted = try await PostgresTestAuthority.encrypted(store)
            #expect(encrypted)
        }
    }

    @Test
    func disableConnectsInClear() async throws {
        let location = try PostgresTestAuthority.location(.disable, trusting: false)
        try await PostgresTestDatabase.withStore(at: location) { store in
            let encrypted = try await PostgresTestAuthority.encrypted(store)
            #expect(!encrypted)
        }
    }

    @Test
    func verifyFullRefusesACertificateFromAnAuthorityNotTrusted() async throws {
        let location = try PostgresTestAuthority.location(.verifyFull, trusting: false)
        let failure = await #expect(throws: PostgresFailure.self) {
            try await PostgresStore.open(location, logger: PostgresTestDatabase.logger).close()
        }
        #expect(failure?.description.contains("TLS to PostgreSQL at localhost:") == true, "\(failure as Any)")
        #expect(failure?.description.contains("CERTIFICATE_VERIFY_FAILED") == true, "\(failure as Any)")
    }

    @Test
    func verifyFullRefusesACertificateForAnotherHostAndVerifyCAAcceptsIt() async throws {
        let location = try PostgresTestAuthority.location(.verifyFull, host: "127.0.0.1")
        let failure = await #expect(throws: PostgresFailure.self) {
            try await PostgresStore.open(location, logger: PostgresTestDatabase.logger).close()
        }
        #expect(failure?.description.contains("TLS to PostgreSQL at 127.0.0.1:") == true, "\(failure as Any)")
        #expect(failure?.description.contains("failedToValidateHostname") == true, "\(failure as Any)")
        try await PostgresTestDatabase.withStore(at: try PostgresTestAuthority.location(.verifyCA, host: "127.0.0.1")) {
            store in
            let encrypted = try await PostgresTestAuthority.encrypted(store)
            #expect(encrypted)
        }
    }
}
