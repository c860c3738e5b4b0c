import Foundation
import HTTPTypes
import HummingbirdTesting
import RunbookCore
import Testing

@testable import RunbookServer

/// A cloudwatch integration pinned to SNS topics accepts messages from those topics only.
struct SNSTopicPinningTests {
    /// The topic `SNSSigner` signs its messages as.
    static let signerTopic = "arn:aws:sns:eu-west-1:123456789012:runbook-test"
    static let otherTopic = "arn:aws:sns:eu-west-1:123456789012:someone-else"

    @Test(arguments: [
        ([], HTTPResponse.Status.accepted),
        ([signerTopic], .accepted),
        ([otherTopic, signerTopic], .accepted),
        ([otherTopic], .forbidden),
    ] as [([String], HTTPResponse.Status)])
    func aNotificationIsAcceptedOnlyFromAPinnedTopic(topics: [String], status: HTTPResponse.Status) async throws {
        let signer = try SNSSigner()
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("aws", source: .cloudwatch)
            _ = try await fixture.store.setSNSTopics(topics, integration: "aws")
            let before = try await fixture.contents()
            let body = try signer.notification(IngestPayload.cloudWatchAlarm)
            let response = try await fixture.withServer(fetcher: signer.fetcher()) { client in
                try await client.post(SNSIngestTests.url(secret), body, headers: SNSIngestTests.snsHeaders)
            }
            #expect(response.status == status)
            if status == .forbidden {
                #expect(response.error?.error == "topic_not_allowed")
                #expect(response.error?.field == "TopicArn")
                #expect(response.error?.detail.contains(Self.signerTopic) == true)
                #expect(try await fixture.contents() == before)
            } else {
                #expect(response.ingested?.accepted == 1)
            }
        }
    }

    @Test
    func aConfirmationFromAnotherTopicIsRefusedAndNotConfirmed() async throws {
        let signer = try SNSSigner()
        let subscribeURL = URL(string: "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=2336")!
        let fetcher = MemoryFetcher([
            SNSSigner.certificateURL: Data(signer.certificatePEM.utf8), subscribeURL: Data("<ok/>".utf8),
        ])
        try await IngestFixture.with { fixture in
            let secret = try await fixture.integration("aws", source: .cloudwatch)
            _ = try await fixture.store.setSNSTopics([Self.otherTopic], integration: "aws")
            var configuration = TestServer.configuration()
            configuration.snsAutoConfirm = true
            let body = try signer.confirmation(subscribeURL: subscribeURL.absoluteString)
            let response = try await fixture.withServer(configuration: configuration, fetcher: fetcher) { client in
                try await client.post(SNSIngestTests.url(secret), body, headers: SNSIngestTests.snsHeaders)
            }
            #expect(response.status == .forbidden)
            #expect(response.error?.error == "topic_not_allowed")
            #expect(fetcher.requests == [SNSSigner.certificateURL])
        }
    }
}
