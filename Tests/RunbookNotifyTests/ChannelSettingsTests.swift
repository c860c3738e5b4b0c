import Foundation
import Testing

@testable import RunbookNotify

struct ChannelSettingsTests {
    @Test func descriptionNamesTheChannelButNoSecret() throws {
        let url = try #require(URL(string: "https://hooks.slack.example/services/T000/B000/very-secret"))
        let channel = ChannelSettings(name: "oncall-slack", kind: .slack(SlackSettings(webhookURL: url)))
        #expect(channel.description == "oncall-slack (slack)")
        #expect(!channel.description.contains("very-secret"))
    }
}
