import Foundation

extension MatchIndex {
    /// Per-entry sums gathered while reading the postings of a query's terms.
    private struct Accumulator {
        var scores: [Double]
        var explained: [Double]
        var namesExplained: [Double]
        var nameHits: [Bool]
        var touched: [Int32] = []
        /// The query's evidential mass: every seen word, and unseen words that name the alert.
        var total = 0.0
        /// The mass of the words that name the alert (its name, key, short title), seen or not.
        var naming = 0.0
        /// The number of evidential words.
        var words = 0
        /// The ids of the query's words (vocabulary ones included), for `titleShare`.
        var wordIDs: Set<Int32> = []
        /// `wordIDs` without the related terms: the words the alert itself says (for `unsaidErrorClass`).
        var saidWordIDs: Set<Int32> = []
        /// The ids of the words of the alert's name (`alertname`), related terms left out.
        var alertNameWordIDs: Set<Int32> = []
        /// The compounds that count towards the mass, with their mass and whether they name the alert.
        var compounds: [(term: MatchQuery.Term, id: Int32?, mass: Double, naming: Bool)] = []
        /// The seen terms that an entry's text can explain, with their mass (for `borrowedMass`).
        var counted: [(id: Int32, mass: Double)] = []
        /// The id of each of the query's terms, in order (nil for a term no entry has).
        var ids: [Int32?] = []
        /// The seen related terms, with the position of the word that brought each (for `explainRelatedWords`).
        var related: [(source: Int, id: Int32, mass: Double, weights: FieldWeights)] = []

        init(count: Int) {
            scores = Array(repeating: 0, count: count)
            explained = Array(repeating: 0, count: count)
            namesExplained = Array(repeating: 0, count: count)
            nameHits = Array(repeating: false, count: count)
        }
    }

