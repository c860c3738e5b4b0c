import ArgumentParser
import Foundation

/// `--server URL --token T`: the running server the remote commands talk to, as amtool talks to Alertmanager.
///
/// Each setting is looked for in this order: the flag, the environment (`RUNBOOK_SERVER`, `RUNBOOK_TOKEN`), then
/// the CLI's own file (`RemoteConfigFile`: `~/.config/runbook/cli.yaml`, or the file `RUNBOOK_CLI_CONFIG` names).
struct RemoteOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The Runbook server, such as http://127.0.0.1:8080 (also RUNBOOK_SERVER, or server: in "
            + "~/.config/runbook/cli.yaml).", valueName: "url"))
    var server: String?

    @Option(help: ArgumentHelp(
        "An API token (runbook tokens add NAME --role operator; also RUNBOOK_TOKEN, or token: in "
            + "~/.config/runbook/cli.yaml).", valueName: "token"))
    var token: String?

    /// The server and token these flags, the environment and the CLI's file name; nil when none names a server.
    func target(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RemoteTarget? {
        let file = try RemoteConfigFile.load(environment: environment)
        let serverText = server ?? environment["RUNBOOK_SERVER"].flatMap { $0.isEmpty ? nil : $0 } ?? file?.server
        guard let serverText else { return nil }
        let token = token ?? environment["RUNBOOK_TOKEN"].flatMap { $0.isEmpty ? nil : $0 } ?? file?.token
        return try RemoteTarget(server: serverText, token: token)
    }

    /// The server to use instead of the local database: nil when `--config` or `--data` is given, or no server is
    /// named; then the command opens the database (`ServerOptions.withStore`).
    func target(unless local: ServerOptions) throws -> RemoteTarget? {
        local.isExplicit ? nil : try target()
    }

    /// The target, or a usage error saying how to name a server.
    func requireTarget(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RemoteTarget {
        guard let target = try target(environment: environment) else {
            throw ValidationError("""
                no Runbook server given: pass --server URL --token TOKEN, set RUNBOOK_SERVER and RUNBOOK_TOKEN, or \
                write them in \(RemoteConfigFile.path(environment: environment)) (server: URL and token: TOKEN, \
                one per line)
                """)
        }
        return target
    }
}

/// A server's base URL and the token to present.
struct RemoteTarget: Sendable {
    let base: URL
    let token: String?

    /// Checks that `server` is an http(s) URL with a host.
    init(server: String, token: String?) throws {
        let trimmed = server.trimmingCharacters(in: .whitespaces)
        guard let url = URL(string: trimmed.hasSuffix("/") ? String(trimmed.dropLast()) : trimmed),
              let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil
        else {
            throw ValidationError("the server must be an http:// or https:// URL such as http://127.0.0.1:8080, "
                                  + "not '\(server)'")
        }
        base = url
        self.token = token
    }
}

/// The CLI's own settings file: two optional lines, `server: URL` and `token: TOKEN`; `#` starts a comment.
///
/// ```yaml
/// # ~/.config/runbook/cli.yaml
/// server: https://runbook.example.com
/// token: rbk_…
/// ```
struct RemoteConfigFile: Equatable {
    var server: String?
    var token: String?

    /// `RUNBOOK_CLI_CONFIG`, else `$XDG_CONFIG_HOME/runbook/cli.yaml`, else `$HOME/.config/runbook/cli.yaml`.
    static func path(environment: [String: String]) -> String {
        if let path = environment["RUNBOOK_CLI_CONFIG"], !path.isEmpty { return path }
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/runbook/cli.yaml" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.config/runbook/cli.yaml"
    }

    /// The file's settings; nil when there is no file. A line it does not understand is an error naming the line.
    static func load(environment: [String: String]) throws -> RemoteConfigFile? {
        let path = path(environment: environment)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("cannot read \(path)")
        }
        return try parse(text, path: path)
    }

    static func parse(_ text: String, path: String) throws -> RemoteConfigFile {
        var file = RemoteConfigFile()
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
                .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard !line.isEmpty else { continue }
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let value = parts.count == 2 ? parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) : ""
            switch parts[0] {
            case "server" where !value.isEmpty: file.server = value
            case "token" where !value.isEmpty: file.token = value
            default:
                throw ValidationError(
                    "\(path):\(number + 1): expected `server: URL` or `token: TOKEN`, found '\(line)'")
            }
        }
        return file
    }
}
