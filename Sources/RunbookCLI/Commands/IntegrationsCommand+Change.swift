import ArgumentParser
import Foundation
import RunbookCore
import RunbookServer
import RunbookStore

extension IntegrationsCommand {
    /// `runbook integrations set NAME`: a sentry integration's signing secret, or the SNS topics a cloudwatch
    /// integration accepts; one change at a time.
    struct Change: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set a sentry integration's signing secret, or the SNS topics a cloudwatch one accepts.",
            discussion: """
                Signing secret (sentry): with one, Sentry's requests are verified by their Sentry-Hook-Signature \
                alone; without one, they need ?token=<secret> and a signature keyed with the integration's \
                secret. It is never printed back.

                SNS topics (cloudwatch): with --sns-topic (repeatable), SNS messages from any other topic are \
                refused with 403, subscription confirmations included; --no-sns-topics accepts any topic again.

                A running server applies changes within a second; the integration's own secret is unchanged.
                Give one change at a time.

                Examples:
                  runbook integrations set errors --signing-secret-stdin < client-secret.txt
                  runbook integrations set errors --signing-secret-env SENTRY_CLIENT_SECRET --json
                  runbook integrations set errors --no-signing-secret
                  runbook integrations set aws --sns-topic arn:aws:sns:eu-west-1:123456789012:alarms
                """
        )

        @OptionGroup var server: ServerOptions
        @Argument(help: "The integration's name.")
        var name: String
        @OptionGroup(title: "Signing secret (sentry)") var signing: SigningSecretOptions
        @Flag(help: "Remove the signing secret.")
        var noSigningSecret = false
        @Option(help: ArgumentHelp("Accept SNS messages from this topic only (repeatable; cloudwatch).",
                                   valueName: "arn"))
        var snsTopic: [String] = []
        @Flag(help: "Accept SNS messages from any topic again.")
        var noSNSTopics = false
        @Flag(help: "Print JSON: {\"name\", \"source\", \"url\", \"signing_secret\", \"sns_topics\"}.")
        var json = false

        /// What `set` prints: never the secret, only whether one is set.
        struct Result: Encodable {
            var name: String
            var source: String
            var url: String
            var signingSecret: Bool
            var snsTopics: [String]

            enum CodingKeys: String, CodingKey {
                case name, source, url
                case signingSecret = "signing_secret"
                case snsTopics = "sns_topics"
            }
        }

        func validate() throws {
            let changes = [signing.isGiven, noSigningSecret, !snsTopic.isEmpty, noSNSTopics].filter { $0 }.count
            guard changes == 1 else {
                throw ValidationError(
                    "give one change: a signing secret (--signing-secret, --signing-secret-env or "
                        + "--signing-secret-stdin), --no-signing-secret, --sns-topic ARN… or --no-sns-topics")
            }
        }

        func run() async throws {
            let signingSecret = try signing.secret()
            let changesSecret = signing.isGiven || noSigningSecret
            let result = try await server.withStore { store, configuration in
                let integration = changesSecret
                    ? try await store.setSigningSecret(signingSecret, integration: name)
                    : try await store.setSNSTopics(snsTopic, integration: name)
                return Result(name: integration.name, source: integration.source.rawValue,
                              url: IntegrationsCommand.url(for: integration, configuration: configuration),
                              signingSecret: integration.hasSigningSecret, snsTopics: integration.snsTopics)
            }
            if json {
                try JSONOutput.print(result)
            } else if !changesSecret {
                let topics = result.snsTopics.isEmpty ? "any topic" : result.snsTopics.joined(separator: ", ")
                print("Integration \(name) (\(result.source)) accepts SNS messages from \(topics).")
            } else if result.signingSecret {
                print("Integration \(name) (\(result.source)): signing secret set; Sentry's requests to")
                print("  \(result.url)")
                print("are verified by their signature, with no token.")
            } else {
                print("Integration \(name) (\(result.source)): signing secret removed; Sentry's requests need")
                print("?token=<secret> and a signature keyed with the integration's secret.")
            }
        }
    }
}
