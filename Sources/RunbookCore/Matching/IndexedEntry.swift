/// What the index keeps of an entry besides its postings: enough to name it in a match.
struct IndexedEntry: Sendable, Hashable {
    var id: String
    var title: String
    /// The document's path relative to its library folder.
    var file: String
    var anchor: String
    /// Index of the document in the library, to tell entries of one document from another's cheaply.
    var document: Int
    /// Index of the enclosing entry, if any.
    var parent: Int?
    /// The entry's other headings (see `ServiceScope`).
    var aliases: [String] = []
    /// The title of the nearest ancestor that is not a document's top heading (a product's section under
    /// `# Products`), which may name the service the entry is for (see `ServiceScope`).
    var section: String?
    /// The compounds of the alert names its headings (title and aliases) are keyed to (`ServiceScope.headingNames`),
    /// worked out once when the index is built, not for every alert.
    var headingAlertNames: Set<String> = []
    /// The indexed parts of `headingAlertNames` (`invalid`, `access`, `key`, `production` for
    /// `InvalidAccessKeyProduction apps-production (odl-video-service critical)`) when every heading names an alert and
    /// something beside it, a service: such an entry answers that alert there.
    var headingAlertNameParts: Set<String> = []
    /// The first alert name of those headings as written (`InvalidAccessKeyProduction`), set with
    /// `headingAlertNameParts`: what the evidence against the entry names.
    var keyedAlertName: String?
    /// Whether a heading names an alert: one of `headingAlertNames`, or `fileAlertName`.
    var headingsNameAnAlert: Bool {
        !headingAlertNames.isEmpty || fileAlertName != nil
    }
    /// Whether the entry is a section with no text of its own whose every subsection is keyed to an alert name
    /// (`## Reddit` over `### DiskUsageWarning …`): it groups those entries and answers no other alert.
    var groupsAlertEntries = false
    /// The compound of a title that is the document's own CamelCase name (`KubeletDown` in `KubeletDown.md`, or
    /// `CPU Throttling High` in `CPUThrottlingHigh.md`): an alert's name, as a runbook of one alert per file is
    /// titled, though too short or too spaced for `ServiceScope.headingNames` to tell it from a product's name
    /// (`GitLab`, `PostgreSQL`). Also the file's name when the document's top heading names another alert
    /// (`PrometheusRemoteWriteBehind.md` titled `# PrometheusRemoteStorageFailures`): the entry answers both names.
    var fileAlertName: String?
    /// The words of the title and aliases that say what the entry is about (`ServiceScope.headingWords`).
    var headingWords: Set<String> = []
    /// The words of `section` that may name a service, grouping words removed.
    var sectionWords: [String] = []
    /// `section` as one word: its compound (`xqueuewatcher` for `XQueueWatcher`), or its only indexed part; nil when
    /// it is several words or there is none (see `MatchIndex.unsaidOwnService`).
    var sectionName: String?
    /// The other documents of the library its document links to, as `MatchIndexBuilder.pathKey`s (shared by
    /// every entry of the document; see `MatchIndex.pointedAnswer`).
    var linkedDocuments: [String] = []
    /// Whether the entry's own body is quoted text only (canned messages to post, an excerpt): words to say,
    /// not what to do (see `MatchIndex.quotedShare`).
    var quotedOnly = false
    /// The exception classes its headings name (`ApiException`): the entry answers those, not others (see
    /// `ErrorClasses`).
    var errorClasses = ErrorClasses("")
    /// The error codes its headings are keyed to (`OperationalError(1045, …)`, see `ErrorCodes`).
    var errorCodes = ErrorCodes("")
    /// The indexed words of its document's file name, in order (`facebook`, `connector`, `operations` for
    /// `facebook-connector-operations.md`), for `MatchIndex.siblingService`; empty for a name not written as words
    /// joined by `-` or `_` (`KubeMemoryOvercommit.md`).
    var fileWords: [String] = []

    /// The letters and digits of `text`, lowercased: `CPU Throttling High` is written as `CPUThrottlingHigh`.
    static func letters(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// Whether `markdown`, an entry's own body, has text and every line of it is in a block quote.
    ///
    /// Read byte by byte, and given up at the first line that is not quoted: the index asks it of every entry, and
    /// most answer no on their first line (splitting the body into lines first was 6 % of building an index).
    static func isQuotedOnly(_ markdown: String) -> Bool {
        var markdown = markdown
        return markdown.withUTF8 { bytes in
            var quoted = false
            var atLineStart = true
            for byte in bytes {
                switch byte {
                case 0x0A, 0x0D, 0x0B, 0x0C:
                    atLineStart = true
                case 0x20, 0x09:
                    continue
                case 0x3E where atLineStart:
                    quoted = true
                    atLineStart = false
                default:
                    if atLineStart { return false }
                }
            }
            return quoted
        }
    }

    /// Fills in the fields worked out from the headings; called once per entry when the index is built.
    mutating func readHeadings() {
        // Each heading boiled and chunked once: the index reads every heading of the library.
        let boiled = ([title] + aliases).map(ServiceScope.boiledHeading)
        let names = boiled.map(ServiceScope.nameChunks(ofBoiled:))
        headingAlertNames = Set(names.joined().compactMap(\.compound))
        let nameParts = names.map { $0.flatMap(\.parts) }
        headingWords = Set(boiled.flatMap(ServiceScope.words(ofBoiled:)))
        if !nameParts.contains(where: \.isEmpty), !headingWords.subtracting(nameParts.joined()).isEmpty {
            headingAlertNameParts = Set(nameParts.joined())
            keyedAlertName = names.first?.first?.text
        }
        let stem = EntryFields.fileStem(file)
        // A name written as words joined by `-` or `_`, as a service is named; not an alert's CamelCase name.
        if stem.utf8.contains(where: { $0 == 0x2D || $0 == 0x5F }), !ServiceScope.isIdentifier(Substring(stem)) {
            fileWords = MatchTokenizer.tokens(stem).filter { $0.kind == .part }.map(\.term)
        }
        // The title spells the file's name; or the top heading names one alert and the file another
        // (`PrometheusRemoteWriteBehind.md` titled `PrometheusRemoteStorageFailures`, a renamed alert or a copied
        // heading), and the entry answers both.
        let spelled = headingAlertNames.isEmpty && IndexedEntry.letters(title) == IndexedEntry.letters(stem)
        let renamed = parent == nil && !headingAlertNames.isEmpty && stem.first?.isUppercase == true
        if spelled || renamed, ServiceScope.isIdentifier(Substring(stem)) {
            let tokens = MatchTokenizer.tokens(stem)
            if tokens.filter({ $0.kind == .part }).count >= 2 {
                fileAlertName = tokens.first { $0.kind == .compound }?.term
            }
        }
        let headings = ([title] + aliases).joined(separator: "\n")
        errorClasses = ErrorClasses(headings)
        errorCodes = ErrorCodes(headings)
        sectionWords = section.map {
            ServiceScope.headingWords($0).filter { !ServiceScope.groupingWords.contains($0) }
        } ?? []
        if let section {
            let tokens = MatchTokenizer.tokens(section)
            let parts = tokens.filter { $0.kind == .part }.map(\.term)
            sectionName = tokens.first { $0.kind == .compound }?.term ?? (parts.count == 1 ? parts[0] : nil)
        }
    }
}
