extension MatchIndex {
    /// Whether `entry` is keyed to the family of the alert named `name`, whose first part before an underscore names
    /// it: `NetpolDenied` for `NetpolDenied_PerDstNamespaceWarning`, one of the variants a rule generates per
    /// namespace and severity. The runbook of the family answers every variant.
    private func isFamily(of name: String, entry: IndexedEntry) -> Bool {
        // Byte by byte: most names have no underscore, and a search by `Character` reads every grapheme.
        guard let underscore = name.utf8.firstIndex(of: 0x5F), underscore != name.startIndex else { return false }
        let family = name[..<underscore]
        guard ServiceScope.isIdentifier(family),
              let compound = MatchTokenizer.tokens(String(family)).first(where: { $0.kind == .compound })?.term
        else { return false }
        return entry.fileAlertName == compound || entry.headingAlertNames.contains(compound)
    }

    /// Why `entry` cannot answer the alert: it is keyed to another alert name, or to the alert's name and
    /// another service (see `ServiceScope`); nil when it may answer the alert.
    ///
    /// The entry is keyed to the alert's name when a compound of the subject (`diskusagewarn`) is in its
    /// headings. It names a service when its headings hold words beside that name, or its product section
    /// (`## XQueueWatcher`) does. It answers the alert when its headings, ancestors' titles or document
    /// name hold at least half (by idf) of the alert's other subject words.
    ///
    /// A section that only groups entries keyed to alert names (`IndexedEntry.groupsAlertEntries`) is keyed to
    /// those names: it answers none of another name, though it may name the alert's service (`## Reddit`).
    ///
    /// A check named in plain words (`OCW production home page`, no CamelCase name) is read the same way when the
    /// entry's own headings hold at least half of its words, the rest include a word the library has never seen,
    /// and the headings name something the alert (`alertWords`, its terms' ids) never says.
    func scopeConflict(entry: Int, scope: ServiceScope, alertWords: Set<Int32> = []) -> ServiceScope.Conflict? {
        var nameChunks: Set<String> = []
        var nameParts: Set<String> = []
        for chunk in scope.chunks where chunk.isName {
            let headings = IndexField.title.bit | IndexField.overview.bit
            guard let compound = chunk.compound, let id = vocabulary.find(compound),
                  let found = posting(of: Int(id), for: entry), found.fields & headings != 0
            else { continue }
            nameChunks.insert(chunk.text)
            nameParts.formUnion(chunk.parts)
        }
        let indexed = entries[entry]
        if nameParts.isEmpty, !scope.chunks.contains(where: \.isName) {
            // A name of plain words (a check's, `OCW production home page`): the words the entry's headings hold
            // name the same check when they are at least half of them; the rest are its service.
            let found = scope.chunks.filter { headingsHold($0, entry: entry) }
            guard !found.isEmpty, found.count < scope.chunks.count, found.count * 2 >= scope.chunks.count
            else { return nil }
            // Only a word the library has never seen, or the name of a product it gives a section of its own, is
            // taken for a service here: another word it has (`reported`, `crossed`) is as likely a word of the
            // problem, said otherwise.
            guard scope.chunks.contains(where: { chunk in
                !found.contains(chunk) && (chunk.parts.allSatisfy { vocabulary.find($0) == nil }
                    || chunk.parts.allSatisfy(productNames.contains))
            }) else { return nil }
            for chunk in found {
                nameChunks.insert(chunk.text)
                nameParts.formUnion(chunk.parts)
            }
            // Keyed to another check only when its headings name something the alert does not say anywhere
            // (`Open Discussions`); `KubeJobFailed` for the job `etl/ledger-export` names only the alert's words.
            let named = entries[entry].headingWords.union(entries[entry].sectionWords).subtracting(nameParts)
            guard named.contains(where: { word in vocabulary.find(word).map { !alertWords.contains($0) } ?? true })
            else { return nil }
        }
        guard !nameParts.isEmpty else {
            guard let name = scope.chunks.first(where: \.isName),
                  indexed.headingsNameAnAlert || indexed.groupsAlertEntries
            else { return nil }
            if let own = indexed.fileAlertName, scope.chunks.contains(where: { $0.compound == own }) { return nil }
            if isFamily(of: name.text, entry: indexed) { return nil }
            return .otherAlert(name.text)
        }
        var scopeWords = indexed.headingWords
        scopeWords.subtract(nameParts)
        scopeWords.formUnion(indexed.sectionWords)
        guard !scopeWords.isEmpty else { return nil }
        var total = 0.0
        var named = 0.0
        var unnamed: [String] = []
        // The first word after the name is the service, whatever it is (`DiskUsageWarning dns`); a word of the problem
        // after it (`DiskUsageWarning xqwatcher 91% full`) says what is wrong, not which service.
        var afterService = false
        let service = scope.chunks.filter { chunk in
            guard !nameChunks.contains(chunk.text) else { return false }
            defer { afterService = true }
            return !(afterService && chunk.saysProblem)
        }
        for chunk in service {
            var missing = false
            for part in chunk.parts where !nameParts.contains(part) && !ServiceScope.commonWords.contains(part) {
                let id = vocabulary.find(part)
                let weight = id.map { idf[Int($0)] } ?? unseenIDF
                total += weight
                if let id, let found = posting(of: Int(id), for: entry), found.head > 0 {
                    named += weight
                } else {
                    missing = true
                }
            }
            if missing { unnamed.append(chunk.text) }
        }
        guard total > 0 else { return nil }
        if named / total < ServiceScope.namedShare {
            return .otherService(unnamed.joined(separator: " "))
        }
        guard let own = unsaidOwnService(of: indexed, nameParts: nameParts, scope: scope, alertWords: alertWords)
        else { return nil }
        return .otherService(service.map(\.text).joined(separator: " "), entry: own)
    }


