import Foundation

/// Labels and annotations carried in a PagerDuty `custom_details`: its scalar fields (GitLab puts the alert's
/// labels there) and the `Labels:` / `Annotations:` lists of Alertmanager's default PagerDuty template.
struct AlertmanagerDetails {
    /// Longest value taken as a label; longer strings are prose, kept only in the text.
    static let labelValueLimit = 200
    /// Keys of `custom_details` that read as annotations rather than labels.
    static let annotationKeys: Set<String> = [
        "summary", "description", "descrition", "message", "title", "runbook_url", "runbook", "dashboard",
    ]

    var labels: [String: String] = [:]
    var annotations: [String: String] = [:]

    mutating func read(_ field: JSONField) throws(AlertDecodingError) {
        switch field.value {
        case .object(let object)?:
            for key in object.keys {
                guard let value = object[key] else { continue }
                if case .string(let text) = value, text.containsBytes("Labels:") || text.containsBytes("Annotations:") {
                    readTemplateList(text)
                } else if let text = value.scalarText, !text.isEmpty, !text.containsBytes("\n") {
                    if Self.annotationKeys.contains(key.lowercased()) {
                        annotations[key] = text
                    } else if text.utf8.count <= Self.labelValueLimit {
                        labels[key] = text
                    }
                } else if case .string(let text) = value, Self.annotationKeys.contains(key.lowercased()) {
                    annotations[key] = text
                }
            }
        case .string(let text)?:
            readTemplateList(text)
        default:
            break
        }
    }

    /// Reads ` - name = value` lines under `Labels:` and `Annotations:` headings; the first value of a name wins.
    private mutating func readTemplateList(_ text: String) {
        var section: WritableKeyPath<AlertmanagerDetails, [String: String]>?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("Labels:") {
                section = \.labels
            } else if line.hasPrefix("Annotations:") {
                section = \.annotations
            } else if let section, line.hasPrefix("- "),
                      case let afterDash = line.index(line.startIndex, offsetBy: 2),
                      let equals = line.range(of: " = ", range: afterDash..<line.endIndex)
            {
                // Searched after the dash: in `- = value` the ` = ` starts inside `- ` itself.
                let name = line[afterDash..<equals.lowerBound].trimmingCharacters(in: .whitespaces)
                let value = String(line[equals.upperBound...])
                if !name.isEmpty, self[keyPath: section][name] == nil {
                    self[keyPath: section][name] = value
                }
            } else if line.hasSuffix(":") || line.hasPrefix("Source:") {
                section = nil
            }
        }
    }
}
