/// Turns an alert into the weighted terms the matcher looks up.
///
/// The alert's name weighs most, then its title and summary, then its description and other text. Label
/// values that name what is affected (service, app, job, namespace…) are looked up in entry titles and
/// ancestors' titles only: in running text they are noise. Labels that name the metric measured are looked
/// up like text. Labels that say where or how loud (severity, region, instance, environment) are left out.
enum AlertQueryBuilder {
    /// Labels whose values name the affected service or component; Sentry's `culprit` is the module and function
    /// an exception was raised in (`lms.djangoapps.grades.tasks.compute_grades`), the component that failed.
    static let serviceLabels: [String] = [
        "service", "app", "application", "job", "namespace", "product", "component", "container", "type",
        "team", "deployment", "daemonset", "statefulset", "project", "program", "tier", "check_name", "culprit",
    ]

    /// Labels whose values name what was measured (`kubernetes_state.job.failed`, CloudWatch's
    /// `MetricName`, a Datadog monitor's metric): words of the problem itself, looked up like text.
    static let metricLabels: [String] = ["metric", "metric_name", "alert_metric", "metricname", "__name__"]

    /// Annotations that read as a one-line title.
    static let titleAnnotations: Set<String> = ["summary", "title", "message", "subject"]

    /// Annotations that carry links or machine data rather than words.
    static let ignoredAnnotations: Set<String> = [
        "runbook_url", "runbook", "dashboard", "dashboard_url", "grafana", "link", "url", "generatorurl",
    ]

    /// A key of more words than this, from an alert without a name, is a sentence, not a name.
    static let nameWordLimit = 4
    /// A title of more words than this is a message (a chat line, a report), weighed like text.
    static let titleWordLimit = 12

    /// Adds `text` as words that name the alert, but for its object references (`etl/ledger-export-29301120`,
    /// `search/opensearch-data`): the object that failed, not what failed, looked up as plain words.
    private static func addNaming(
        _ text: String, field: String, weight: Double, to query: inout MatchQuery, bigrams: Bool
    ) {
        // An object reference holds a `/`: a text without one is added whole, without splitting it into words.
        guard text.utf8.contains(0x2F) else {
            query.add(text, field: field, weight: weight, isName: true, bigrams: bigrams)
            return
        }
        let words = text.asciiSplit(" ")
        guard words.contains(where: isObjectReference) else {
            query.add(text, field: field, weight: weight, isName: true, bigrams: bigrams)
            return
        }
        let naming = words.filter { !isObjectReference($0) }.joined(separator: " ")
        query.add(naming, field: field, weight: weight, isName: true, bigrams: bigrams)
        query.add(words.filter(isObjectReference).joined(separator: " "), field: field, weight: 1.2, bigrams: bigrams)
    }

    /// The CamelCase parts of an alert name joined by `_` (`PostgreSQL_CommitRateTooLow`): each, after the
    /// first, is the alert's own name within its family, and is how a runbook's text refers to it.
    static func nameSegments(_ name: String) -> [Substring] {
        guard name.utf8.contains(0x5F) else { return [] }
        let segments = name.asciiSplit("_")
        guard segments.count >= 2 else { return [] }
        return segments.dropFirst().filter { segment in
            zip(segment, segment.dropFirst()).contains { $0.isLowercase && $1.isUppercase }
        }
    }

    /// A `namespace/name` reference to one object (a job, a pod, a StatefulSet), not a path or a metric.
    static func isObjectReference(_ word: Substring) -> Bool {
        guard word.utf8.contains(0x2F), let slash = word.firstIndex(of: "/"), slash != word.startIndex,
            !word.containsBytes("://")
        else {
            return false
        }
        return word.filter { $0 == "/" }.count == 1 && word[word.index(after: slash)...].containsBytes("-")
    }

    /// A service or metric label the query reads: its place in the order the query adds them (service labels
    /// first, each list in its order), its evidence field and which list it is on.
    struct QueryLabel {
        let order: Int
        let name: String
        let field: String
        let isService: Bool
    }

    /// `serviceLabels` then `metricLabels`, in order.
    static let queryLabelList: [QueryLabel] = (serviceLabels.map { ($0, true) } + metricLabels.map { ($0, false) })
        .enumerated().map { QueryLabel(order: $0, name: $1.0, field: "label.\($1.0)", isService: $1.1) }

    /// `queryLabelList` by name.
    static let queryLabelsByName = Dictionary(uniqueKeysWithValues: queryLabelList.map { ($0.name, $0) })

    /// The service and metric labels `labels` has, in the order the query adds them, with their values. Walks
    /// `labels` when it is the shorter list, else looks each label of the lists up: the same list either way.
    static func queryLabels(of labels: [String: String]) -> [(label: QueryLabel, value: String)] {
        guard labels.count < queryLabelList.count else {
            return queryLabelList.compactMap { label in labels[label.name].map { (label, $0) } }
        }
        var found: [(label: QueryLabel, value: String)] = []
        for (name, value) in labels {
            if let label = queryLabelsByName[name] { found.append((label, value)) }
        }
        if found.count > 1 { found.sort { $0.label.order < $1.label.order } }
        return found
    }

