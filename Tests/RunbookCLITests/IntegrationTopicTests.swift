import Foundation
import RunbookStore
import Testing

/// `integrations set NAME --sns-topic ARN… | --no-sns-topics`: pinning a cloudwatch integration to its topics.
struct IntegrationTopicTests {
    static let alarms = "arn:aws:sns:eu-west-1:123456789012:alarms"
    static let paging = "arn:aws:sns:eu-west-1:123456789012:paging"

    @Test
    func topicsArePinnedListedAndCleared() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-topics-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let added = try await CLIRunner.run(["integrations", "add", "aws", "--source", "cloudwatch", "--data", data])
        #expect(added.status == 0, "\(added.stderr)")

        let pinned = try await CLIRunner.run(["integrations", "set", "aws", "--sns-topic", Self.alarms, "--sns-topic",
                                        Self.paging, "--data", data, "--json"])
        #expect(pinned.status == 0, "\(pinned.stderr)")
        let object = try #require(try pinned.json() as? [String: Any])
        #expect(object["sns_topics"] as? [String] == [Self.alarms, Self.paging])
        let listed = try #require(try await CLIRunner.run(["integrations", "list", "--data", data, "--json"]).json()
            as? [[String: Any]])
        #expect(listed.first?["sns_topics"] as? [String] == [Self.alarms, Self.paging])
        #expect(try await CLIRunner.run(["integrations", "list", "--data", data]).stdout.contains("topics \(Self.alarms)"))

        let cleared = try await CLIRunner.run(["integrations", "set", "aws", "--no-sns-topics", "--data", data])
        #expect(cleared.status == 0, "\(cleared.stderr)")
        #expect(cleared.stdout.contains("accepts SNS messages from any topic"))
        let store = try SQLiteStore(path: data + "/runbook.sqlite")
        let topics = try await store.integrations().first?.snsTopics
        try await store.close()
        #expect(topics == [])
    }

    @Test(arguments: [
        (["integrations", "set", "aws", "--sns-topic", "alarms"], "is not an SNS topic ARN"),
        (["integrations", "set", "errors", "--sns-topic", alarms], "only cloudwatch integrations take SNS topics"),
        (["integrations", "set", "aws", "--sns-topic", alarms, "--no-sns-topics"], "give one change"),
        (["integrations", "set", "aws", "--sns-topic", alarms, "--no-signing-secret"], "give one change"),
    ])
    func aMistakeExits2(arguments: [String], message: String) async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-topics-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: data) }
        for (name, source) in [("aws", "cloudwatch"), ("errors", "sentry")] {
            #expect(try await CLIRunner.run(["integrations", "add", name, "--source", source, "--data", data]).status == 0)
        }
        let result = try await CLIRunner.run(arguments + ["--data", data])
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