    /// Scores every entry the query's terms reach and returns the best `limit`, calibrated.
    func rank(_ query: MatchQuery, limit: Int) -> [Match] {
        guard !query.isEmpty, !entries.isEmpty else { return [] }
        var accumulator = Accumulator(count: entries.count)
        let nameFields = IndexField.title.bit | IndexField.document.bit | IndexField.overview.bit
        accumulator.ids.reserveCapacity(query.terms.count)
        for term in query.terms {
            let found = termID(term)
            accumulator.ids.append(found)
            guard let id = found else {
                if term.kind == .part && term.naming && !term.related {
                    accumulator.words += 1
                    accumulator.total += term.weight * term.evidence * unseenIDF
                    accumulator.naming += term.weight * term.evidence * unseenIDF
                }
                continue
            }
            let weight = term.weight * idf[Int(id)]
            let mass = weight * term.evidence
            if term.kind != .bigram { accumulator.wordIDs.insert(id) }
            if term.kind != .bigram && !term.related { accumulator.saidWordIDs.insert(id) }
            if term.kind == .part && term.field == "alertname" && !term.related {
                accumulator.alertNameWordIDs.insert(id)
            }
            if term.kind == .part && !term.parts.isEmpty {
                // A word read joined (`gitlab` for `GitLab`) states the heading words it joins (`Git`, `Lab`).
                for part in term.parts {
                    var part = part
                    guard let partID = part.withUTF8({ vocabulary.find($0) }) else { continue }
                    accumulator.wordIDs.insert(partID)
                    if !term.related { accumulator.saidWordIDs.insert(partID) }
                    if term.field == "alertname" && !term.related { accumulator.alertNameWordIDs.insert(partID) }
                }
            }
            // A related term explains what its word would have, but the alert is no bigger for it.
            let counted = term.kind != .bigram || term.related
            if counted && !term.related { accumulator.total += mass }
            if term.kind == .part && !term.related { accumulator.words += 1 }
            let naming = counted && term.naming
            if naming { accumulator.naming += mass }
            // A label value hits the head fields only: never explained by what an entry borrows.
            if counted && !term.headOnly { accumulator.counted.append((id, mass)) }
            if term.kind == .compound && counted && !term.parts.isEmpty {
                accumulator.compounds.append((term, id, mass, naming))
            }
            let fieldWeights = FieldWeights(term)
            if term.related && term.source >= 0 { accumulator.related.append((term.source, id, mass, fieldWeights)) }
            let isName = term.isName && namesFewEntries(Int(id))
            for posting in postings[Int(id)] {
                let value = fieldWeights.value(of: posting)
                guard value > 0 else { continue }
                let entry = Int(posting.entry)
                if accumulator.scores[entry] == 0 { accumulator.touched.append(posting.entry) }
                accumulator.scores[entry] += weight * Double(value)
                if counted { accumulator.explained[entry] += mass }
                if naming && posting.head > 0 { accumulator.namesExplained[entry] += mass }
                if isName && posting.fields & nameFields != 0 {
                    accumulator.nameHits[entry] = true
                }
            }
        }
        // One pass keeps the best few for the answer and the wider pool `pointedAnswer` looks through.
        let ranked = top(accumulator.touched, scores: accumulator.scores,
                         count: max(max(limit, 2) + 2, MatchIndex.pointerPool))
        var best = Array(ranked.prefix(max(limit, 2) + 2))
        var ancestorAnswers = false
        if let first = best.first,
           let ancestor = answeringAncestor(of: first, scores: accumulator.scores, words: accumulator.wordIDs)
               ?? namingAncestor(of: first, accumulator: accumulator) {
            ancestorAnswers = true
            best.removeAll { $0 == ancestor }
            best.insert(ancestor, at: 0)
            if best.count > max(limit, 2) + 2 { best.removeLast() }
        }
        if let first = best.first,
           let section = answeringSection(of: first, among: best, scores: accumulator.scores,
                                          words: accumulator.wordIDs)
               ?? narrowerSection(of: first, among: Array(ranked.prefix(MatchIndex.pointerPool)), query: query,
                                  accumulator: accumulator) {
            best.removeAll { $0 == section }
            best.insert(section, at: 0)
            if best.count > max(limit, 2) + 2 { best.removeLast() }
        }
        // While the rules below compare what entries explain, what an entry only borrows from its sections counts
        // `borrowedShare` of its mass (the sums are restored for the confidence).
        let explainedInFull = ranked.map { accumulator.explained[$0] }
        for entry in ranked {
            accumulator.explained[entry] -= borrowedMass(of: entry, in: accumulator) * (1 - MatchIndex.borrowedShare)
        }
        // A section that explains more of the alert than its ancestor (unless `answeringAncestor` has just found that
        // the section adds nothing to the ancestor), a sibling section that explains clearly more of it, an entry that
        // scores nearly as well and explains much more of it (unless the alert states the best entry's heading
        // whole), or any entry that explains far more of it.
        let pool = Array(ranked.prefix(MatchIndex.explainingPool))
        for rule in [ExplainingRule.descendant, .sibling, .close, .rival] {
            guard rule != .descendant || !ancestorAnswers, let first = best.first,
                  rule != .close || titleShare(of: first, words: accumulator.wordIDs) < 1,
                  let answer = explainingAnswer(of: first, among: pool, scores: accumulator.scores,
                                                explained: accumulator.explained, rule: rule)
            else { continue }
            best.removeAll { $0 == answer }
            best.insert(answer, at: 0)
            if best.count > max(limit, 2) + 2 { best.removeLast() }
        }
        if let first = best.first,
           let named = namedAnswer(of: first, among: pool, scores: accumulator.scores,
                                   explained: accumulator.explained, naming: accumulator.alertNameWordIDs) {
            best.removeAll { $0 == named }
            best.insert(named, at: 0)
            if best.count > max(limit, 2) + 2 { best.removeLast() }
        }
        if let first = best.first,
           entries[first].parent == nil || titleShare(of: first, words: accumulator.wordIDs) < 1,
           let pointed = pointedAnswer(of: first, among: ranked, scores: accumulator.scores,
                                       explained: accumulator.explained) {
            best.removeAll { $0 == pointed }
            best.insert(pointed, at: 0)
            if best.count > max(limit, 2) + 2 { best.removeLast() }
        }
        for (entry, explained) in zip(ranked, explainedInFull) { accumulator.explained[entry] = explained }
        let relatedGroups = relatedWordGroups(query, accumulator)
        for entry in best {
            explainCompounds(of: entry, in: &accumulator)
            explainRelatedWords(of: entry, groups: relatedGroups, in: &accumulator)
        }
        // An entry written for another alert or service is a candidate, never the answer (see `ServiceScope`).
        var conflicts: [Int: ServiceScope.Conflict] = [:]
        if !query.scope.chunks.isEmpty {
            for entry in best {
                conflicts[entry] = scopeConflict(entry: entry, scope: query.scope, alertWords: accumulator.wordIDs)
            }
        }
        for entry in best where conflicts[entry] == nil {
            conflicts[entry] = keyConflict(of: entry, query: query, said: accumulator.saidWordIDs)
        }
        // An entry keyed to another alert name goes after those that may answer; one keyed to the alert's
        // name for another service stays listed in its place, behind an entry keyed to the name for any service.
        let otherAlerts = best.filter { if case .otherAlert = conflicts[$0] { true } else { false } }
        best = best.filter { !otherAlerts.contains($0) } + otherAlerts
        if best.contains(where: { entries[$0].quotedOnly }) {
            best = best.filter { !entries[$0].quotedOnly } + best.filter { entries[$0].quotedOnly }
        }
        if let first = best.first, conflicts[first] != nil,
           let answer = best.firstIndex(where: { conflicts[$0] == nil && isKeyed(entry: $0, scope: query.scope) }) {
            best.insert(best.remove(at: answer), at: 0)
        }
        // Entries keyed to the alert's name exist, for other services only: nothing else answers it either.
        let onlyOtherServices = query.scope.chunks.contains(where: \.isName)
            && conflicts.values.contains { if case .otherService = $0 { true } else { false } }
            && !best.contains { conflicts[$0] == nil && isKeyed(entry: $0, scope: query.scope) }
        guard let first = best.first else { return [] }
        let topScore = accumulator.scores[first]
        let runnerUp = runnerUpScore(after: first, among: accumulator.touched, scores: accumulator.scores)
        var ceiling = 1.0
        let total = accumulator.total
        let answerExplained = explainedInContext(of: best, scores: accumulator.scores, explained: accumulator.explained)
        return best.prefix(limit).enumerated().map { rank, entry in
            let score = accumulator.scores[entry]
            let explained = rank == 0 ? answerExplained : accumulator.explained[entry]
            let confidence = MatchConfidence(
                coverage: total > 0 ? min(explained / total, 1) : 0,
                naming: accumulator.naming > 0 ? accumulator.namesExplained[entry] / accumulator.naming : nil,
                nameHit: accumulator.nameHits[entry],
                margin: rank == 0 ? (topScore - runnerUp) / topScore : (score - topScore) / topScore,
                words: accumulator.words,
                titleShare: titleShare(of: entry, words: accumulator.wordIDs))
            var evidence = evidence(for: entry, query: query)
            var value = confidence.value
            if onlyOtherServices {
                value = min(value, ServiceScope.ceiling)
            }
            if let conflict = conflicts[entry] {
                value = min(value, ServiceScope.ceiling)
                evidence.insert(
                    Evidence(term: conflict.description, alertField: "key",
                             entryField: "title", weight: -1),
                    at: 0)
            } else if entries[entry].quotedOnly {
                value = min(value, ServiceScope.ceiling)
                evidence.insert(
                    Evidence(term: MatchIndex.quotedEvidence, alertField: "key", entryField: "text", weight: -1), at: 0)
            } else if let root = unsaidAlertRunbook(of: entry, words: accumulator.wordIDs) {
                value = min(value, ServiceScope.ceiling)
                evidence.insert(
                    Evidence(term: "a section of the \(entries[root].title) runbook, an alert this one never names",
                             alertField: "key", entryField: "title", weight: -1),
                    at: 0)
            } else if let name = unsaidAlertName(of: entry, words: accumulator.wordIDs) {
                value = min(value, ServiceScope.ceiling)
                evidence.insert(
                    Evidence(term: "keyed to \(name), an alert this one never names", alertField: "key",
                             entryField: "title", weight: -1),
                    at: 0)
            } else if query.errorClasses.isEmpty,
                      let name = unsaidErrorClass(of: entry, words: accumulator.saidWordIDs) {
                value = min(value, ServiceScope.ceiling)
                evidence.insert(
                    Evidence(term: "keyed to \(name), an exception this alert never names", alertField: "key",
                             entryField: "title", weight: -1),
                    at: 0)
            } else if let word = unsaidShortAlertWord(of: entry, query: query, accumulator: accumulator) {
                value = min(value, ServiceScope.ceiling)
                evidence.insert(
                    Evidence(term: "\(word): a word of this short alert that the entry never says",
                             alertField: "key", entryField: "text", weight: -1),
                    at: 0)
            }
            ceiling = min(ceiling, value)
            return Match(entry: entries[entry].id, title: entries[entry].title, score: ceiling, evidence: evidence)
        }
    }

