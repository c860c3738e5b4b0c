/// The service an alert names, to tell an entry written for one service from an answer for another.
///
/// An entry keyed to an alert name and a service (`DiskUsageWarning xqwatcher`, or the name under a product's
/// section such as `## XQueueWatcher`) answers that alert for that service only. A placeholder in the
/// service position (`MemoryUsageWarning operations-<ENVIRONMENT>`) covers every value there, its fixed
/// part (`operations-`) still names the service; an entry that names no service beside the alert name
/// answers the alert for any service. The alert's subject is the first words of its key: its name and
/// the service word of its labels, or the start of a boiled title
/// (`DiskUsageWarning apps odl-video-service`).
///
/// Likewise an entry keyed to one alert name (`CDIMultipleDefaultVirtStorageClasses`) does not answer an
/// alert with another name (`MultipleDefaultStorageClasses`), however many words they share.
///
/// ```swift
/// let scope = ServiceScope(subject: "DiskUsageWarning payments-db")
/// scope.chunks.map(\.text)   // ["DiskUsageWarning", "payments-db"]
/// ```
struct ServiceScope: Sendable, Hashable {
    /// One word of the subject, with its indexed parts and its compound (two or more parts).
    struct Chunk: Sendable, Hashable {
        var text: String
        var parts: [String]
        var compound: String?
        /// Written as an alert's name is: an identifier of three or more words in CamelCase, two of them indexed
        /// parts (`DiskUsageWarning`, `ClusterNotUpgradeable`, `PostgreSQL_CommitRateTooLow`), not a product word
        /// (`GitLab`, `redis-cache`) nor a metric (`pg_txid_xmin_age`).
        var isName: Bool
        /// Every part is a word of operations language (`full`, `down`, see `OperationsVocabulary`): after the
        /// alert's service it says what is wrong, not which service.
        var saysProblem = false
    }

    /// Why an entry cannot answer an alert.
    enum Conflict: Sendable, Hashable {
        /// The entry is keyed to another alert name; the alert's name is given.
        case otherAlert(String)
        /// The entry is keyed to the alert's name for another service; the alert's service words are given, and the
        /// service the entry's own heading names when that is what sets it apart (`xqwatcher` for an `xqueue` alert).
        case otherService(String, entry: String? = nil)
        /// The entry is keyed to another code of the alert's error: the error's name, the alert's code, the entry's.
        case otherCode(error: String, alert: String, entry: String)
        /// The entry is keyed to another exception class than the alert's (see `ErrorClasses`): the alert's class,
        /// the entry's.
        case otherError(alert: String, entry: String)
        /// The entry's document is for a sibling of the alert's service (`facebook-connector` for
        /// `linkedin-connector`): the alert's service, the document's.
        case siblingService(alert: String, document: String)

        /// The evidence against the entry, as a person reads it.
        var description: String {
            switch self {
            case .otherAlert(let name): "alert \(name): not named by this entry"
            case .otherService(let service, nil): "service \(service): not named by this entry"
            case .otherService(let service, let entry?): "service \(service): this entry is for \(entry)"
            case .otherCode(let error, let alert, let entry): "\(error) \(alert): this entry is for \(entry)"
            case .otherError(let alert, let entry): "\(alert): this entry is for \(entry)"
            case .siblingService(let alert, let document): "service \(alert): this document is for \(document)"
            }
        }
    }

    /// How many words of the key make the subject: the name and what follows it, not a whole sentence.
    static let subjectWordLimit = 6
    /// The highest confidence of an entry written for another service: listed as a candidate, never confident.
    static let ceiling = 0.3
    /// The share (idf-weighted) of the alert's service words an entry must name to answer it.
    static let namedShare = 0.5

    /// Service words too common to tell services apart (`payments-api` and `search-api`), stemmed.
    static let commonWords: Set<String> = Set(AlertKey.serviceSuffixes.map(MatchTokenizer.stem))

    /// Section titles that group entries without naming a service (`## Alerts`, `## Products`), stemmed.
    static let groupingWords: Set<String> = Set([
        "alert", "alerts", "alerting", "monitoring", "product", "products", "service", "services", "runbook",
        "runbooks", "playbook", "playbooks", "troubleshooting", "incident", "incidents", "general", "common",
        "other", "misc", "miscellaneous", "overview", "introduction", "known", "issues", "problems", "faq",
    ].map(MatchTokenizer.stem))

