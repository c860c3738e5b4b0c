import Foundation

extension LoadedConfiguration {
    /// The effective configuration as a YAML config file, each setting commented with where it came from.
    ///
    /// Credentials in URLs are replaced by `[OMITTED]`, so the output can be pasted into a ticket.
    public func renderedYAML() -> String {
        var lines: [String] = []
        var openSections: [String] = []
        for key in ConfigKey.all {
            let parts = key.name.split(separator: ".").map(String.init)
            let sections = Array(parts.dropLast())
            let kept = zip(openSections, sections).prefix { $0 == $1 }.count
            for depth in kept..<sections.count {
                lines.append(String(repeating: "  ", count: depth) + sections[depth] + ":")
                if sections[...depth].joined(separator: ".") == "notifications" {
                    lines += configuration.notifications.renderedYAMLLines(
                        indent: String(repeating: "  ", count: depth + 1), layers: layers
                    )
                }
            }
            openSections = sections
            let leaf = String(repeating: "  ", count: sections.count) + parts[parts.count - 1]
            let source =
                switch layer(of: key) {
                case .defaults: "default"
                case .file: "config file"
                case .environment: key.environmentVariable
                case .flag: key.flag
                }
            let value = key.value(in: configuration)
            var origin = source
            // Say what is in effect: the server derives an unset public URL from the listen address. The value stays
            // empty so that the printed configuration reads back to the same settings (it follows `listen`).
            if key.name == "public_url", value.isEmpty {
                origin += "; in effect \(configuration.effectiveBaseURL), derived from listen"
            }
            // Unset, the coverage report's threshold follows the match threshold (see `ServerConfiguration.load`).
            if key.name == "coverage_threshold", layers[key.name] == nil, layers["incidents.match_threshold"] != nil {
                origin += "; follows incidents.match_threshold"
            }
            let written = key.isList ? value : Self.quotedIfNeeded(value)
            lines.append("\(leaf): \(written)  # \(origin)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Quotes a scalar that YAML would otherwise read as something else (`[::1]:80`, `a #b`, empty).
    static func quotedIfNeeded(_ value: String) -> String {
        let special: Set<Character> = ["[", "]", "{", "}", "*", "&", "!", "|", ">", "'", "\"", "%", "@", "`", "#"]
        let needsQuotes = value.isEmpty || value.contains(where: special.contains) || value.contains(": ")
            || value.first == " " || value.last == " "
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
