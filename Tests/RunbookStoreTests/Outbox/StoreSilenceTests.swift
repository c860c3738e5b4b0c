import Foundation
import RunbookCore
import RunbookStore
import Testing

/// Contract: silences are stored with their matchers, listed by time, and expired by hand.
struct StoreSilenceTests {
    private static func silence(from start: Double, to end: Double, _ matchers: String...) throws -> Silence {
        Silence(
            matchers: try matchers.map(LabelMatcher.init(parsing:)), startsAt: Fixture.at(start),
            endsAt: Fixture.at(end), createdBy: "ana", comment: "window \(start)-\(end)")
    }

    @Test(arguments: StoreKind.allCases)
    func aSilenceIsStoredWithItsMatchersAsWritten(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let written = try Self.silence(from: 0, to: 60, "alertname=DiskUsageWarning", "app=~xq.*", "team!~db|ops")
            let stored = try await store.addSilence(written)
            #expect(stored.id != nil)
            let listed = try await store.silences(activeAt: nil)
            #expect(listed == [stored])
            let matchers = listed.first?.matchers.map(\.description)
            #expect(matchers == ["alertname=DiskUsageWarning", "app=~xq.*", "team!~db|ops"])
            let labels = ["alertname": "DiskUsageWarning", "app": "xqwatcher"]
            #expect(listed.first?.silences(labels, at: Fixture.at(1)) == true)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func onlySilencesInForceAreActive(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let past = try await store.addSilence(try Self.silence(from: 0, to: 10, "a=1"))
            let now = try await store.addSilence(try Self.silence(from: 5, to: 50, "a=2"))
            let future = try await store.addSilence(try Self.silence(from: 40, to: 90, "a=3"))
            #expect(try await store.silences(activeAt: Fixture.at(20)) == [now])
            #expect(try await store.silences(activeAt: Fixture.at(45)) == [future, now])
            #expect(try await store.silences(activeAt: Fixture.at(50)) == [future])
            #expect(try await store.silences(activeAt: nil) == [future, now, past])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func expiringEndsASilenceAndSaysWhoDid(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let stored = try await store.addSilence(try Self.silence(from: 0, to: 100, "a=1"))
            let id = try #require(stored.id)
            let expired = try await store.expireSilence(id: id, by: "bo", at: Fixture.at(30))
            #expect(expired.endsAt == Fixture.at(30))
            #expect(expired.expiredBy == "bo")
            #expect(try await store.silences(activeAt: Fixture.at(30)).isEmpty)
            #expect(try await store.silences(activeAt: nil) == [expired])
            let again = await #expect(throws: StoreError.self) {
                try await store.expireSilence(id: id, by: "bo", at: Fixture.at(31))
            }
            #expect(again?.isConflict == true)
            let unknown = await #expect(throws: StoreError.self) {
                try await store.expireSilence(id: id + 10, by: "bo", at: Fixture.at(31))
            }
            #expect(unknown?.isNotFound == true)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aSilenceNotYetStartedCanBeExpired(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let stored = try await store.addSilence(try Self.silence(from: 100, to: 200, "a=1"))
            let expired = try await store.expireSilence(id: try #require(stored.id), by: "bo", at: Fixture.at(10))
            #expect(expired.startsAt == Fixture.at(10))
            #expect(expired.endsAt == Fixture.at(10))
            #expect(try await store.silences(activeAt: Fixture.at(150)).isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aSilenceWithoutMatchersOrWindowIsRefused(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let empty = Silence(matchers: [], startsAt: Fixture.at(0), endsAt: Fixture.at(10), createdBy: "ana",
                                comment: "")
            let noMatchers = await #expect(throws: StoreError.self) { try await store.addSilence(empty) }
            #expect(noMatchers?.isInvalid == true)
            let backwards = await #expect(throws: StoreError.self) {
                try await store.addSilence(try Self.silence(from: 10, to: 10, "a=1"))
            }
            #expect(backwards?.isInvalid == true)
            let stored = try await store.silences(activeAt: nil)
            #expect(stored.isEmpty)
        }
    }
}