    /// The service `entry`'s own heading names beside the alert's name (`xqwatcher` in `DiskUsageWarning xqwatcher`),
    /// when the alert says none of its words and names its product section only in part: an `xqueue` alert under
    /// `## XQueueWatcher` is another service of the product, where `xqueue-watcher` would be the section's own name.
    /// Nil when the heading names nothing beside the alert's name, or the alert says it, or names the section whole.
    private func unsaidOwnService(
        of indexed: IndexedEntry, nameParts: Set<String>, scope: ServiceScope, alertWords: Set<Int32>
    ) -> String? {
        guard indexed.section != nil, !alertWords.isEmpty else { return nil }
        let own = indexed.headingWords.subtracting(nameParts).subtracting(ServiceScope.commonWords)
        guard !own.isEmpty, !own.contains(where: { vocabulary.find($0).map(alertWords.contains) ?? false })
        else { return nil }
        if let whole = indexed.sectionName, scope.chunks.contains(where: { ($0.compound ?? $0.parts.first) == whole }) {
            return nil
        }
        // Said as the title says it, aliases aside: the title is what a person reads first.
        let titled = ServiceScope.headingWords(indexed.title).filter(own.contains)
        return (titled.isEmpty ? own.sorted() : titled).joined(separator: " ")
    }

    /// Whether `entry`'s own headings (title or aliases) hold every part of `chunk`.
    private func headingsHold(_ chunk: ServiceScope.Chunk, entry: Int) -> Bool {
        let headings = IndexField.title.bit | IndexField.overview.bit
        return chunk.parts.allSatisfy { part in
            guard let id = vocabulary.find(part), let found = posting(of: Int(id), for: entry) else { return false }
            return found.fields & headings != 0
        }
    }

    /// Whether `entry`'s headings carry the alert's name (a CamelCase compound of its subject).
    func isKeyed(entry: Int, scope: ServiceScope) -> Bool {
        let headings = IndexField.title.bit | IndexField.overview.bit
        return scope.chunks.contains { chunk in
            guard chunk.isName, let compound = chunk.compound, let id = vocabulary.find(compound),
                  let found = posting(of: Int(id), for: entry)
            else { return false }
            return found.fields & headings != 0
        }
    }
}
