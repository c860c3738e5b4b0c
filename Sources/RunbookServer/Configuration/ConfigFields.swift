/// The keys of one mapping in the config file, looked up by name, so that keys nobody asked for can be reported.
struct ConfigFields {
    /// The mapping's key path (`notifications.channels[0]`).
    let path: String
    /// The line the mapping starts on.
    let line: Int?
    let entries: [ConfigTree.Entry]

    /// The fields of a mapping; nil when `tree` is not one.
    init?(_ tree: ConfigTree, path: String) {
        guard case .mapping(let entries, let line) = tree else { return nil }
        self.path = path
        self.line = line
        self.entries = entries
    }

    /// The entry for `key`, if the mapping has it.
    subscript(key: String) -> ConfigTree.Entry? {
        entries.first { $0.key == key }
    }

    /// The key path of a field: `notifications.channels[0].url`.
    func path(of key: String) -> String {
        "\(path).\(key)"
    }

    /// Issues for keys outside `allowed` (with the allowed key they probably meant) and keys written twice.
    func strayKeyIssues(allowed: [String], what: String) -> [ConfigIssue] {
        var issues: [ConfigIssue] = []
        var seen: Set<String> = []
        for entry in entries {
            if !seen.insert(entry.key).inserted {
                issues.append(ConfigIssue(key: path(of: entry.key), layer: .file, line: entry.line,
                                          message: "is set more than once"))
            } else if !allowed.contains(entry.key) {
                var message = "unknown key for \(what); expected one of \(allowed.joined(separator: ", "))"
                if let suggestion = ConfigKey.suggestion(for: entry.key, among: allowed) {
                    message = "unknown key for \(what); did you mean `\(suggestion)`?"
                }
                issues.append(ConfigIssue(key: path(of: entry.key), layer: .file, line: entry.line, message: message))
            }
        }
        return issues
    }
}
