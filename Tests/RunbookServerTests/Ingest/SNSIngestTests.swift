import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RunbookCore
import Testing

@testable import RunbookServer

struct SNSIngestTests {
    static let snsHeaders: HTTPFields = [.contentType: "text/plain; charset=UTF-8"]

    static func url(_ secret: String) -> String {
        IngestURL.url(base: "", integration: "aws", source: .cloudwatch, token: secret)
    }

    @Test(arguments: ["1", "2"])
    func aSignedCloudWatchNotificationBecomesAnIncident(version: String) async throws {
        let signer = try SNSSigner()
        let fetcher = signer.fetcher()
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("aws", source: .cloudwatch)
            let body = try signer.notification(IngestPayload.cloudWatchAlarm, version: version)
            let (first, second) = try await fixture.withServer(fetcher: fetcher) { client in
                let first = try await client.post(Self.url(secret), body, headers: Self.snsHeaders)
                let second = try await client.post(Self.url(secret), body, headers: Self.snsHeaders)
                return (first, second)
            }
            #expect(first.status == .accepted)
            #expect(second.status == .accepted)
            let id = try #require(first.ingested?.incidents.first)
            let detail = try await fixture.store.incident(id: id)
            #expect(detail.alerts.first?.alert.labels["alarm_name"] == "PostgresReplicationLag")
            #expect(detail.incident.entryID == "alerts/PostgresReplicationLag.md#postgresreplicationlag")
            #expect(fetcher.requests == [SNSSigner.certificateURL])
        }
    }

    /// An SNS message that must be refused, and the error it must get.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let body: @Sendable (SNSSigner) throws -> String
        let error: String
        let field: String

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "certificate from a foreign host", body: { signer in
            try signer.notification(IngestPayload.cloudWatchAlarm,
                                    certificateURL: URL(string: "https://sns.eu-west-1.amazonaws.com.evil.test/c.pem")!)
        }, error: "bad_signature", field: "SigningCertURL"),
        Case(name: "certificate over http", body: { signer in
            try signer.notification(IngestPayload.cloudWatchAlarm,
                                    certificateURL: URL(string: "http://sns.eu-west-1.amazonaws.com/c.pem")!)
        }, error: "bad_signature", field: "SigningCertURL"),
        Case(name: "certificate that cannot be fetched", body: { signer in
            try signer.notification(IngestPayload.cloudWatchAlarm,
                                    certificateURL: URL(string: "https://sns.us-east-1.amazonaws.com/missing.pem")!)
        }, error: "bad_signature", field: "SigningCertURL"),
        Case(name: "tampered message", body: { signer in
            try signer.notification(IngestPayload.cloudWatchAlarm)
                .replacingOccurrences(of: "orders-replica", with: "orders-primary")
        }, error: "bad_signature", field: "Signature"),
        Case(name: "unknown signature version", body: { signer in
            try signer.notification(IngestPayload.cloudWatchAlarm, version: "3")
        }, error: "bad_signature", field: "SignatureVersion"),
        Case(name: "signed by another key", body: { signer in
            let other = try SNSSigner()
            return try other.notification(IngestPayload.cloudWatchAlarm)
        }, error: "bad_signature", field: "Signature"),
    ]

    @Test(arguments: cases)
    func anSNSMessageThatDoesNotVerifyIsRefusedAndChangesNothing(_ refused: Case) async throws {
        let signer = try SNSSigner()
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("aws", source: .cloudwatch)
            let before = try await fixture.contents()
            let response = try await fixture.withServer(fetcher: signer.fetcher()) { client in
                try await client.post(Self.url(secret), try refused.body(signer), headers: Self.snsHeaders)
            }
            #expect(response.status == .unauthorized)
            #expect(response.error?.error == refused.error)
            #expect(response.error?.field == refused.field)
            #expect(try await fixture.contents() == before)
        }
    }

    @Test(arguments: [true, false])
    func aSubscriptionConfirmationIsConfirmedOnlyWhenConfigured(autoConfirm: Bool) async throws {
        let signer = try SNSSigner()
        let subscribeURL = URL(string: "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=2336")!
        let fetcher = MemoryFetcher([
            SNSSigner.certificateURL: Data(signer.certificatePEM.utf8), subscribeURL: Data("<ok/>".utf8),
        ])
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("aws", source: .cloudwatch)
            var configuration = TestServer.configuration()
            configuration.snsAutoConfirm = autoConfirm
            let body = try signer.confirmation(subscribeURL: subscribeURL.absoluteString)
            let response = try await fixture.withServer(configuration: configuration, fetcher: fetcher) { client in
                try await client.post(Self.url(secret), body, headers: Self.snsHeaders)
            }
            #expect(response.status == .ok)
            let answer = try JSONDecoder().decode(SNSConfirmationResponse.self, from: Data(buffer: response.body))
            #expect(answer.confirmed == autoConfirm)
            #expect(fetcher.requests.contains(subscribeURL) == autoConfirm)
            let logged = fixture.capture.lines.contains {
                $0.contains("sns.subscription.pending") && $0.contains("ConfirmSubscription")
            }
            #expect(logged == !autoConfirm)
            #expect(try await fixture.contents().requests == 0)
        }
    }

    @Test
    func aConfirmationWithAForeignSubscribeURLIsRefused() async throws {
        let signer = try SNSSigner()
        let fetcher = signer.fetcher()
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("aws", source: .cloudwatch)
            var configuration = TestServer.configuration()
            configuration.snsAutoConfirm = true
            let body = try signer.confirmation(subscribeURL: "https://evil.test/?Action=ConfirmSubscription")
            let response = try await fixture.withServer(configuration: configuration, fetcher: fetcher) { client in
                try await client.post(Self.url(secret), body, headers: Self.snsHeaders)
            }
            #expect(response.status == .badRequest)
            #expect(response.error?.field == "SubscribeURL")
            #expect(fetcher.requests == [SNSSigner.certificateURL])
        }
    }
}