    /// The mass the answer (`ranked[0]`) explains, read in its context: when the runner-up is its ancestor, the two
    /// are one answer, a section and the part of its document around it. What the ancestor explains beyond the
    /// section then counts for the section as far as the ancestor itself answers the alert (its score relative to
    /// the section's, at most all of it). A report worded in a document's own terms meets the section's matter in
    /// its heading and the rest in what its ancestor holds (the document's name, its introduction, the openings of
    /// the sections beside it); the section alone explains too little of the report to clear the threshold, though
    /// no other document explains more. Only the runner-up counts: an ancestor further down the list, behind
    /// entries of other documents or sibling sections, is one candidate among others, not the answer's context.
    private func explainedInContext(of ranked: [Int], scores: [Double], explained: [Double]) -> Double {
        guard let answer = ranked.first else { return 0 }
        guard ranked.count > 1, explained[ranked[1]] > explained[answer], scores[answer] > 0 else {
            return explained[answer]
        }
        let context = ranked[1]
        guard descends(answer, from: context) else { return explained[answer] }
        let share = min(scores[context] / scores[answer], 1)
        return explained[answer] + (explained[context] - explained[answer]) * share
    }

    /// Credits `entry` with the mass of each compound of the alert it lacks but whose every word it has:
    /// `facebook-connector` is explained by a document named `facebook-connector-readme`, whose compound is
    /// another, and the rare compound would otherwise weigh against the very entries of that service. Only for
    /// the best few entries: their confidence is all the sums are read for.
    private func explainCompounds(of entry: Int, in accumulator: inout Accumulator) {
        for compound in accumulator.compounds {
            if compound.id.flatMap({ posting(of: Int($0), for: entry) }) != nil { continue }
            var head = true
            var found = true
            for part in compound.term.parts {
                var part = part
                guard let id = part.withUTF8({ vocabulary.find($0) }),
                      let hit = posting(of: Int(id), for: entry)
                else { found = false; break }
                if hit.head <= 0 { head = false }
            }
            guard found else { continue }
            accumulator.explained[entry] += compound.mass
            if compound.naming && head { accumulator.namesExplained[entry] += compound.mass }
        }
    }

    /// The mass of the alert's words that `entry` has only in the text it borrows from its sections (their titles
    /// and first lines, `IndexField.children`).
    private func borrowedMass(of entry: Int, in accumulator: Accumulator) -> Double {
        guard hasSections[entry] else { return 0 }
        var mass = 0.0
        for term in accumulator.counted {
            if let hit = posting(of: Int(term.id), for: entry), hit.fields == IndexField.children.bit {
                mass += term.mass
            }
        }
        return mass
    }

    /// How much of what an entry borrows from its sections counts when the rules that choose the answer compare
    /// how much of the alert entries explain (`explainingAnswer`, `pointedAnswer`). A parent or a service's page
    /// holds its sections' titles and first lines, so it explains what each of them does and more, and kept the
    /// answer from the one section that explains the alert in its own text. Measured on GitLab's text probes
    /// (`RunbookBench eval self`): 0 / 0.25 / 0.4 / 0.5 / 0.65 / 1 give 61.5 / 61.4 / 61.2 / 61.1 / 61.0 / 60.3 %
    /// top-1, with no dev case moving down to 0.4; at 0.25 a dev case is lost (a cache's apdex alert, whose service
    /// page points to the guide's section).
    static let borrowedShare = 0.5

    /// The evidence of an entry whose body is quoted text only (`IndexedEntry.quotedOnly`): a canned message about
    /// a problem ("We are seeing high load in the database") shares the alert's words without saying what to do
    /// about it, so it is listed after the entries that may, and is never the answer.
    static let quotedEvidence = "quoted text only: messages to post, not steps to take"

    /// Whether term `id` is in few enough entries to name one of them (`nameHitShare`).
    private func namesFewEntries(_ id: Int) -> Bool {
        postings[id].count <= max(Int(Double(entries.count) * MatchIndex.nameHitShare), MatchIndex.nameHitMinimum)
    }

    /// The share of a library's entries above which a compound of the alert's name is no `nameHit` for any of them.
    /// A product's name written as one word (`GitLab`, in the title of hundreds of GitLab's runbooks) is a compound
    /// of the alert's name whenever a check's title carries it (`GitLab.com sign in page is DOWN`), and made every
    /// entry titled with it "the alert's name kept whole": `GitLab Pages returning 404` answered that check at 0.82.
    /// An alert's name (`KubeJobFailed`) or a quoted identifier is in the titles of a few entries. 1 %, 2 % and 5 %
    /// gave the same answers on the dev set and the self-checks.
    static let nameHitShare = 0.02
    /// In a small library, a compound in this many entries may still name one of them.
    static let nameHitMinimum = 3

