import ArgumentParser
import Foundation
import RunbookCore
import RunbookServer
import RunbookStore

/// `runbook integrations add|list|rotate|set|remove`: the ingestion endpoints and their secrets.
struct IntegrationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "integrations",
        abstract: "Manage the integrations monitoring tools send alerts to.",
        discussion: """
            Each integration is one ingestion endpoint for one source, with its own secret. The secret is shown \
            once, when added or rotated, and stored as a hash. The URL printed uses the setting \
            public_url (else the listen address). The commands use the server's database (--data, \
            --config or RUNBOOK_DATA), also while it runs.

            Sentry signs its webhooks with a client secret of its own: give it to a sentry integration as its \
            signing secret (add or set, --signing-secret-stdin keeps it out of shell history) and Sentry's \
            requests are verified by their signature alone, with no token in the URL. It is stored so that \
            signatures can be checked, and never printed back. A cloudwatch integration can be pinned to its SNS \
            topics (set --sns-topic ARN), refusing messages from any other.

            Examples:
              runbook integrations add am --source alertmanager
              runbook integrations add am --source alertmanager --json
              runbook integrations add errors --source sentry --signing-secret-env SENTRY_CLIENT_SECRET
              runbook integrations set errors --signing-secret-stdin < client-secret.txt
              runbook integrations set aws --sns-topic arn:aws:sns:eu-west-1:123456789012:alarms
              runbook integrations rotate am
              runbook integrations remove am
            """,
        subcommands: [Add.self, List.self, Rotate.self, Change.self, Remove.self]
    )

    /// The sources an integration can receive from.
    static let sources = AlertSource.allCases.filter { $0 != .text && $0 != .runbook }

    /// What `add` and `rotate` print: where to send alerts, and the secret to send with them.
    struct Issued: Encodable {
        var name: String
        var source: String
        var url: String
        var token: String
        var signingSecret: Bool

        enum CodingKeys: String, CodingKey {
            case name, source, url, token
            case signingSecret = "signing_secret"
        }

        init(_ issued: RunbookStore.Issued<Integration>, configuration: ServerConfiguration) {
            name = issued.value.name
            source = issued.value.source.rawValue
            url = IntegrationsCommand.url(for: issued.value, configuration: configuration)
            token = issued.secret
            signingSecret = issued.value.hasSigningSecret
        }

        func print(json: Bool) throws {
            if json {
                try JSONOutput.print(self)
            } else {
                Swift.print("Integration \(name) (\(source))")
                Swift.print("  URL:    \(url)")
                Swift.print("  Secret: \(token)")
                Swift.print("Send it as `Authorization: Bearer <secret>`, or as ?token=<secret> for senders")
                Swift.print("that cannot set headers. It is shown only now; `runbook integrations rotate \(name)`")
                Swift.print("replaces it.")
                if signingSecret {
                    Swift.print("Sentry's requests are verified by their signature with the signing secret:")
                    Swift.print("give Sentry the URL as it is, with no token.")
                } else if source == AlertSource.sentry.rawValue {
                    Swift.print("Give Sentry the URL with ?token=<secret>, or set Sentry's client secret with")
                    Swift.print("`runbook integrations set \(name) --signing-secret-stdin` to verify by signature.")
                }
            }
        }
    }

    /// The endpoint of an integration: `<base>/api/v1/ingest/<source>/<name>`.
    static func url(for integration: Integration, configuration: ServerConfiguration) -> String {
        IngestURL.url(
            base: configuration.effectiveBaseURL, integration: integration.name, source: integration.source, token: nil)
    }

    /// `runbook integrations add NAME --source S`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an integration and print its URL and secret (shown only this once).",
            discussion: """
                Examples:
                  runbook integrations add am --source alertmanager
                  runbook integrations add sentry-web --source sentry --json
                  runbook integrations add sentry-web --source sentry --signing-secret-env SENTRY_CLIENT_SECRET
                """
        )

        @OptionGroup var server: ServerOptions
        @Argument(help: "The integration's name (part of its URL).")
        var name: String
        @Option(help: "alertmanager, sentry, pingdom, datadog, cloudwatch or generic.")
        var source: String
        @OptionGroup(title: "Signing secret (sentry only)") var signing: SigningSecretOptions
        @Flag(help: "Print JSON: {\"name\", \"source\", \"url\", \"token\", \"signing_secret\"}.")
        var json = false

        func validate() throws {
            guard let source = AlertSource(rawValue: source), IntegrationsCommand.sources.contains(source) else {
                let names = IntegrationsCommand.sources.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("unknown source '\(source)'; use one of \(names)")
            }
            guard !signing.isGiven || source == .sentry else {
                throw ValidationError("only sentry integrations take a signing secret")
            }
        }

        func run() async throws {
            let source = AlertSource(rawValue: source) ?? .generic
            let signingSecret = try signing.secret()
            let issued = try await server.withStore { store, configuration in
                Issued(try await store.addIntegration(name: name, source: source, signingSecret: signingSecret,
                                                      at: Date()),
                       configuration: configuration)
            }
            try issued.print(json: json)
        }
    }

    /// `runbook integrations list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the integrations with their URLs (never their secrets).",
            discussion: """
                Example:
                  runbook integrations list --json
                """
        )

        @OptionGroup var server: ServerOptions
        @Flag(help: ArgumentHelp(
            "Print JSON: [{\"name\", \"source\", \"url\", \"created_at\", \"rotated_at\", \"signing_secret\", "
                + "\"sns_topics\"}]."))
        var json = false

        struct Row: Encodable {
            var name: String
            var source: String
            var url: String
            var createdAt: String
            var rotatedAt: String?
            /// Whether a signing secret is set; the secret itself is never printed.
            var signingSecret: Bool
            /// The SNS topics a cloudwatch integration is pinned to; empty for any.
            var snsTopics: [String]

            enum CodingKeys: String, CodingKey {
                case name, source, url
                case createdAt = "created_at"
                case rotatedAt = "rotated_at"
                case signingSecret = "signing_secret"
                case snsTopics = "sns_topics"
            }
        }

        func run() async throws {
            let rows = try await server.withStore { store, configuration in
                try await store.integrations().map { integration in
                    Row(name: integration.name, source: integration.source.rawValue,
                        url: IntegrationsCommand.url(for: integration, configuration: configuration),
                        createdAt: integration.createdAt.formatted(.iso8601),
                        rotatedAt: integration.rotatedAt?.formatted(.iso8601),
                        signingSecret: integration.hasSigningSecret, snsTopics: integration.snsTopics)
                }
            }
            if json {
                try JSONOutput.print(rows)
            } else if rows.isEmpty {
                print("No integrations; add one with: runbook integrations add NAME --source SOURCE")
            } else {
                for row in rows {
                    let signed = row.signingSecret ? "\tsigning secret set" : ""
                    let topics = row.snsTopics.isEmpty ? "" : "\ttopics " + row.snsTopics.joined(separator: ",")
                    print("\(row.name)\t\(row.source)\t\(row.url)\tcreated \(row.createdAt)\(signed)\(topics)")
                }
            }
        }
    }

    /// `runbook integrations rotate NAME`.
    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace an integration's secret; a running server refuses the old one within a second.",
            discussion: """
                A Sentry signing secret, when set, stays as it is.

                Example:
                  runbook integrations rotate am --json
                """
        )

        @OptionGroup var server: ServerOptions
        @Argument(help: "The integration's name.")
        var name: String
        @Flag(help: "Print JSON: {\"name\", \"source\", \"url\", \"token\", \"signing_secret\"}.")
        var json = false

        func run() async throws {
            let issued = try await server.withStore { store, configuration in
                Issued(try await store.rotateIntegration(name: name, at: Date()), configuration: configuration)
            }
            try issued.print(json: json)
        }
    }

    /// `runbook integrations remove NAME`.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete an integration; a running server refuses its secret within a second.",
            discussion: """
                Example:
                  runbook integrations remove am
                """
        )

        @OptionGroup var server: ServerOptions
        @Argument(help: "The integration's name.")
        var name: String
        @Flag(help: "Print JSON: {\"removed\": NAME}.")
        var json = false

        func run() async throws {
            try await server.withStore { store, _ in try await store.removeIntegration(name: name) }
            if json {
                try JSONOutput.print(["removed": name])
            } else {
                print("Removed integration \(name).")
            }
        }
    }
}