    /// What the query is built from, once read off the alert: every field it adds, and how.
    ///
    /// `build` reads the alert through this alone, and `memoKey` writes all of it: whoever makes the query read
    /// another field of the alert adds it here and to `memoKey` (else the memo would give one alert another's query).
    struct Recipe {
        var name: String?
        var key: String
        var keyIsName: Bool
        var titleIsName: Bool
        /// The boiled title when it names the alert, else the title.
        var title: String
        /// The annotations the query reads, by name.
        var annotations: [(key: String, value: String)]
        var labels: [(label: QueryLabel, value: String)]
        var text: String

        /// The texts read as a person's message, for its questions and code spans: the text, and the title too when
        /// it is a message rather than a name.
        var messageTexts: [String] { titleIsName ? [text] : [title, text] }
    }

    static func query(for alert: Alert, key: String? = nil) -> MatchQuery {
        let recipe = Self.recipe(for: alert, key: key ?? AlertKey.key(for: alert))
        var query = recentQueries.value(for: memoKey(recipe)) { _ in build(recipe) }
        query.errorCodes = ErrorCodes(alert.title)
        query.errorClasses = ErrorClasses(alert.title, alert.text)
        // Read only when the alert names a class: most alerts name none. Of the labels, only those `MatchInput` keeps.
        if !query.errorClasses.isEmpty {
            let said = [alert.name ?? ""] + alert.annotations.values + MatchInput.readLabels(of: alert.labels).values
            query.mentionedErrorClasses = ErrorClasses(said.joined(separator: "\n"))
        }
        return query
    }

    /// What the query of `alert`, whose `AlertKey.key(for:)` is `key`, is built from.
    static func recipe(for alert: Alert, key: String) -> Recipe {
        // A question ("how do I…?") is a message, however short.
        let titleIsName = alert.title.asciiWordCount(" ") <= titleWordLimit && !alert.title.utf8.contains(0x3F)
        var key = key
        var text = droppingTagKeys(alert.text)
        // `k8s-prod-eu2: …`: where the alert fired, read as running text rather than as a word that names it.
        let located = titleIsName ? LocationPrefix.split(alert.title) : nil
        let rest = located.map { BoilMemo.shared.boiled($0.rest) } ?? ""
        if let located {
            let place = BoilMemo.shared.boiled(located.prefix)
            if !place.isEmpty, key.hasPrefix(place + " ") { key = String(key.dropFirst(place.count + 1)) }
            text = located.prefix + "\n" + text
        }
        // `eks-usw2-prom-label-limit-exceeded`: an alarm named after its cluster and region first. The place is read
        // as running text, as a title's place prefix is.
        if let named = LocationPrefix.leadingPlace(of: key) {
            key = named.rest
            text = named.place + "\n" + text
        }
        // A short title is boiled like the headings it should meet: no source prefixes, hosts or `ext4`.
        var title = !rest.isEmpty ? rest : titleIsName ? BoilMemo.shared.boiled(alert.title) : alert.title
        if titleIsName, let named = LocationPrefix.leadingPlace(of: title) {
            title = named.rest
            if !text.hasPrefix(named.place + "\n") { text = named.place + "\n" + text }
        }
        return Recipe(
            name: alert.name, key: key, keyIsName: alert.name != nil || key.asciiWordCount(" ") <= nameWordLimit,
            titleIsName: titleIsName, title: title,
            annotations: alert.annotations.sorted(by: { $0.key < $1.key }).filter {
                !ignoredAnnotations.contains($0.key.lowercased())
            }.map { ($0.key, $0.value) },
            labels: queryLabels(of: alert.labels), text: text)
    }