    /// Credits `entry`, for each word of the alert it lacks but says in other words (a related term of
    /// `OperationsVocabulary`: the alert's `dead` as the entry's `down`), with at least that word's mass. A related
    /// term explains with its own idf, not the word's: `down` is common in a library and `dead` rare, so an entry
    /// that says a report's `inactive (dead)` as `down` explained a third of the word, and a message worded
    /// otherwise than its runbook stayed under the threshold however well the entry answered it. Only for the best
    /// few entries: their confidence is all the sums are read for.
    private func explainRelatedWords(of entry: Int, groups: [RelatedWordGroup], in accumulator: inout Accumulator) {
        for group in groups {
            var credited = 0.0
            var said = false
            for member in accumulator.related[group.members] where hits(member.id, with: member.weights, entry: entry) {
                credited += member.mass
                said = true
            }
            guard said, group.mass > credited else { continue }
            if let id = group.id, hits(id, with: group.weights, entry: entry) { continue }
            accumulator.explained[entry] += group.mass - credited
        }
    }

    /// Whether term `id`, read with `weights`, hits `entry`: a posting of it that counts for the query's term.
    private func hits(_ id: Int32, with weights: FieldWeights, entry: Int) -> Bool {
        posting(of: Int(id), for: entry).map { weights.value(of: $0) > 0 } ?? false
    }

    /// The first word naming a short alert (`Kibana down`, at most `shortAlertWords` words) that `entry` neither has
    /// nor says otherwise (a related term), when the entry's heading also has a word the alert lacks; or nil. With so
    /// few words each is what the alert is about: an entry that explains `down` and not `Kibana` (`When GitLab.com
    /// is down`), or `PostgreSQL` and not `down` (`PostgreSQL subtransactions`), answers another alert, however much
    /// of the short text's mass it explains.
    private func unsaidShortAlertWord(of entry: Int, query: MatchQuery, accumulator: Accumulator) -> String? {
        // A heading the alert states whole is keyed to it: the alert's other words say where it fired (`DiskFull db1`
        // for a `DiskFull` entry), which `ServiceScope` weighs.
        guard accumulator.words <= MatchIndex.shortAlertWords, titleShare(of: entry, words: accumulator.wordIDs) < 0.999
        else { return nil }
        for (position, term) in query.terms.enumerated() where term.kind == .part && term.naming && !term.related {
            if let id = accumulator.ids[position], hits(id, with: FieldWeights(term), entry: entry) { continue }
            let saidOtherwise = accumulator.related.contains { member in
                member.source == position && hits(member.id, with: member.weights, entry: entry)
            }
            if !saidOtherwise { return term.term }
        }
        return nil
    }

    /// The most words an alert has for `unsaidShortAlertWord`: a name and a state (`Vault sealed`, `HAProxy down`).
    static let shortAlertWords = 3

    /// One word of the alert and the related terms it brought (`Accumulator.related[members]`).
    struct RelatedWordGroup {
        var id: Int32?
        var mass: Double
        var weights: FieldWeights
        var members: Range<Int>
    }

    /// The alert's words that brought related terms, worked out once per match for `explainRelatedWords`: a word
    /// of the alert's own (not a bigram), with its mass (an unseen word only when it names the alert).
    private func relatedWordGroups(_ query: MatchQuery, _ accumulator: Accumulator) -> [RelatedWordGroup] {
        var groups: [RelatedWordGroup] = []
        var start = 0
        let related = accumulator.related
        while start < related.count {
            let source = related[start].source
            var end = start + 1
            while end < related.count, related[end].source == source { end += 1 }
            defer { start = end }
            let word = query.terms[source]
            guard word.kind == .part else { continue }
            let id = accumulator.ids[source]
            let mass: Double
            if let id {
                mass = word.weight * idf[Int(id)] * word.evidence
            } else if word.naming {
                mass = word.weight * word.evidence * unseenIDF
            } else {
                continue
            }
            groups.append(RelatedWordGroup(id: id, mass: mass, weights: FieldWeights(word), members: start..<end))
        }
        return groups
    }

    /// What a hit of `term` in `posting`'s entry weighs: the head fields alone for a label value; every field for
    /// a word that names the alert, and the text fields `nameInText` times more for the alert's whole name (a
    /// compound); and for a word of running text (a chat line, a description), the head fields at
    /// `runningTextHead` of their weight. A message of forty words nearly always shares one or two rare words
    /// with some heading; the section that answers it shares many of its words in its own text.
    static func value(of posting: Posting, for term: MatchQuery.Term) -> Float {
        FieldWeights(term).value(of: posting)
    }

    /// `value(of:for:)` as `head × head weight + all × all weight`, worked out once per term so that the loop over
    /// a term's postings does not branch.
    struct FieldWeights {
        var head: Float
        var all: Float

        init(_ term: MatchQuery.Term) {
            if term.headOnly {
                (head, all) = (1, 0)
            } else if term.naming && term.isName {
                // all + (all − head) × nameInText
                (head, all) = (-MatchIndex.nameInText, 1 + MatchIndex.nameInText)
            } else if term.naming {
                (head, all) = (0, 1)
            } else {
                (head, all) = (-(1 - MatchIndex.runningTextHead), 1)
            }
        }

        /// What a hit in `posting`'s entry weighs for the term (`MatchIndex.value(of:for:)`).
        func value(of posting: Posting) -> Float {
            posting.head * head + posting.all * all
        }
    }

    /// How much more an entry's text counts when it quotes the alert's whole name (`CommitRateTooLow` in
    /// "Alerts that check for availability are … CommitRateTooLow"): a runbook names in its text the alerts a
    /// section answers.
    static let nameInText: Float = 3

    /// How much a heading hit of a word of running text counts, relative to a heading hit of a naming word:
    /// measured on the generated text probes (`RunbookBench eval self`) and the dev set, 0.6 raised GitLab's
    /// text probes from 30 % to 46 % top-1 (seeds 69 % to 77 %) and the dev set from 76.5 % to 78.8 %.
    static let runningTextHead: Float = 0.6

