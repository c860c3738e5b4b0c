import Yams

/// A YAML config file read into settings, each with the line it was written on.
///
/// Keys may be nested by section (`log:` then `format:`) or written dotted (`log.format:`). Structural problems —
/// YAML syntax, unknown keys, a list where one value belongs — are collected in `issues`; values are checked when
/// the file is applied (`ServerConfiguration.load`).
public struct ConfigFile: Sendable, Equatable {
    /// One setting written in the file.
    public struct Setting: Sendable, Equatable {
        public var key: String
        public var input: ConfigInput
        public var line: Int?
    }

    /// The settings, in file order.
    public var settings: [Setting] = []
    /// What is wrong with the file's structure.
    public var issues: [ConfigIssue] = []

    /// Reads YAML text; never throws, every problem becomes an issue.
    public init(yaml: String) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            issues.append(Self.syntaxIssue(error))
            return
        } catch {
            issues.append(ConfigIssue(key: "(file)", layer: .file, message: "cannot read YAML: \(error)"))
            return
        }
        guard let root else { return }
        guard let mapping = root.mapping else {
            issues.append(ConfigIssue(key: "(file)", layer: .file, line: Self.line(root),
                                      message: "the file must be a mapping of keys, e.g. `listen: 127.0.0.1:8080`"))
            return
        }
        read(mapping, prefix: "")
    }

    private mutating func read(_ mapping: Node.Mapping, prefix: String) {
        for (keyNode, value) in mapping {
            let key = prefix + (keyNode.string ?? "")
            let line = Self.line(keyNode)
            if settings.contains(where: { $0.key == key }) {
                issues.append(ConfigIssue(key: key, layer: .file, line: line, message: "is set more than once"))
            } else if let configKey = ConfigKey.all.first(where: { $0.name == key }) {
                readValue(value, of: configKey, line: line)
            } else if ConfigKey.sections.contains(key) {
                guard let nested = value.mapping else {
                    let names = ConfigKey.all.filter { $0.section == key }.map { $0.name }
                    issues.append(ConfigIssue(key: key, layer: .file, line: line,
                                              message: "expected a section with keys \(names.joined(separator: ", "))"))
                    continue
                }
                read(nested, prefix: key + ".")
            } else {
                var message = "unknown key"
                if let suggestion = ConfigKey.suggestion(for: key) { message += "; did you mean `\(suggestion)`?" }
                issues.append(ConfigIssue(key: key, layer: .file, line: line, message: message))
            }
        }
    }

    private mutating func readValue(_ value: Node, of key: ConfigKey, line: Int?) {
        switch value {
        case .scalar(let scalar):
            let text = value.null != nil ? "" : scalar.string
            settings.append(Setting(key: key.name, input: .scalar(text), line: line))
        case .sequence(let sequence) where key.isList && sequence.allSatisfy { $0.scalar != nil }:
            settings.append(Setting(key: key.name, input: .list(sequence.compactMap(\.string)), line: line))
        case .sequence, .mapping:
            let kind = value.mapping != nil ? "a mapping" : "a list"
            issues.append(ConfigIssue(key: key.name, layer: .file, line: line,
                                      message: "expected \(key.expected), got \(kind)"))
        }
    }

    private static func line(_ node: Node) -> Int? {
        node.mark.map(\.line)
    }

    private static func syntaxIssue(_ error: YamlError) -> ConfigIssue {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ConfigIssue(key: "(file)", layer: .file, line: mark.line, message: "not valid YAML: \(problem)")
        default:
            return ConfigIssue(key: "(file)", layer: .file, message: "not valid YAML: \(error)")
        }
    }
}
