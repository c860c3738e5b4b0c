/// Fills placeholders from an alert's labels.
///
/// A placeholder's name is compared with label names case-insensitively and ignoring `-`, `_` and `.`
/// (`<your-username>` takes label `your_username`). When no label has the name itself, its aliases are tried in
/// order: environment/env/stage, namespace/ns, instance/host/hostname. A placeholder without a value is left as
/// written and reported in ``FilledText/unfilled``, never dropped.
///
/// A value from the `instance` label in a host position (`ssh <HOST>`, `user@<HOST>`, `-h <HOST>`, `--host`,
/// `<HOST>:5432`: see `HostPosition`) gives the host alone: `instance=checkout-worker-3:9100` fills
/// `ssh <instance>` as `ssh checkout-worker-3`, while `curl http://<instance>/metrics` keeps the port.
///
/// ```swift
/// let filled = PlaceholderFiller.fill("ssh salt-<ENVIRONMENT>", labels: ["env": "qa"])
/// filled.text      // "ssh salt-qa"
/// filled.filled    // ["<ENVIRONMENT>": "qa"]
/// ```
public enum PlaceholderFiller {
    /// Groups of names that stand for the same label, most specific first.
    static let aliasGroups: [[String]] = [
        ["environment", "env", "stage"],
        ["namespace", "ns"],
        ["instance", "host", "hostname"],
    ]

    /// `text` with its placeholders replaced by label values where a label matches.
    public static func fill(_ text: String, labels: [String: String]) -> FilledText {
        let occurrences = PlaceholderScanner.occurrences(in: text)
        guard !occurrences.isEmpty else { return FilledText(text: text) }
        let values = normalisedLabels(labels)
        var result = ""
        var cursor = text.startIndex
        var filled: [String: String] = [:]
        var unfilled: [Placeholder] = []
        var reported: Set<String> = []
        for occurrence in occurrences {
            result += text[cursor..<occurrence.range.lowerBound]
            cursor = occurrence.range.upperBound
            if case (var value, let label)? = value(for: occurrence.placeholder.name, in: values) {
                if label == "instance", HostPosition.contains(occurrence.range, of: text,
                                                             name: occurrence.placeholder.name) {
                    value = HostPosition.host(of: value)
                }
                result += value
                filled[occurrence.placeholder.raw] = value
            } else {
                result += text[occurrence.range]
                if reported.insert(occurrence.placeholder.raw).inserted { unfilled.append(occurrence.placeholder) }
            }
        }
        result += text[cursor...]
        return FilledText(text: result, filled: filled, unfilled: unfilled)
    }

    /// The comparable form of a name: lower case, without `-`, `_`, `.` or spaces.
    static func normalise(_ name: String) -> String {
        String(name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != "." && $0 != " " })
    }

    private static func normalisedLabels(_ labels: [String: String]) -> [String: String] {
        var values: [String: String] = [:]
        for key in labels.keys.sorted() {
            let name = normalise(key)
            if values[name] == nil, let value = labels[key] { values[name] = value }
        }
        return values
    }

    /// The value for a placeholder and the (normalised) label it came from.
    private static func value(for name: String, in values: [String: String]) -> (value: String, label: String)? {
        let key = normalise(name)
        if let value = values[key] { return (value, key) }
        guard let group = aliasGroups.first(where: { $0.contains(key) }) else { return nil }
        for alias in group where alias != key {
            if let value = values[alias] { return (value, alias) }
        }
        return nil
    }
}