    /// The ancestor of `entry` that answers the alert as well as it: its score is close (`ancestorShare`) and
    /// every word of the alert in `entry`'s own heading is in the ancestor's heading too. The sections of a
    /// document named after an identifier (`pg_txid_xmin_age` in every heading) share the words that
    /// matched; a section wins over its parent by a word of its own heading, not by repeating the parent's.
    private func answeringAncestor(of entry: Int, scores: [Double], words: Set<Int32>) -> Int? {
        let own = titleIDs(of: entry).filter { words.contains($0) }
        guard !own.isEmpty else { return nil }
        var found: Int?
        var parent = entries[entry].parent
        while let ancestor = parent {
            if scores[ancestor] >= scores[entry] * MatchIndex.ancestorShare,
               Set(titleIDs(of: ancestor)).isSuperset(of: own) {
                found = ancestor
            }
            parent = entries[ancestor].parent
        }
        return found
    }

    /// The ancestor of `entry` that answers the alert in its place when `entry`'s own heading states none of the
    /// alert's words: the ancestor's heading states some, it explains at least as much of the alert without what it
    /// borrows from its sections (`borrowedMass`), and it scores at least `namingAncestorShare` of `entry`. The
    /// section then leads only by what its body repeats of the document's name (`version.gitlab.com` in every
    /// command of "Rebuilding or upgrading the ingress"), not by answering the alert.
    private func namingAncestor(of entry: Int, accumulator: Accumulator) -> Int? {
        let scores = accumulator.scores
        let words = accumulator.wordIDs
        guard entries[entry].parent != nil, !titleIDs(of: entry).contains(where: words.contains) else { return nil }
        var explained: Double?
        var found: Int?
        var parent = entries[entry].parent
        while let ancestor = parent {
            parent = entries[ancestor].parent
            guard scores[ancestor] >= scores[entry] * MatchIndex.namingAncestorShare,
                  found.map({ scores[ancestor] > scores[$0] }) ?? true,
                  titleIDs(of: ancestor).contains(where: words.contains)
            else { continue }
            // What each explains of its own, read only for an ancestor that passes the cheaper checks.
            let own = explained ?? accumulator.explained[entry] - borrowedMass(of: entry, in: accumulator)
            explained = own
            if accumulator.explained[ancestor] - borrowedMass(of: ancestor, in: accumulator) >= own {
                found = ancestor
            }
        }
        return found
    }

    /// How close an ancestor's score must be to its descendant's for `namingAncestor`.
    static let namingAncestorShare = 0.6

    /// How close an ancestor's score must be to its descendant's to answer in its place.
    static let ancestorShare = 0.85

    /// The section of `entry` (a descendant among the best `candidates`) that answers the alert in its place:
    /// it scores nearly as well (`sectionShare`) and its own heading holds a word of the alert that the
    /// ancestor's heading has not. A document's introduction or a parent section borrows its sections' words
    /// (their titles and first lines, see `MatchIndexBuilder.childTextLimit`); the section that states what the
    /// alert asks in its heading is the answer, and its ancestor the context. The converse of
    /// `answeringAncestor`, which it leaves to decide when the section's heading adds nothing.
    private func answeringSection(of entry: Int, among candidates: [Int], scores: [Double], words: Set<Int32>) -> Int? {
        let sections = sectionsAddingHeadingWord(of: entry, among: candidates, scores: scores, words: words,
                                                 share: MatchIndex.sectionShare)
        return MatchIndex.best(of: sections, scores: scores)
    }

    /// The sections of `entry` among `candidates`, in their order, that score at least `share` of it and whose heading
    /// holds a word of the alert that `entry`'s heading has not: what `answeringSection` and `narrowerSection` choose
    /// from.
    private func sectionsAddingHeadingWord(
        of entry: Int, among candidates: [Int], scores: [Double], words: Set<Int32>, share: Double
    ) -> [Int] {
        let ancestorTitle = Set(titleIDs(of: entry))
        return candidates.filter { candidate in
            candidate != entry && entries[candidate].document == entries[entry].document
                && scores[candidate] >= scores[entry] * share && descends(candidate, from: entry)
                && titleIDs(of: candidate).contains(where: { words.contains($0) && !ancestorTitle.contains($0) })
        }
    }

    /// The entry of `list` that scores best, the earlier on a tie.
    private static func best(of list: [Int], scores: [Double]) -> Int? {
        var found: Int?
        for entry in list where found.map({ scores[entry] > scores[$0] }) ?? true { found = entry }
        return found
    }

    /// The section of `entry` that says all `entry` says of the alert, in its own words or in its ancestors' titles
    /// (its path), and more in its heading: the words of the alert that `entry` has and the section lacks weigh at
    /// most `narrowerShare` of `entry`'s score, the section's heading holds a word of the alert that `entry`'s has
    /// not, and it scores at least `narrowerFloor` of `entry`. A document's introduction weighs the document's name
    /// as a title (`Management for forum.gitlab.com`, in `discourse-forum.md`), where its sections hold it in their
    /// path; for `forum.gitlab.com login` it outscored `Login is failing` by the product's name alone, which both
    /// have.
    private func narrowerSection(of entry: Int, among candidates: [Int], query: MatchQuery,
                                 accumulator: Accumulator) -> Int? {
        let scores = accumulator.scores
        let sections = sectionsAddingHeadingWord(of: entry, among: candidates, scores: scores,
                                                 words: accumulator.wordIDs, share: MatchIndex.narrowerFloor)
        let narrower = sections.filter { candidate in
            var onlyEntry = 0.0
            for (position, term) in query.terms.enumerated() {
                guard let id = accumulator.ids[position], let hit = posting(of: Int(id), for: entry) else { continue }
                let weights = FieldWeights(term)
                let value = weights.value(of: hit)
                guard value > 0, !hits(id, with: weights, entry: candidate) else { continue }
                onlyEntry += term.weight * idf[Int(id)] * Double(value)
            }
            return onlyEntry <= scores[entry] * MatchIndex.narrowerShare
        }
        return MatchIndex.best(of: narrower, scores: scores)
    }

