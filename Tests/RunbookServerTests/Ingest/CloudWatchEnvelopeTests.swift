import Foundation
import HTTPTypes
import HummingbirdTesting
import RunbookCore
import Testing

@testable import RunbookServer

/// The cloudwatch endpoint takes signed SNS messages only: a bare alarm proves nothing about where it came from.
struct CloudWatchEnvelopeTests {
    @Test(arguments: [[], [SNSTopicPinningTests.signerTopic]] as [[String]])
    func aBareAlarmIsRefusedWithOrWithoutPinnedTopics(topics: [String]) async throws {
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("aws", source: .cloudwatch)
            _ = try await fixture.store.setSNSTopics(topics, integration: "aws")
            let before = try await fixture.contents()
            let response = try await fixture.withServer { client in
                try await client.post(SNSIngestTests.url(secret), IngestPayload.cloudWatchAlarm)
            }
            #expect(response.status == .badRequest)
            #expect(response.error?.error == "sns_envelope_required")
            #expect(response.error?.detail.contains("SNS") == true)
            #expect(try await fixture.contents() == before)
        }
    }

    @Test
    func aSignedNotificationIsStillAccepted() async throws {
        let signer = try SNSSigner()
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("aws", source: .cloudwatch)
            let body = try signer.notification(IngestPayload.cloudWatchAlarm)
            let response = try await fixture.withServer(fetcher: signer.fetcher()) { client in
                try await client.post(SNSIngestTests.url(secret), body, headers: SNSIngestTests.snsHeaders)
            }
            #expect(response.status == .accepted)
        }
    }
}
