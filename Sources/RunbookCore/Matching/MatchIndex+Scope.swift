extension MatchIndex {
    /// Why `entry` cannot answer the alert: it is keyed to another alert name, or to the alert's name and
    /// another service (see `ServiceScope`); nil when it may answer the alert.
    ///
    /// The entry is keyed to the alert's name when a compound of the subject (`diskusagewarning`) is in its
    /// headings. It names a service when its headings hold words beside that name, or its product section
    /// (`## XQueueWatcher`) does. It answers the alert when its headings, ancestors' titles or document
    /// name hold at least half (by idf) of the alert's other subject words.
    func scopeConflict(entry: Int, scope: ServiceScope) -> ServiceScope.Conflict? {
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
        guard !nameParts.isEmpty else {
            guard let name = scope.chunks.first(where: \.isName), indexed.headingsNameAnAlert else { return nil }
            if let own = indexed.fileAlertName, scope.chunks.contains(where: { $0.compound == own }) { return nil }
            return .otherAlert(name.text)
        }
        var scopeWords = indexed.headingWords
        scopeWords.subtract(nameParts)
        scopeWords.formUnion(indexed.sectionWords)
        guard !scopeWords.isEmpty else { return nil }
        var total = 0.0
        var named = 0.0
        var unnamed: [String] = []
        for chunk in scope.chunks where !nameChunks.contains(chunk.text) {
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
        guard total > 0, named / total < ServiceScope.namedShare else { return nil }
        return .otherService(unnamed.joined(separator: " "))
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