    /// How much of its ancestor's score a narrower section may lack (`narrowerSection`).
    static let narrowerShare = 0.25
    /// How close a narrower section's score must be to its ancestor's.
    static let narrowerFloor = 0.4

    /// The entry of a document that `entry`'s document links to which answers in its place: among the best
    /// `pointerPool` entries (`ranked`, best first), it scores at least `pointerShare` of `entry` and explains
    /// more of the alert (the one that explains most, when several do). A service's overview page lists where
    /// its troubleshooting is written (`Troubleshooting Pointers`: `../redis/redis.md`) and matches on the
    /// service's name alone; the section it points to that states the alert's matter is the answer, and the
    /// page follows it. Not for a section whose heading the alert states whole (`Consul agents` for
    /// `ConsulAgentDown`): it names the alert's matter itself (the caller checks).
    private func pointedAnswer(of entry: Int, among ranked: [Int], scores: [Double], explained: [Double]) -> Int? {
        let documents = documentLinks[Int(entryDocuments[entry])]
        guard !documents.isEmpty else { return nil }
        var found: Int?
        for candidate in ranked.prefix(MatchIndex.pointerPool) where documents.contains(entryDocuments[candidate]) {
            guard scores[candidate] >= scores[entry] * MatchIndex.pointerShare,
                  explained[candidate] > explained[entry] * MatchIndex.pointerCoverage
            else { continue }
            if found.map({ explained[candidate] > explained[$0] }) ?? true { found = candidate }
        }
        return found
    }

    /// When an entry that scores close enough to the best one explains clearly more of the alert, it answers.
    ///
    /// - `descendant`: a section of the best entry (a descendant), scoring at least 0.7 of it and explaining more
    ///   of the alert than it does, what the best entry borrows from its sections counting half (`borrowedShare`).
    ///   A document's introduction or a parent section holds its own heading, the document's name and its
    ///   sections' titles and first lines, and outscores the one section that says the alert's words in its own
    ///   text; the section is the answer and its ancestor the context. `answeringSection` needs a word of the
    ///   alert in the section's heading that the ancestor's lacks; this rule needs none, only more of the alert
    ///   explained. It does not run when `answeringAncestor` has put the ancestor first (the section's heading
    ///   repeats the ancestor's, `pg_txid_xmin_age` in every heading of one document). Measured (`RunbookBench
    ///   eval`): GitLab's text probes 61.1 → 61.8 % top-1 at 0.7 × 1.0 (0.6 × 1.0: 61.7; 0.8 × 1.0 and
    ///   0.7 × 1.2: 61.6), no dev case moving.
    /// - `sibling`: another section of the best entry's document, scoring at least 0.9 of it and explaining at
    ///   least 1.2 times its mass. Sections of one long document share the words of its path, name and
    ///   ancestors' headings, and tie on them; the one whose own heading and text hold more of the alert is the
    ///   answer.
    /// - `close`: any entry, scoring at least 0.8 of the best one and explaining at least 1.5 times its mass, unless
    ///   the alert states the best entry's heading whole (`titleShare` 1: `Logs` for "where do the worker logs
    ///   live?", whose other words a section on the customer flow explains). Between `sibling` and `rival`: an
    ///   entry of another document nearly ties with the best one, which shares a heading word or two with the alert
    ///   (`ODFNodeLatencyHighOnOSDNodes`: latency, OSD, for a report of a disk pegged at 99 % busy), and holds
    ///   clearly more of the alert in its text (`ODFDiskUtilizationHigh`).
    ///   Measured (`RunbookBench eval`): GitLab's text probes 61.8 → 63.2 % top-1 and 59.2 → 60.3 % right and
    ///   confident, the ODF disk report right; without the heading guard the facebook-connector logs question is
    ///   lost; 0.75 × 1.5 gives 64.1 %, 0.7 × 1.5 and 0.7 × 1.6 lose the Redis failover question, 0.75 × 1.4 a
    ///   `cases.jsonl` answer.
    /// - `rival`: any entry, scoring at least half as well and explaining at least twice the mass. A word in a
    ///   short heading counts several times a hit in a section's text (the title weight, 4, against 1; for a
    ///   word of running text `runningTextHead` of it), so one rare word shared with a heading (`Quotas`,
    ///   `Nginx is down`) outranks the section whose text holds three or four of the alert's words. Twice the
    ///   mass is what tells a section that states the alert's matter from a heading that happens to share one
    ///   of its words. Measured (`RunbookBench eval`): 1.6 also moved a right answer of the dev set away (a
    ///   cache's apdex alert to another service's apdex section, which explains more of the alert's generic
    ///   words); a share of 0.4 to 0.6 gives nearly the same answers.
    ///
    /// `sibling`, `close` and `rival` do not look at the best entry's ancestors or descendants: `answeringAncestor`,
    /// `answeringSection` and `descendant` weigh those.
    enum ExplainingRule {
        case descendant
        case sibling
        case close
        case rival

        var share: Double {
            switch self {
            case .descendant: 0.7
            case .sibling: 0.9
            case .close: 0.8
            case .rival: 0.5
            }
        }

        var coverage: Double {
            switch self {
            case .descendant: 1.0
            case .sibling: 1.2
            case .close: 1.5
            case .rival: 2.0
            }
        }
    }

