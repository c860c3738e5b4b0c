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
            return nil
        case .anchor(let anchor):
            return brokenAnchor(anchor, link: link, in: document.file, target: document.file, context: context)
        case .file(let path, let anchor):
            if context.documentsByFile[path] != nil {
                guard let anchor else { return nil }
                return brokenAnchor(anchor, link: link, in: document.file, target: path, context: context)
            }
            if context.knownFiles.contains(path) || context.knownFolders.contains(path) { return nil }
            guard context.knowsAllFiles || path.lowercased().hasSuffix(".md") else { return nil }
            let what = link.isImage ? "Image" : "Link"
            return LintRule.brokenFileLink.finding(
                document.file, line: link.line,
                "\(what) target '\(link.destination)' resolves to '\(path)', which is not in the library; "
                    + "fix the path or add the file."
            )
        }
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
