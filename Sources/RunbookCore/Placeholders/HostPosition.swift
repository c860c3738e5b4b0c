/// Where a placeholder stands for a host name, so that a value from the `instance` label (`host:port`, as
/// Prometheus writes it) gives the host alone.
///
/// A host position is: right after `@` (`ubuntu@<HOST>`); right before `:<digits>` (`<HOST>:9100`); the value of
/// `-h`, `--host`, `--hostname` (also `--host=<HOST>`); an argument of `ssh`, `mosh`, `ping`, `telnet`, `nc`,
/// `traceroute`, `mtr`, `dig`, `nslookup`, `host`, `scp` or `rsync`; or a placeholder named `host`, `hostname`,
/// `server`, `node` or `machine`.
enum HostPosition {
    static let hostCommands: Set<String> = [
        "ssh", "mosh", "ping", "ping6", "telnet", "nc", "traceroute", "mtr", "dig", "nslookup", "host", "scp",
        "rsync",
    ]
    static let hostOptions: Set<String> = ["-h", "--host", "--hostname", "-host"]
    static let hostNames: Set<String> = ["host", "hostname", "server", "node", "machine"]

    /// True when the placeholder `name` at `range` of `text` stands for a host.
    static func contains(_ range: Range<String.Index>, of text: String, name: String) -> Bool {
        if hostNames.contains(PlaceholderFiller.normalise(name)) { return true }
        let lineStart = text[..<range.lowerBound].lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        let before = text[lineStart..<range.lowerBound]
        if before.last == "@" { return true }
        let after = text[range.upperBound...]
        if after.first == ":", let digit = after.dropFirst().first, digit.isNumber { return true }
        for option in hostOptions where before.hasSuffix(option + "=") { return true }
        guard before.last == " " || before.last == "\t" else { return false }
        let segment = before.split(whereSeparator: { ";|&(".contains($0) }).last ?? before[...]
        let words = segment.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if let previous = words.last, hostOptions.contains(previous) { return true }
        let command = words.first { $0 != "sudo" && !$0.contains("=") }
        return command.map(hostCommands.contains) ?? false
    }

    /// `checkout-worker-3:9100` → `checkout-worker-3`; `[::1]:9100` → `::1`; anything else as it is.
    static func host(of value: String) -> String {
        if value.hasPrefix("["), let close = value.firstIndex(of: "]") {
            let rest = value[value.index(after: close)...]
            if rest.isEmpty || isPort(rest.dropFirst()) && rest.first == ":" {
                return String(value[value.index(after: value.startIndex)..<close])
            }
            return value
        }
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, isPort(parts[1]) else { return value }
        return String(parts[0])
    }

    private static func isPort(_ text: Substring) -> Bool {
        !text.isEmpty && text.count <= 5 && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