    /// The entry among `candidates` that answers in `entry`'s place by `rule` (see `ExplainingRule`): the one
    /// that explains most when several qualify.
    private func explainingAnswer(
        of entry: Int, among candidates: [Int], scores: [Double], explained: [Double], rule: ExplainingRule
    ) -> Int? {
        var found: Int?
        for candidate in candidates where candidate != entry {
            guard rule == .rival || rule == .close || entryDocuments[candidate] == entryDocuments[entry],
                  scores[candidate] >= scores[entry] * rule.share,
                  explained[candidate] > explained[entry] * rule.coverage,
                  rule == .descendant ? descends(candidate, from: entry)
                      : !descends(candidate, from: entry) && !descends(entry, from: candidate)
            else { continue }
            if found.map({ explained[candidate] > explained[$0] }) ?? true { found = candidate }
        }
        return found
    }

    /// How many of the best entries `explainingAnswer` looks through (the first seven: as many as a match of five
    /// keeps, whatever the limit).
    static let explainingPool = 7

    /// Whether `entry` is a descendant of `ancestor`.
    private func descends(_ entry: Int, from ancestor: Int) -> Bool {
        var parent = entries[entry].parent
        while let current = parent {
            if current == ancestor { return true }
            parent = entries[current].parent
        }
        return false
    }

    /// How many of the best entries are searched for the one a linked page points to (measured: 20 loses a
    /// top-3 answer that 12 keeps).
    static let pointerPool = 12
    /// How close the pointed entry's score must be to the pointing one's (0.3 and 0.4 gave the same answers).
    static let pointerShare = 0.4
    /// How much more of the alert the pointed entry must explain than the pointing one (1.3 the same answers).
    static let pointerCoverage = 1.0

    /// How close a section's score must be to its ancestor's to answer in its place.
    static let sectionShare = 0.9

    /// The top entry of `entry`'s document when that document is the runbook of one alert (`TargetDown`), `entry`
    /// is one of its sections, and the alert says none of the words of that alert's name: a section such as
    /// `Expired SSL/TLS certificates` tells why targets are down, not what to do about every certificate.
    func unsaidAlertRunbook(of entry: Int, words: Set<Int32>) -> Int? {
        guard var root = entries[entry].parent else { return nil }
        while let parent = entries[root].parent { root = parent }
        guard entries[root].headingsNameAnAlert else { return nil }
        let name = titleIDs(of: root)
        guard !name.isEmpty, !name.contains(where: words.contains) else { return nil }
        return root
    }

    /// The alert name `entry`'s headings are keyed to when the alert says none of its words
    /// (`InvalidAccessKeyProduction … odl-video-service` for `ODL Video Service production is DOWN`): the entry
    /// answers that alert, not every alert of its service.
    func unsaidAlertName(of entry: Int, words: Set<Int32>) -> String? {
        guard let name = entries[entry].keyedAlertName else { return nil }
        let said = entries[entry].headingAlertNameParts.contains { part in
            vocabulary.find(part).map(words.contains) ?? false
        }
        return said ? nil : name
    }

    /// Why `entry`, which `scopeConflict` lets answer, is keyed to something else than the alert: another code of
    /// the alert's error, another exception class, or a sibling of the alert's service; nil when none is.
    private func keyConflict(of entry: Int, query: MatchQuery, said: Set<Int32>) -> ServiceScope.Conflict? {
        let indexed = entries[entry]
        if let found = query.errorCodes.conflict(with: indexed.errorCodes) {
            return .otherCode(error: found.name, alert: found.alert, entry: found.entry)
        }
        if let found = query.errorClasses.conflict(with: indexed.errorClasses, mentioned: query.mentionedErrorClasses) {
            return .otherError(alert: found.alert, entry: found.entry)
        }
        if let found = siblingService(of: entry, among: query.joinedKeyWords, said: said) {
            return .siblingService(alert: found.alert, document: found.document)
        }
        return nil
    }

    /// The exception class `entry`'s headings are keyed to
    /// (`ApiException hubspot_xpro.tasks.sync_contact_with_hubspot`, see `ErrorClasses`) when the alert, which names
    /// no class anywhere, says none of the headings' words but those of the product the entry sits under (`xpro`,
    /// from `## XPro`): the entry answers that exception of that task, not whatever else befalls the product (a
    /// Heroku memory warning, a failed uptime check). Words the alert only brings through `OperationsVocabulary`
    /// (`exception` for `error`) are not said.
    func unsaidErrorClass(of entry: Int, words: Set<Int32>) -> String? {
        guard let name = entries[entry].errorClasses.first else { return nil }
        let product = Set(entries[entry].sectionWords)
        let said = entries[entry].headingWords.contains { word in
            !product.contains(word) && (vocabulary.find(word).map(words.contains) ?? false)
        }
        return said ? nil : name
    }

    /// The alert's service and the one `entry`'s document is named for, when the two are siblings: one of the
    /// alert's joined words (`linkedin-connector`, from `words`) and the document's file name
    /// (`facebook-connector-operations.md`) share a word (`connector`) that both write after words of their own
    /// (`linkedin`, `facebook`), the alert never says the document's own words (`said`), and the document never
    /// writes the alert's. A document for one connector answers that connector, not every connector of the shop.
    /// Names whose shared word comes first (`redis-sidekiq` and `redis-survival-guide`) or whose own words meet
    /// (`redis-cache` and `redis-cluster-cache`) are not siblings.
    func siblingService(
        of entry: Int, among words: [ServiceScope.Chunk], said: Set<Int32>
    ) -> (alert: String, document: String)? {
        let file = entries[entry].fileWords
        guard file.count >= 2 else { return nil }
        for chunk in words {
            for (position, shared) in chunk.parts.enumerated() where position > 0 {
                guard let filePosition = file.firstIndex(of: shared), filePosition > 0 else { continue }
                let alertOwn = chunk.parts[..<position]
                let fileOwn = file[..<filePosition]
                guard Set(alertOwn).isDisjoint(with: fileOwn),
                      !fileOwn.contains(where: { word in vocabulary.find(word).map(said.contains) ?? false }),
                      !alertOwn.contains(where: { documentWrites($0, document: entries[entry].document) })
                else { continue }
                return (chunk.text, file[...filePosition].joined(separator: "-"))
            }
        }
        return nil
    }

