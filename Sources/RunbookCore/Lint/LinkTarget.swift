import Foundation

/// Where a link in a document points, resolved against the document's folder.
enum LinkTarget: Sendable, Hashable {
    /// `#anchor` in the same document (lowercased, percent-decoded, `user-content-` dropped).
    case anchor(String)
    /// A file of the library, with the anchor inside it if any.
    case file(path: String, anchor: String?)
    /// URLs with a scheme, site-absolute paths, paths leaving the library, empty links: not checked.
    case unchecked

    /// Resolves a link destination written in the document at `documentFile`.
    init(destination: String, from documentFile: String) {
        var text = destination.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("<"), text.hasSuffix(">") { text = String(text.dropFirst().dropLast()) }
        guard !text.isEmpty, !Self.hasScheme(text), !text.hasPrefix("/"), !text.hasPrefix("\\") else {
            self = .unchecked
            return
        }
        let fragment = text.firstIndex(of: "#").map { Self.normaliseAnchor(String(text[text.index(after: $0)...])) }
        var pathPart = Substring(text[..<(text.firstIndex(of: "#") ?? text.endIndex)])
        if let query = pathPart.firstIndex(of: "?") { pathPart = pathPart[..<query] }
        if pathPart.isEmpty {
            let isAnchor = fragment.map { !$0.isEmpty } == true && !text.hasPrefix("?")
            self = isAnchor ? .anchor(fragment ?? "") : .unchecked
            return
        }
        let decoded = String(pathPart).removingPercentEncoding ?? String(pathPart)
        guard let path = Self.resolve(decoded, from: documentFile) else {
            self = .unchecked
            return
        }
        self = .file(path: path, anchor: fragment.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Anchors compare lowercased and percent-decoded, as browsers find GitHub's `user-content-` ids.
    static func normaliseAnchor(_ fragment: String) -> String {
        var anchor = (fragment.removingPercentEncoding ?? fragment).lowercased()
        if anchor.hasPrefix("user-content-") { anchor.removeFirst("user-content-".count) }
        return anchor
    }

    /// A path relative to the document (no scheme, not site-absolute, not only an anchor or a query).
    static func isRelativePath(_ destination: String) -> Bool {
        let text = destination.trimmingCharacters(in: .whitespaces)
        guard let first = text.first, !"#?/\\<".contains(first) else { return false }
        return !hasScheme(text)
    }

    /// `scheme:` as in RFC 3986 (`https:`, `mailto:`, `data:`); a lone letter is not taken for a drive.
    private static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    /// Joins a relative path to the document's folder, folding `.` and `..`; nil when it leaves the library.
    static func resolve(_ relative: String, from documentFile: String) -> String? {
        var components = documentFile.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            .map(String.init)
        for component in relative.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
            default: components.append(String(component))
            }
        }
        let path = components.joined(separator: "/")
        return path.isEmpty ? nil : path
    }
}
