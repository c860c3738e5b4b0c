/// The place an alert fired, written before its title (`k8s-prod-eu2: Prometheus rule groups missing iterations`,
/// `ocp prod-ocp-2: router-default below desired replicas`): a Datadog monitor's or a chat bot's `{{cluster}}:`.
///
/// It says where, not what: the cluster's name is in no runbook heading, and read as a word that names the alert it
/// would count against every entry. The query reads it as running text instead. A prefix is one or two words before
/// a `:` and a space at the start of the title (after the source's bracket groups), every part of which
/// (split at `-` and `_`) is a place: an environment (`prod`, `gstg`), a Kubernetes platform (`k8s`, `ocp`), a region
/// (`eu`, `east`, `fra`) or a code with digits (`eu2`, `dc2`, `02`), and at least one part an environment or a
/// platform. A service before the colon (`facebook-connector-api prod:`, `salt-qa:`) makes it no prefix.
enum LocationPrefix {
    /// Kubernetes platforms whose short names make up cluster names.
    static let platforms: Set<String> = ["k8s", "eks", "gke", "aks", "ocp", "rosa", "aro", "oke", "doks"]
    /// Region words without digits that cluster and account names carry.
    static let regions: Set<String> = [
        "us", "eu", "ap", "sa", "uk", "east", "west", "north", "south", "central", "onprem", "global", "fra", "ams",
        "lon", "iad", "nyc", "sfo", "sin", "syd",
    ]
    /// Most words a prefix has.
    static let wordLimit = 2

    /// `title` split into its place prefix and the rest, or nil when it starts with none.
    static func split(_ title: String) -> (prefix: String, rest: String)? {
        // A title without a colon before a space has no prefix, and is not copied.
        guard title.containsBytes(": ") else { return nil }
        let stripped = AlertKey.strippingPrefixes(from: title)
        guard let colon = stripped.firstIndex(of: ":"), stripped.index(after: colon) < stripped.endIndex,
              stripped[stripped.index(after: colon)] == " "
        else { return nil }
        let words = stripped[..<colon].split(separator: " ")
        guard !words.isEmpty, words.count <= wordLimit else { return nil }
        var platformOrEnvironment = false
        for word in words {
            for part in word.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }) {
                let part = String(part)
                if VariableToken.environmentWords.contains(part) || platforms.contains(part) {
                    platformOrEnvironment = true
                } else if !regions.contains(part) && !isCode(part) {
                    return nil
                }
            }
        }
        guard platformOrEnvironment else { return nil }
        let rest = stripped[stripped.index(after: colon)...].drop { $0 == " " }
        guard !rest.isEmpty else { return nil }
        return (String(stripped[..<colon]), String(rest))
    }

    /// The first letters of the region codes cloud accounts and clusters are named with (`use2`, `euw1`, `apse2`).
    static let regionCodeLetters: Set<String> = [
        "us", "use", "usw", "usc", "eu", "euw", "euc", "eun", "eus", "ap", "apse", "apne", "aps", "ape", "sa", "ca",
        "me", "af", "uk", "de",
    ]

    /// An alarm's name that starts with where it fired (`eks-usw2-prom-label-limit-exceeded`, `global-metapod-alb-5xx`
    /// once the environment word is gone): the region parts of its first word, and the name without them. A region
    /// part is a region word or a region code (`usw2`, `eu1`) among the leading parts of the word, which may also be
    /// Kubernetes platforms (`eks`, `rosa`): those stay in the name, since they also say what the alarm is about. A
    /// part must follow the place. Codes of other kinds (`s3`, `ec2`) are products, not places.
    static func leadingPlace(of name: String) -> (place: String, rest: String)? {
        let firstWord = name.prefix { $0 != " " }
        var place: [Substring] = []
        var kept: [Substring] = []
        var index = firstWord.startIndex
        while index < firstWord.endIndex {
            let end = firstWord[index...].firstIndex { $0 == "-" || $0 == "_" } ?? firstWord.endIndex
            guard end < firstWord.endIndex else { break }
            let part = firstWord[index..<end]
            let lowered = part.lowercased()
            if regions.contains(lowered) || isRegionCode(lowered) {
                place.append(part)
            } else if platforms.contains(lowered) {
                kept.append(part)
            } else {
                break
            }
            index = firstWord.index(after: end)
        }
        guard !place.isEmpty else { return nil }
        let rest = kept.map { $0 + "-" }.joined() + name[index...]
        return (place.joined(separator: "-"), rest)
    }

    /// A region code: region letters and digits (`use2`, `eu1`, `apse2`).
    private static func isRegionCode(_ part: String) -> Bool {
        let letters = part.prefix { $0.isASCII && $0.isLetter }
        let digits = part.dropFirst(letters.count)
        return regionCodeLetters.contains(String(letters)) && !digits.isEmpty
            && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// A short code with digits: `eu2`, `use2`, `dc2`, `02`.
    private static func isCode(_ part: String) -> Bool {
        let letters = part.prefix { $0.isASCII && $0.isLetter }
        let digits = part.dropFirst(letters.count)
        return letters.count <= 4 && !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