    /// Whether any entry of `document` has `word`.
    private func documentWrites(_ word: String, document: Int) -> Bool {
        guard let id = vocabulary.find(word) else { return false }
        return postings[Int(id)].contains { entries[Int($0.entry)].document == document }
    }

    private func titleIDs(of entry: Int) -> ArraySlice<Int32> {
        let start = entry == 0 ? 0 : Int(titleTermEnds[entry - 1])
        return titleTermIDs[start..<Int(titleTermEnds[entry])]
    }

    /// The entry among `candidates` whose heading of two or more words the alert's name states whole
    /// (`RedisReplicationFlapping` and `Replication flapping`), when `entry`'s heading is not so stated and the
    /// candidate scores nearly as well and explains more of the alert: words beside the name (a host such as
    /// `redis-sidekiq-02` naming a service's documents) outweighed the heading the name points at.
    private func namedAnswer(
        of entry: Int, among candidates: [Int], scores: [Double], explained: [Double], naming: Set<Int32>
    ) -> Int? {
        guard !naming.isEmpty, titleShare(of: entry, words: naming) < 1 else { return nil }
        var found: Int?
        for candidate in candidates where candidate != entry {
            guard scores[candidate] >= scores[entry] * MatchIndex.namedShare,
                  explained[candidate] > explained[entry],
                  entries[candidate].title.split(separator: " ").count >= 2,
                  titleShare(of: candidate, words: naming) >= 1
            else { continue }
            if found.map({ explained[candidate] > explained[$0] }) ?? true { found = candidate }
        }
        return found
    }

    /// How well an entry whose heading the alert's name states whole must score, relative to the best entry, to
    /// answer in its place (`namedAnswer`).
    static let namedShare = 0.8

    /// The idf-weighted share of `entry`'s title words that the alert has (see `MatchConfidence.titleShare`).
    private func titleShare(of entry: Int, words: Set<Int32>) -> Double {
        var total = 0.0
        var found = 0.0
        for id in titleIDs(of: entry) {
            let weight = idf[Int(id)]
            total += weight
            if words.contains(id) { found += weight }
        }
        return total > 0 ? found / total : 0
    }

    /// The best score of an entry that competes with `first`: one from another document, and not its twin.
    ///
    /// A section and its own subsections (or a document's title and its parts) often answer together, and
    /// the same section kept in two documents (`Deployment` in a README and in an operations guide, titles
    /// whose words contain one another) answers twice; neither is a rival.
    private func runnerUpScore(after first: Int, among touched: [Int32], scores: [Double]) -> Double {
        let document = Int32(entries[first].document)
        let firstWords = titleTerms[first]
        // One pass keeps the best few entries of other documents (best first, the earlier on a tie), then the
        // first that is not a twin is the rival: the same answer as one pass per twin skipped, which cost a
        // full pass over every touched entry each time a library keeps one section in many documents.
        let count = MatchIndex.twinPasses + 1
        var candidates: [Int] = []
        candidates.reserveCapacity(count + 1)
        for candidate in touched {
            let entry = Int(candidate)
            guard entryDocuments[entry] != document else { continue }
            let score = scores[entry]
            if candidates.count == count, scores[candidates[count - 1]] >= score { continue }
            let position = candidates.firstIndex { scores[$0] < score } ?? candidates.count
            candidates.insert(entry, at: position)
            if candidates.count > count { candidates.removeLast() }
        }
        for (pass, rival) in candidates.enumerated() {
            if pass == MatchIndex.twinPasses || !MatchIndex.areTwins(firstWords, titleTerms[rival]) {
                return scores[rival]
            }
        }
        return 0
    }

    /// How many of the best entry's twins are skipped, at most, when looking for its rival (a title shared
    /// by many documents, `Troubleshooting`, names no one section).
    static let twinPasses = 4

    /// Whether two titles name the same section: the words of one contain the other's.
    static func areTwins(_ left: Set<String>, _ right: Set<String>) -> Bool {
        guard !left.isEmpty, !right.isEmpty else { return false }
        return left.isSubset(of: right) || right.isSubset(of: left)
    }

    /// The `count` best entries among `touched`, best first, ties broken by entry id.
    private func top(_ touched: [Int32], scores: [Double], count: Int) -> [Int] {
        var best: [Int] = []
        best.reserveCapacity(count + 1)
        func before(_ lhs: Int, _ rhs: Int) -> Bool {
            scores[lhs] != scores[rhs] ? scores[lhs] > scores[rhs] : entries[lhs].id < entries[rhs].id
        }
        for candidate in touched {
            let entry = Int(candidate)
            if best.count == count, let last = best.last, !before(entry, last) { continue }
            let position = best.firstIndex { before(entry, $0) } ?? best.count
            best.insert(entry, at: position)
            if best.count > count { best.removeLast() }
        }
        return best
    }

    /// Which query terms hit `entry`, in which field, with what weight: the strongest first.
    func evidence(for entry: Int, query: MatchQuery) -> [Evidence] {
        var found: [Evidence] = []
        for term in query.terms {
            guard let id = termID(term), let posting = posting(of: Int(id), for: entry) else { continue }
            let value = MatchIndex.value(of: posting, for: term)
            guard value > 0 else { continue }
            let field = IndexField.allCases.first { posting.fields & $0.bit != 0 && (!term.headOnly || $0.isHead) }
            found.append(Evidence(
                term: term.term, alertField: term.field, entryField: field?.name ?? "text",
                weight: (term.weight * idf[Int(id)] * Double(value) * 1000).rounded() / 1000))
        }
        found.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term }
        return Array(found.prefix(12))
    }

    /// The posting of term `id` for `entry`, found by binary search (postings are in entry order).
    func posting(of id: Int, for entry: Int) -> Posting? {
        let list = postings[id]
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if Int(list[middle].entry) < entry { low = middle + 1 } else { high = middle }
        }
        return low < list.count && Int(list[low].entry) == entry ? list[low] : nil
    }
}
