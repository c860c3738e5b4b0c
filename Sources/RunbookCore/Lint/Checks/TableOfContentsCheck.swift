/// `toc-missing` and `toc-out-of-date`: the style guide asks for a table of contents linking each product heading.
struct TableOfContentsCheck: LintCheck {
    var rules: [LintRule] { [.tocMissing, .tocOutOfDate] }

    func findings(in context: LintContext) -> [Finding] {
        context.library.documents.flatMap { document -> [Finding] in
            guard let toc = TableOfContents.find(in: document) else {
                return missing(document, minimum: context.configuration.tableOfContentsMinimumSections)
            }
            guard !toc.isGenerated else { return [] }
            return outOfDate(
                document, toc: toc, anchors: context.anchorsByFile[document.file] ?? [],
                linksAreChecked: context.configuration.isEnabled(LintRule.brokenAnchor.id)
            )
        }
    }

    private func missing(_ document: Document, minimum: Int) -> [Finding] {
        let sections = Self.outline(of: document)
        guard sections.count >= minimum, let first = sections.first else { return [] }
        let line = document.headings.first?.line ?? 1
        return [LintRule.tocMissing.finding(
            document.file, line: line,
            "Document has \(sections.count) sections but no table of contents; add a list of links to its "
                + "top-level headings near the top (e.g. '* [\(first.title)](#\(first.anchor))')."
        )]
    }

    /// The sections a table of contents would list: entries at the document's top two levels, skipping a lone
    /// title heading (a single entry at the top level), so deep sub-sections do not make a short document long.
    static func outline(of document: Document) -> [Entry] {
        guard var top = document.entries.map(\.level).min() else { return [] }
        if document.entries.filter({ $0.level == top }).count == 1 { top += 1 }
        return document.entries.filter { (top...(top + 1)).contains($0.level) }
    }

    /// One fault gives one finding: a table-of-contents link to a gone anchor is already a `broken-anchor` error
    /// when that rule runs, and the heading it was meant for (the suggested anchor) is not reported as missing.
    private func outOfDate(
        _ document: Document, toc: TableOfContents, anchors: Set<String>, linksAreChecked: Bool
    ) -> [Finding] {
        var findings: [Finding] = []
        var meant: Set<String> = []
        for (link, anchor) in toc.links where !anchors.contains(anchor) {
            let suggestion = AnchorSuggestion.closest(to: anchor, in: anchors)
            if let suggestion { meant.insert(suggestion) }
            if linksAreChecked { continue }
            let fix = suggestion.map { "point it at #\($0)" } ?? "remove it or point it at an existing heading"
            findings.append(LintRule.tocOutOfDate.finding(
                document.file, line: link.line,
                "Table of contents links '\(link.text)' (#\(anchor)) but no heading has that anchor; \(fix)."
            ))
        }
        let anchorsOfEntry = document.entries.map { entry in Set(headingAnchors(of: entry, in: document)) }
        let linked = Set(toc.links.map(\.anchor)).union(meant)
        let linkedLevels = zip(document.entries, anchorsOfEntry)
            .filter { !$0.1.isDisjoint(with: linked) }.map(\.0.level)
        guard let top = linkedLevels.min(), let bottom = linkedLevels.max() else { return findings }
        let levels = top...min(bottom, top + 1)
        for (entry, entryAnchors) in zip(document.entries, anchorsOfEntry)
        where entry.line > toc.endLine && levels.contains(entry.level) && entryAnchors.isDisjoint(with: linked) {
            findings.append(LintRule.tocOutOfDate.finding(
                document.file, line: entry.line,
                "Heading '\(entry.title)' is missing from the table of contents (line \(toc.line)); add "
                    + "'\(String(repeating: "  ", count: entry.level - top))* [\(entry.title)](#\(entry.anchor))'."
            ))
        }
        return findings
    }

    /// The anchors of an entry's heading and of its alias headings, lowercased.
    private func headingAnchors(of entry: Entry, in document: Document) -> [String] {
        guard let index = document.headings.firstIndex(where: { $0.line == entry.line }) else {
            return [entry.anchor.lowercased()]
        }
        let end = min(index + 1 + entry.aliases.count, document.headings.count)
        return document.headings[index..<end].map { $0.anchor.lowercased() }
    }
}
