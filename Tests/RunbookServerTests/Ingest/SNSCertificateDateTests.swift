import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOConcurrencyHelpers
import RunbookCore
import Testing

@testable import RunbookServer

/// An SNS signing certificate is used only within its validity window, by the server's injected clock.
struct SNSCertificateDateTests {
    static let day: TimeInterval = 86_400

    /// A certificate window relative to the fixture's clock, and the error a message signed under it gets.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let notValidBefore: TimeInterval
        let notValidAfter: TimeInterval
        let error: String?

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "valid", notValidBefore: -day, notValidAfter: day, error: nil),
        Case(name: "expired yesterday", notValidBefore: -30 * day, notValidAfter: -day, error: "certificate_expired"),
        Case(name: "expired a second ago", notValidBefore: -day, notValidAfter: -1, error: "certificate_expired"),
        Case(name: "valid from tomorrow", notValidBefore: day, notValidAfter: 30 * day,
             error: "certificate_not_yet_valid"),
    ]

    @Test(arguments: cases)
    func aMessageIsAcceptedOnlyWhileItsCertificateIsValid(_ window: Case) async throws {
        let signer = try SNSSigner(notValidBefore: IngestFixture.now.addingTimeInterval(window.notValidBefore),
                                   notValidAfter: IngestFixture.now.addingTimeInterval(window.notValidAfter))
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("aws", source: .cloudwatch)
            let before = try await fixture.contents()
            let body = try signer.notification(IngestPayload.cloudWatchAlarm)
            let response = try await fixture.withServer(fetcher: signer.fetcher()) { client in
                try await client.post(SNSIngestTests.url(secret), body, headers: SNSIngestTests.snsHeaders)
            }
            guard let error = window.error else {
                #expect(response.status == .accepted)
                return
            }
            #expect(response.status == .unauthorized)
            #expect(response.error?.error == error)
            #expect(response.error?.field == "SigningCertURL")
            #expect(response.error?.detail.contains("server's clock") == true)
            #expect(try await fixture.contents() == before)
        }
    }

    @Test
    func aCachedCertificateStopsVerifyingOnceTheClockPassesItsEnd() async throws {
        let signer = try SNSSigner(notValidBefore: IngestFixture.now.addingTimeInterval(-Self.day),
                                   notValidAfter: IngestFixture.now.addingTimeInterval(60))
        let fetcher = signer.fetcher()
        let clock = NIOLockedValueBox(IngestFixture.now)
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("aws", source: .cloudwatch)
            let body = try signer.notification(IngestPayload.cloudWatchAlarm)
            let dependencies = fixture.dependencies(fetcher: fetcher) { clock.withLockedValue { $0 } }
            let (first, second) = try await TestServer.withLiveServer(dependencies: dependencies) { client in
                let first = try await client.post(SNSIngestTests.url(secret), body, headers: SNSIngestTests.snsHeaders)
                clock.withLockedValue { $0 = IngestFixture.now.addingTimeInterval(61) }
                let second = try await client.post(SNSIngestTests.url(secret), body,
                                                   headers: SNSIngestTests.snsHeaders)
                return (first, second)
            }
            #expect(first.status == .accepted)
            #expect(second.status == .unauthorized)
            #expect(second.error?.error == "certificate_expired")
            #expect(fetcher.requests == [SNSSigner.certificateURL])
        }
    }
}
