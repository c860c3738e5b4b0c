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

    /// A file-only setting kept with its structure (`notifications.channels`, `notifications.routes`, …).
    public struct Block: Sendable, Equatable {
        public var key: String
        public var tree: ConfigTree
        public var line: Int?
    }

    /// The settings, in file order.
    public var settings: [Setting] = []
    /// The file-only structured settings, in file order.
    public var blocks: [Block] = []
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
            if settings.contains(where: { $0.key == key }) || blocks.contains(where: { $0.key == key }) {
                issues.append(ConfigIssue(key: key, layer: .file, line: line, message: "is set more than once"))
            } else if NotificationConfigReader.blockKeys.contains(key) {
                blocks.append(Block(key: key, tree: Self.tree(value), line: line))
            } else if let configKey = ConfigKey.all.first(where: { $0.name == key }) {
                readValue(value, of: configKey, line: line)
            } else if Self.isSection(key) {
                guard let nested = value.mapping else {
                    let names = Self.knownKeys.filter { $0.hasPrefix(key + ".") }
                    issues.append(ConfigIssue(key: key, layer: .file, line: line,
                                              message: "expected a section with keys \(names.joined(separator: ", "))"))
                    continue
                }
                read(nested, prefix: key + ".")
            } else {
                var message = "unknown key"
                if let suggestion = ConfigKey.suggestion(for: key, among: Self.knownKeys) {
                    message += "; did you mean `\(suggestion)`?"
                }
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

    /// Every key the file may set: the settings' and the file-only blocks'.
    static var knownKeys: [String] {
        ConfigKey.all.map(\.name) + NotificationConfigReader.blockKeys
    }

    /// True when `key` is a section (`log`, `notifications`, `notifications.storm`) rather than a setting.
    static func isSection(_ key: String) -> Bool {
        knownKeys.contains { $0.hasPrefix(key + ".") }
    }

    private static func tree(_ node: Node) -> ConfigTree {
        switch node {
        case .scalar(let scalar):
            return .scalar(node.null != nil ? "" : scalar.string, line: line(node))
        case .sequence(let sequence):
            return .list(sequence.map(tree), line: line(node))
        case .mapping(let mapping):
            let entries = mapping.map {
                ConfigTree.Entry(key: $0.key.string ?? "", value: tree($0.value), line: line($0.key))
            }
            return .mapping(entries, line: line(node))
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
