import Foundation
import Testing

/// What the CLI prints is shown by the terminal, never acted on: an alert's control characters (a window title, a
/// screen clear, a carriage return hiding the line before it, text reversed right to left) come out as symbols.
struct TerminalTextTests {
    /// An Alertmanager webhook whose label and summary carry ESC sequences, BEL, a carriage return, a C1 control and a
    /// right-to-left override.
    static let hostile = #"""
        {"version":"4","status":"firing","receiver":"r","groupKey":"g","alerts":[{"status":"firing",
         "labels":{"alertname":"DiskUsage\u001b[2JWarning","service":"pay\u001b[31mments","severity":"warning"},
         "annotations":{"summary":"disk \u001b]0;pwned\u0007 full\rFAKE \u009b2J \u202egnp.exe"},
         "startsAt":"2026-12-07T20:00:00Z","fingerprint":"hostile-1"}]}
        """#

    /// Whether `text` holds anything a terminal acts on: C0 controls but line breaks and tabs, DEL, C1 controls, or a
    /// mark that reorders text.
    static func actsOnTerminal(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            let value = scalar.value
            return (value < 0x20 && value != 0x0A && value != 0x09) || (0x7F..<0xA0).contains(value)
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
        }
    }

    @Test func matchShowsAnAlertsControlCharactersAsSymbols() async throws {
        let result = try await CLIRunner.run(
            ["match", "--runbooks", "examples/runbooks", "--format", "alertmanager", "-"], stdin: Self.hostile)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(!Self.actsOnTerminal(result.stdout), "\(result.stdout.debugDescription)")
        #expect(result.stdout.contains("key: DiskUsage\u{241B}"), "ESC shown as ␛: \(result.stdout)")
        // The JSON form keeps the text as sent, escaped as JSON escapes it.
        let json = try await CLIRunner.run(
            ["match", "--runbooks", "examples/runbooks", "--format", "alertmanager", "--json", "-"],
            stdin: Self.hostile)
        #expect(!Self.actsOnTerminal(json.stdout))
        let alerts = (try json.json() as? [String: Any])?["alerts"] as? [[String: Any]]
        let summary = (alerts?.first?["annotations"] as? [String: String])?["summary"]
        #expect(summary == "disk \u{1B}]0;pwned\u{07} full\rFAKE \u{9B}2J \u{202E}gnp.exe", "\(summary ?? "none")")
    }

    @Test func anUnknownCommandsErrorIsShownToo() async throws {
        let result = try await CLIRunner.run(
            ["show", "no\u{1B}]0;x\u{07}such.md#entry", "--runbooks", "examples/runbooks"])
        #expect(result.status != 0)
        #expect(!Self.actsOnTerminal(result.stderr), "\(result.stderr.debugDescription)")
        #expect(!Self.actsOnTerminal(result.stdout), "\(result.stdout.debugDescription)")
    }
}
