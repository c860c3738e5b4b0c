/// How lint treats an entry: an answer to an alert, a container of other entries, or anything else.
///
/// An entry is alert-keyed when one of its headings names an alert — a CamelCase alert name such as
/// `DiskUsageWarning` or `KubePodCrashLooping` (three or more words, or two ending in an alert word like `Error`,
/// `Down`, `Failing`), or a source prefix such as `[FIRING:1]`, `[Prometheus]`, `[Pingdom]` — or when it already has
/// alert-style parts (Meaning, Impact, Diagnosis, Mitigation, Symptoms, Causes, Resolution, Remediation). A
/// section that holds sub-entries and has no parts of its own (a product heading) is a container, never
/// alert-keyed; procedures and other headings are `other`.
enum EntryKind: Sendable, Hashable {
    case alert, container, other

    static let alertPartKinds: Set<PartKind> = [
        .meaning, .impact, .diagnosis, .mitigation, .symptoms, .causes, .resolution, .remediation,
    ]

    /// Words that end an alert name written in CamelCase with only two words (`ApiException`, `TargetDown`).
    static let alertNameEndings: Set<String> = [
        "error", "errors", "exception", "warning", "critical", "down", "up", "high", "low", "failing", "failed",
        "failure", "failures", "full", "missing", "degraded", "unavailable", "unhealthy", "latency", "usage", "limit",
        "crashlooping", "looping", "notready", "expiring", "expired", "exhausted", "absent", "timeout", "timeouts",
        "saturation", "spike", "lag", "stuck", "slow", "overload", "overloaded", "restarting", "restarts", "pressure",
        "throttling", "unreachable", "offline", "skew", "flapping", "alert", "alarm",
    ]

    static let sourcePrefixes = ["[firing", "[resolved", "[prometheus", "[pingdom", "[alertmanager", "[sentry",
                                 "[datadog", "[triggered", "[grafana", "[cloudwatch", "alarm:"]

    static func of(_ entry: Entry, hasChildren: Bool) -> EntryKind {
        let hasAlertParts = entry.parts.contains { alertPartKinds.contains($0.kind) }
        if hasAlertParts { return .alert }
        if hasChildren { return .container }
        let titles = [entry.title] + entry.aliases
        return titles.contains(where: namesAlert) ? .alert : .other
    }

    /// Whether a heading names an alert by source prefix or CamelCase alert name.
    static func namesAlert(_ heading: String) -> Bool {
        let lowered = heading.lowercased()
        if sourcePrefixes.contains(where: { lowered.hasPrefix($0) || lowered.contains(" \($0)") }) { return true }
        return heading.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).contains { isAlertName($0) }
    }

    /// `DiskUsageWarning`, `KubePodCrashLooping`, `ApiException`; not `GitLab`, `PostgreSQL`, `OpenEdX`, `MITXOnline`.
    static func isAlertName(_ token: Substring) -> Bool {
        guard let first = token.first, first.isUppercase, token.count >= 6 else { return false }
        let words = camelWords(token)
        guard words.count >= 2, words.allSatisfy({ $0.count >= 2 }) else { return false }
        if words.count >= 3 { return true }
        return alertNameEndings.contains(words[words.count - 1].lowercased())
    }

    /// Splits at each lower-to-upper boundary: `KubePodCrashLooping` → Kube, Pod, Crash, Looping.
    static func camelWords(_ token: Substring) -> [Substring] {
        var words: [Substring] = []
        var start = token.startIndex
        var previous: Character?
        for index in token.indices {
            let character = token[index]
            if let previous, (previous.isLowercase || previous.isNumber), character.isUppercase {
                words.append(token[start..<index])
                start = index
            }
            previous = character
        }
        words.append(token[start...])
        return words
    }
}