    /// `text` without the keys of its `key:value` tags (`kube_namespace:monitoring`, `{kube_cluster_name:prod-eu-1,
    /// kube_stateful_set:alertmanager-main}` in a Datadog monitor's query): a key says which dimension the value is
    /// of, where the alert fired, not what went wrong, and its words (`kube`, `stateful set`, `cluster`) would
    /// meet the titles of entries about those objects. The value stays. A key is a whole word of lowercase letters,
    /// digits, `.` and `_`, with at least one `_`, right before a `:` that neither whitespace nor `/` follows.
    static func droppingTagKeys(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard bytes.contains(0x3A) else { return nil }
            // The keys with their colons, found first: most texts have none, and are not copied.
            var keys: [Range<Int>] = []
            var start = 0  // where the word that ends at `index` starts: after the last byte that is no word byte
            for index in bytes.indices {
                let byte = bytes[index]
                if byte == 0x3A, index > start, index + 1 < bytes.count, !isSpaceOrSlash(bytes[index + 1]),
                   isTagKey(UnsafeBufferPointer(rebasing: bytes[start..<index])) {
                    keys.append(start..<index + 1)
                    start = index + 1
                } else if !(ASCIIToken.isLetter(byte) || ASCIIToken.isDigit(byte) || byte == 0x5F || byte == 0x2E) {
                    start = index + 1
                }
            }
            guard !keys.isEmpty else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var kept = 0
            for key in keys {
                out.append(contentsOf: bytes[kept..<key.lowerBound])
                kept = key.upperBound
            }
            out.append(contentsOf: bytes[kept...])
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    /// Whether `word` is a tag's key: lowercase letters, digits, `.` and `_` only (a word of those and uppercase
    /// letters), with a `_`.
    private static func isTagKey(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        word.contains(0x5F) && !word.contains(where: ASCIIToken.isUpper)
    }

    private static func isSpaceOrSlash(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x2F || (byte >= 0x09 && byte <= 0x0D)
    }

    /// The queries of recent recipes, by `memoKey`: a fleet's new alerts differ in words the query leaves out. As many
    /// as the server's match cache holds prepared matches, which share the queries' storage.
    static let recentQueries = TextMemo<MatchQuery>(capacity: 1_024, maximumLength: 4_096)

    /// A text that tells recipes apart exactly as far as `build` does, the same for alerts of a fleet. Each field is
    /// written as a tag byte, its length in decimal, `:` and its bytes, so that no two recipes write one text. The
    /// texts the query only tokenizes (a long title, annotations, label values, the text) are written without the
    /// chunks the tokenizer skips, one space between chunks (`MatchTokenizer.appendTokenEquivalent`). The name,
    /// the key and a boiled title are written whole: they are also split into words and segments.
    static func memoKey(_ recipe: Recipe) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        var scratch: [UInt8] = []
        func field(_ tag: UInt8, _ bytes: UnsafeBufferPointer<UInt8>) {
            out.append(tag)
            // A length's decimal text is a small string: no allocation.
            out.append(contentsOf: String(bytes.count).utf8)
            out.append(0x3A)
            out.append(contentsOf: bytes)
        }
        func whole(_ tag: UInt8, _ text: String) {
            var text = text
            text.withUTF8 { field(tag, $0) }
        }
        func tokenized(_ tag: UInt8, _ text: String) {
            scratch.removeAll(keepingCapacity: true)
            if !MatchTokenizer.appendTokenEquivalent(text, to: &scratch) { scratch.append(contentsOf: text.utf8) }
            scratch.withUnsafeBufferPointer { field(tag, $0) }
        }
        if let name = recipe.name { whole(0x6E, name) }  // n
        whole(0x6B, recipe.key)  // k
        if recipe.titleIsName { whole(0x54, recipe.title) } else { tokenized(0x74, recipe.title) }  // T, t
        for (key, value) in recipe.annotations {
            whole(0x61, key)  // a
            tokenized(0x76, value)  // v
        }
        for (label, value) in recipe.labels {
            whole(0x6C, label.name)  // l
            tokenized(0x76, value)
        }
        tokenized(0x78, recipe.text)  // x
        // The code spans weigh more than the words around them, and the tokenizer skips their backticks.
        for text in recipe.messageTexts where text.utf8.contains(0x60) {
            for span in CodeSpans.spans(in: text) { tokenized(0x63, String(span)) }  // c
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The query of `recipe`, but for its error codes (the caller's: they are read off the title as it is).
    static func build(_ recipe: Recipe) -> MatchQuery {
        var query = MatchQuery()
        if let name = recipe.name {
            query.add(name, field: "alertname", weight: 3.0, isName: true)
            // `PostgreSQL_CommitRateTooLow`: a runbook names the alert by its own part (`CommitRateTooLow`).
            for segment in nameSegments(name) {
                query.add(String(segment), field: "alertname", weight: 3.0, isName: true)
            }
        }
        query.scope = ServiceScope.recent(subject: recipe.key, named: recipe.keyIsName)
        if let name = recipe.name { query.scope.markName(name) }
        query.joinedKeyWords = ServiceScope.joinedWords(of: recipe.key)
        if recipe.keyIsName {
            addNaming(recipe.key, field: "key", weight: 2.5, to: &query, bigrams: false)
        }
        if recipe.titleIsName {
            addNaming(recipe.title, field: "title", weight: 2.0, to: &query, bigrams: true)
        } else {
            query.add(recipe.title, field: "title", weight: 1.2, bigrams: true)
        }
        for (key, value) in recipe.annotations {
            let weight = titleAnnotations.contains(key.lowercased()) ? 1.5 : 1.0
            query.add(value, field: "annotation.\(key)", weight: weight, bigrams: true)
        }
        for (label, value) in recipe.labels {
            if label.isService {
                query.add(value, field: label.field, weight: 1.2, headOnly: true)
            } else {
                query.add(value, field: label.field, weight: 1.2, bigrams: true)
            }
        }
        query.add(recipe.text, field: "text", weight: 1.0, bigrams: true)
        query.addRelatedTerms()
        // A chat message's questions say what it asks; the rest is what was seen on the way (see `ChatQuestions`).
        query.emphasizeQuestions(of: recipe.messageTexts)
        // Its code spans say exactly which command, job or error is at hand (see `CodeSpans`).
        query.emphasizeCodeSpans(of: recipe.messageTexts)
        return query
    }
}
