import Foundation
import RunbookCore
import RunbookStore
import Testing

/// Contract: a cloudwatch integration can be pinned to SNS topic ARNs, listed with it, and unpinned.
struct StoreSNSTopicTests {
    static let alarms = "arn:aws:sns:eu-west-1:123456789012:alarms"
    static let paging = "arn:aws-us-gov:sns:us-gov-west-1:123456789012:paging"

    @Test(arguments: StoreKind.allCases)
    func topicsArePinnedListedAndCleared(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let issued = try await store.addIntegration(name: "aws", source: .cloudwatch, at: Fixture.at(0))
            #expect(issued.value.snsTopics.isEmpty)
            let pinned = try await store.setSNSTopics([Self.alarms, Self.paging, Self.alarms], integration: "aws")
            #expect(pinned.snsTopics == [Self.alarms, Self.paging])
            #expect(try await store.integrations().first?.snsTopics == [Self.alarms, Self.paging])
            #expect(try await store.authenticateIntegration(name: "aws", secret: issued.secret)?.snsTopics
                        == [Self.alarms, Self.paging])
            _ = try await store.rotateIntegration(name: "aws", at: Fixture.at(1))
            #expect(try await store.integrations().first?.snsTopics == [Self.alarms, Self.paging])
            #expect(try await store.setSNSTopics([], integration: "aws").snsTopics.isEmpty)
            #expect(try await store.integrations().first?.snsTopics == [])
        }
    }

    @Test(arguments: [
        "alarms", "arn:aws:sqs:eu-west-1:123456789012:alarms", "arn:aws:sns:eu-west-1:123456789012",
        "arn:aws:sns::123456789012:alarms", "arn:aws:sns:eu-west-1:123456789012:al arms",
        "arn:aws:sns:eu-west-1:123456789012:" + String(repeating: "a", count: 256),
    ])
    func aMalformedTopicIsRefusedAndTheOldOnesStay(topic: String) async throws {
        try await StoreKind.sqlite.withStore { store in
            _ = try await store.addIntegration(name: "aws", source: .cloudwatch, at: Fixture.at(0))
            _ = try await store.setSNSTopics([Self.alarms], integration: "aws")
            let refused = await #expect(throws: StoreError.self) {
                try await store.setSNSTopics([Self.paging, topic], integration: "aws")
            }
            #expect(refused?.isInvalid == true)
            #expect(try await store.integrations().first?.snsTopics == [Self.alarms])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func onlyCloudWatchIntegrationsTakeTopics(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.addIntegration(name: "errors", source: .sentry, at: Fixture.at(0))
            let refused = await #expect(throws: StoreError.self) {
                try await store.setSNSTopics([Self.alarms], integration: "errors")
            }
            #expect(refused?.isInvalid == true)
            let missing = await #expect(throws: StoreError.self) {
                try await store.setSNSTopics([Self.alarms], integration: "nobody")
            }
            #expect(missing?.isNotFound == true)
            #expect(try await store.integrations().first?.snsTopics == [])
        }
    }
}
