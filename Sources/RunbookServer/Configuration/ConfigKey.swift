import Foundation
import Logging

/// One setting: its config-file key, environment variable, flag, what it expects and how it is applied.
///
/// The file key is dotted by section (`log.format` is `format:` under `log:`); the variable is `RUNBOOK_` and the
/// key in capitals with dots as underscores (`RUNBOOK_LOG_FORMAT`); the flag is the key with dots and
/// underscores as dashes (`--log-format`).
public struct ConfigKey: Sendable {
    /// The dotted config-file key.
    public let name: String
    /// What the setting does, for `config show` and help.
    public let summary: String
    /// What a valid value looks like, quoted in error messages.
    public let expected: String
    /// Whether the setting takes a list.
    public let isList: Bool
    let apply: @Sendable (inout ServerConfiguration, ConfigInput) -> Bool
    let render: @Sendable (ServerConfiguration) -> String

    /// The environment variable that sets it.
    public var environmentVariable: String {
        "RUNBOOK_" + name.uppercased().replacingOccurrences(of: ".", with: "_")
    }

    /// The command-line flag that sets it.
    public var flag: String {
        "--" + name.replacingOccurrences(of: ".", with: "-").replacingOccurrences(of: "_", with: "-")
    }

    /// The section a dotted key sits in (`log` for `log.format`), nil for a top-level key.
    public var section: String? {
        name.firstIndex(of: ".").map { String(name[..<$0]) }
    }

    /// Sets the value on `configuration`; false, leaving it unchanged, when the value is not valid.
    public func apply(_ input: ConfigInput, to configuration: inout ServerConfiguration) -> Bool {
        apply(&configuration, input)
    }

    /// The setting's current value as the config file would spell it.
    public func value(in configuration: ServerConfiguration) -> String {
        render(configuration)
    }

    /// The key with this file name, variable or flag.
    public static func named(_ name: String) -> ConfigKey? {
        all.first { $0.name == name || $0.environmentVariable == name || $0.flag == name }
    }

    /// The sections keys are grouped in.
    public static var sections: [String] {
        var seen: [String] = []
        for section in all.compactMap(\.section) where !seen.contains(section) {
            seen.append(section)
        }
        return seen
    }
}
