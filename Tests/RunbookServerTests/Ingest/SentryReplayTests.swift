import Foundation
import HTTPTypes
import HummingbirdTesting
import RunbookCore
import Testing

@testable import RunbookServer

/// Sentry signs the body only, so a captured delivery replayed with a fresh timestamp must be refused.
struct SentryReplayTests {
    @Test
    func aReplayedSignatureWithAFreshTimestampIs409AndStoresNothing() async throws {
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("sentry", source: .sentry)
            let signature = SentryIngestTests.signature(IngestPayload.sentry, key: secret)
            let url = IngestURL.url(base: "", integration: "sentry", source: .sentry, token: secret)
            func headers(_ offset: Double) -> HTTPFields {
                var fields: HTTPFields = [:]
                fields[SentryIngestTests.signatureField] = signature
                fields[SentryIngestTests.timestampField] = String(Int(IngestFixture.now.timeIntervalSince1970 + offset))
                return fields
            }
            let (original, fresh) = (headers(-60), headers(0))
            let (first, replay, again) = try await fixture.withServer { client in
                let first = try await client.post(url, IngestPayload.sentry, headers: original)
                let replay = try await client.post(url, IngestPayload.sentry, headers: fresh)
                let again = try await client.post(url, IngestPayload.sentry, headers: original)
                return (first, replay, again)
            }
            #expect(first.status == .accepted)
            #expect(replay.status == .conflict)
            #expect(replay.error?.error == "replayed")
            #expect(replay.error?.field == "Sentry-Hook-Signature")
            #expect(again.status == .conflict)
            #expect(try await fixture.contents().requests == 1)
        }
    }
}

struct SeenSignaturesTests {
    static let start = Date(timeIntervalSince1970: 1_000)

    @Test
    func aSignatureIsARepeatUntilItsRetentionEnds() {
        var seen = SeenSignatures(retention: 600, capacity: 10)
        let recorded1 = seen.record("a", at: Self.start)
        #expect(recorded1)
        let recorded2 = seen.record("a", at: Self.start.addingTimeInterval(599))
        #expect(!recorded2)
        let recorded3 = seen.record("a", at: Self.start.addingTimeInterval(600))
        #expect(recorded3)
    }

    @Test
    func whenFullTheOldestIsForgottenFirstAndTheCountStaysBounded() {
        var seen = SeenSignatures(retention: 600, capacity: 3)
        for (offset, name) in ["a", "b", "c", "d"].enumerated() {
            let recorded4 = seen.record(name, at: Self.start.addingTimeInterval(Double(offset)))
            #expect(recorded4)
        }
        #expect(seen.count == 3)
        let recorded5 = seen.record("d", at: Self.start.addingTimeInterval(5))
        #expect(!recorded5)
        let recorded6 = seen.record("b", at: Self.start.addingTimeInterval(5))
        #expect(!recorded6)
        let recorded7 = seen.record("a", at: Self.start.addingTimeInterval(5))
        #expect(recorded7)
        for index in 0..<5_000 {
            _ = seen.record("s\(index)", at: Self.start.addingTimeInterval(10))
        }
        #expect(seen.count == 3)
    }

    @Test
    func aForgottenSignatureMayBeSentAgain() {
        var seen = SeenSignatures(retention: 600, capacity: 3)
        let recorded8 = seen.record("a", at: Self.start)
        #expect(recorded8)
        seen.forget("a")
        let recorded9 = seen.record("a", at: Self.start.addingTimeInterval(1))
        #expect(recorded9)
        let recorded10 = seen.record("a", at: Self.start.addingTimeInterval(2))
        #expect(!recorded10)
    }
}

struct RecentlyUsedCacheTests {
    @Test
    func whenFullOnlyTheLeastRecentlyUsedEntryIsForgotten() {
        var cache = RecentlyUsedCache<Int, String>(capacity: 64)
        for key in 0..<64 { cache.set("v\(key)", for: key) }
        let first = cache.value(for: 0)
        #expect(first == "v0")
        cache.set("v64", for: 64)
        #expect(cache.count == 64)
        #expect(cache.contains(0))
        #expect(!cache.contains(1))
        #expect(cache.contains(2))
        #expect(cache.contains(64))
    }

    /// Thousands of random reads and writes on a small cache agree, step by step, with a plain list kept in order
    /// of use: the same keys held, the same values, the same one forgotten.
    @Test
    func randomUseAgreesWithAListKeptInOrderOfUse() {
        var cache = RecentlyUsedCache<Int, Int>(capacity: 7)
        var model: [(key: Int, value: Int)] = []  // most recently used first
        var generator = SystemRandomNumberGenerator()
        for step in 0..<20_000 {
            let key = Int.random(in: 0..<20, using: &generator)
            if Bool.random(using: &generator) {
                let got = cache.value(for: key)
                let position = model.firstIndex { $0.key == key }
                #expect(got == position.map { model[$0].value }, "step \(step): read \(key)")
                if let position { model.insert(model.remove(at: position), at: 0) }
            } else {
                cache.set(step, for: key)
                if let position = model.firstIndex(where: { $0.key == key }) { model.remove(at: position) }
                model.insert((key, step), at: 0)
                if model.count > 7 { model.removeLast() }
            }
            #expect(cache.keysByRecency == model.map(\.key), "step \(step)")
            if cache.keysByRecency != model.map(\.key) { return }
        }
        #expect(cache.count == 7)
    }

    @Test
    func aCacheOfOneHoldsTheLastEntry() {
        var cache = RecentlyUsedCache<String, Int>(capacity: 0)
        cache.set(1, for: "a")
        cache.set(2, for: "b")
        #expect(cache.count == 1)
        #expect(cache.value(for: "a") == nil)
        #expect(cache.value(for: "b") == 2)
        cache.set(3, for: "b")
        #expect(cache.value(for: "b") == 3)
        #expect(cache.keysByRecency == ["b"])
    }
}