    var chunks: [Chunk]

    /// The subject of an alert whose key is `key`; `named` says the key starts with the alert's name (an
    /// `alertname` label, a short title), else only a key that starts with an identifier has one.
    init(subject key: String, named: Bool = true) {
        let words = ServiceScope.chunks(of: key, limit: ServiceScope.subjectWordLimit)
        chunks = named || words.first?.isName == true ? words : []
    }

    /// Marks the subject's first word as a name when it is `name`, the alert's `alertname`, written in CamelCase:
    /// a rule's name of two words (`UpdateAvailable`, `TargetDown`) names an alert as surely as a longer one, though
    /// read off a title it could as well be a product's (`GitLab`), which `chunks(of:limit:)` cannot tell.
    mutating func markName(_ name: String) {
        guard let first = chunks.first, !first.isName, first.text == name, first.parts.count >= 2,
              ServiceScope.isIdentifier(Substring(name))
        else { return }
        chunks[0].isName = true
    }

    /// The chunks of the first `limit` words of `text`.
    static func chunks(of text: String, limit: Int) -> [Chunk] {
        text.asciiSplit(" ").prefix(limit).compactMap { word -> Chunk? in
            // A device or a path (`/dev/nvme0n1p1`) says where, not which service.
            guard !word.hasPrefix("/") else { return nil }
            let tokens = MatchTokenizer.tokens(String(word))
            let parts = tokens.filter { $0.kind == .part }.map(\.term)
            guard !parts.isEmpty else { return nil }
            return Chunk(
                text: String(word), parts: parts, compound: tokens.first { $0.kind == .compound }?.term,
                isName: ServiceScope.isIdentifier(word)
                    && (parts.count >= 3 || parts.count == 2 && ServiceScope.segmentCount(word) >= 3),
                saysProblem: parts.allSatisfy { OperationsVocabulary.related[$0] != nil })
        }
    }

    /// A heading as its words are read: placeholders removed, alert boilerplate boiled away.
    static func boiledHeading(_ heading: String) -> String {
        AlertKey.boil(EntryFields.removingPlaceholders(heading))
    }

    /// The chunks of a boiled heading that are alert names (`DiskUsageWarning`).
    static func nameChunks(ofBoiled heading: String) -> [Chunk] {
        chunks(of: heading, limit: .max).filter(\.isName)
    }

    /// The compounds of the alert names a heading is keyed to (`diskusagewarn`), placeholders removed.
    static func headingNames(_ heading: String) -> [String] {
        nameChunks(ofBoiled: boiledHeading(heading)).compactMap(\.compound)
    }

    /// Whether `word` is written in CamelCase: a lowercase letter followed by a capital.
    static func isIdentifier(_ word: Substring) -> Bool {
        var previousIsLower = false
        for character in word {
            if previousIsLower && character.isUppercase { return true }
            previousIsLower = character.isLowercase
        }
        return false
    }

    /// How many words an identifier is written in, stop words included: three for `ClusterNotUpgradeable`, whose
    /// `Not` is no indexed part, two for `GitLab` and for `OpenEdX`. A word starts where a capital follows a
    /// lowercase letter and is followed by a letter, or where a letter follows an underscore: a lone capital at the
    /// end (`X`) is part of a product's name, not a word.
    static func segmentCount(_ word: Substring) -> Int {
        var count = 1
        let characters = Array(word)
        for index in characters.indices.dropFirst() {
            let previous = characters[index - 1]
            let character = characters[index]
            let followedByLetter = index + 1 < characters.count && characters[index + 1].isLetter
            if previous.isLowercase && character.isUppercase && followedByLetter
                || previous == "_" && character.isLetter {
                count += 1
            }
        }
        return count
    }

    /// The words of a heading that name what it is about, placeholders and alert boilerplate removed.
    static func headingWords(_ heading: String) -> [String] {
        words(ofBoiled: boiledHeading(heading))
    }

    /// The indexed words of a boiled heading.
    static func words(ofBoiled heading: String) -> [String] {
        MatchTokenizer.tokens(heading).filter { $0.kind == .part }.map(\.term)
    }
}
