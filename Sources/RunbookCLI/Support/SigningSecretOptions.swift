import ArgumentParser
import Foundation

/// `--signing-secret`, `--signing-secret-env` or `--signing-secret-stdin`: the secret a sender signs with (Sentry's
/// client secret), given in the clear, through a variable, or on standard input so that it stays out of shell
/// history and process listings.
///
/// At most one of the three may be given; `secret(environment:input:)` reads the one given.
struct SigningSecretOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The client secret Sentry signs its webhooks with (it lands in shell history: prefer the next two).",
        valueName: "secret"))
    var signingSecret: String?

    @Option(help: ArgumentHelp("Read the signing secret from this environment variable.", valueName: "variable"))
    var signingSecretEnv: String?

    @Flag(help: "Read the signing secret from standard input (surrounding whitespace is dropped).")
    var signingSecretStdin = false

    /// Whether any of the three options was given.
    var isGiven: Bool {
        signingSecret != nil || signingSecretEnv != nil || signingSecretStdin
    }

    func validate() throws {
        let given = [signingSecret != nil, signingSecretEnv != nil, signingSecretStdin].filter { $0 }.count
        guard given <= 1 else {
            throw ValidationError("give the signing secret once: --signing-secret, --signing-secret-env or "
                                  + "--signing-secret-stdin")
        }
    }

    /// The secret given, nil when none of the options was; a missing variable or empty input is a usage error.
    func secret(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        input: () -> Data = { FileHandle.standardInput.readDataToEndOfFile() }
    ) throws -> String? {
        if let signingSecret {
            return try Self.nonEmpty(signingSecret, from: "--signing-secret")
        }
        if let variable = signingSecretEnv {
            guard let value = environment[variable] else {
                throw ValidationError("the environment variable \(variable) (--signing-secret-env) is not set")
            }
            return try Self.nonEmpty(value, from: "the environment variable \(variable)")
        }
        if signingSecretStdin {
            return try Self.nonEmpty(String(decoding: input(), as: UTF8.self), from: "standard input")
        }
        return nil
    }

    private static func nonEmpty(_ text: String, from origin: String) throws -> String {
        let secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty else { throw ValidationError("the signing secret from \(origin) is empty") }
        return secret
    }
}
