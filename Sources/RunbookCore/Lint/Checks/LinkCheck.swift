import Foundation

/// `broken-anchor` and `broken-file-link`: links that lead nowhere when clicked during an incident.
struct LinkCheck: LintCheck {
    var rules: [LintRule] { [.brokenAnchor, .brokenFileLink] }

    func findings(in context: LintContext) -> [Finding] {
        context.library.documents.flatMap { document in
            document.links.compactMap { link in finding(for: link, in: document, context: context) }
        }
    }

    private func finding(for link: Link, in document: Document, context: LintContext) -> Finding? {
        switch LinkTarget(destination: link.destination, from: document.file) {
        case .unchecked:
            // Links that leave the library may still land in the repository around it.
            guard context.configuration.repository != nil, LinkTarget.isRelativePath(link.destination) else {
                return nil
            }
            return codeLink(link, in: document.file, context: context)
        case .anchor(let anchor):
            return brokenAnchor(anchor, link: link, in: document.file, target: document.file, context: context)
        case .file(let path, let anchor):
            if context.documentsByFile[path] != nil {
                guard let anchor else { return nil }
                return brokenAnchor(anchor, link: link, in: document.file, target: path, context: context)
            }
            if context.knownFiles.contains(path) || context.knownFolders.contains(path) { return nil }
            let what = link.isImage ? "Image" : "Link"
            guard Self.isLibraryContent(path, isImage: link.isImage) else {
                return codeLink(link, in: document.file, context: context)
            }
            guard context.knowsAllFiles || path.lowercased().hasSuffix(".md") else { return nil }
            return LintRule.brokenFileLink.finding(
                document.file, line: link.line,
                "\(what) target '\(link.destination)' resolves to '\(path)', which is not in the library; "
                    + "fix the path or add the file."
            )
        }
    }

    static let markdownExtensions: Set<String> = ["md", "markdown", "mdown", "mkd"]
    static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "avif"]

    /// Markdown documents and images belong to the library; anything else a document links (source files,
    /// configuration, folders of the repository) is the repository's.
    static func isLibraryContent(_ path: String, isImage: Bool) -> Bool {
        guard !isImage else { return true }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        let pathExtension = name[name.index(after: dot)...].lowercased()
        return markdownExtensions.contains(pathExtension) || imageExtensions.contains(pathExtension)
    }

    /// A link to the repository's code: checked only against a known repository (`--repo-root`).
    private func codeLink(_ link: Link, in file: String, context: LintContext) -> Finding? {
        guard let repository = context.configuration.repository,
            let decoded = Self.pathPart(of: link.destination),
            repository.contains(decoded, from: file) == false
        else { return nil }
        return LintRule.brokenFileLink.finding(
            file, line: link.line,
            "Link target '\(link.destination)' is neither in the library nor in the repository (--repo-root); "
                + "fix the path or remove the link."
        )
    }

    /// The destination without its anchor and query, percent-decoded.
    private static func pathPart(of destination: String) -> String? {
        var text = destination.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("<"), text.hasSuffix(">") { text = String(text.dropFirst().dropLast()) }
        let end = text.firstIndex { $0 == "#" || $0 == "?" } ?? text.endIndex
        let path = String(text[..<end])
        return path.isEmpty ? nil : (path.removingPercentEncoding ?? path)
    }

    private func brokenAnchor(
        _ anchor: String, link: Link, in file: String, target: String, context: LintContext
    ) -> Finding? {
        let anchors = context.anchorsByFile[target] ?? []
        guard !anchors.contains(anchor) else { return nil }
        let place = target == file ? "this document" : target
        var message = "Link '\(link.destination)' points at #\(anchor), but no heading in \(place) has that anchor; "
        if let suggestion = AnchorSuggestion.closest(to: anchor, in: anchors) {
            message += "did you mean #\(suggestion)?"
        } else {
            message += "link an existing heading's anchor (GitHub slug of its text)."
        }
        return LintRule.brokenAnchor.finding(file, line: link.line, message)
    }
}
