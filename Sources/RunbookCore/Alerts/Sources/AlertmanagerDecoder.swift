import Foundation

/// Alertmanager webhook v4: one notification carries a group of alerts.
enum AlertmanagerDecoder {
    /// Annotations read first for the text, in this order; the others follow sorted by name.
    static let leadingAnnotations = ["summary", "title", "description", "message"]
    /// Annotations that give the title's headline, the first present.
    static let titleAnnotations = ["summary", "title", "message", "description"]

    /// Decodes the group; `limits` are checked for each alert before its common labels are merged into it.
    static func decode(
        _ root: JSONField, receivedAt: Date, limits: AlertLimits
    ) throws(AlertDecodingError) -> [Alert] {
        guard let alerts = try root["alerts"].elements(expected: "an array of alerts") else {
            throw .missing(field: "alerts", expected: "an array of alerts")
        }
        try limits.checkAlertCount(alerts.count, field: "alerts")
        let groupStatus = try status(root["status"]) ?? .firing
        let groupKey = try root["groupKey"].string()
        let commonLabels = try root["commonLabels"].stringMap() ?? [:]
        let commonAnnotations = try root["commonAnnotations"].stringMap() ?? [:]
        let commonBytes = try limits.checkLabels(commonLabels, field: "commonLabels")
            + limits.checkAnnotations(commonAnnotations, field: "commonAnnotations")
        var requestBytes = 0
        _ = try root["groupLabels"].stringMap()
        _ = try root["receiver"].string()
        _ = try root["externalURL"].string()
        var decoded: [Alert] = []
        for field in alerts {
            guard try field.object(expected: "an alert object") != nil else {
                throw .missing(field: field.path, expected: "an alert object")
            }
            let ownLabels = try field["labels"].stringMap() ?? [:]
            let ownAnnotations = try field["annotations"].stringMap() ?? [:]
            let mergedCount = commonLabels.count + ownLabels.keys.count(where: { commonLabels[$0] == nil })
            try limits.check(.labelsPerAlert, mergedCount, field: "\(field.path).labels", what: "labels")
            requestBytes += commonBytes
                + (try limits.checkLabels(ownLabels, field: "\(field.path).labels"))
                + (try limits.checkAnnotations(ownAnnotations, field: "\(field.path).annotations"))
            try limits.checkRequestBytes(requestBytes, field: field.path)
            let labels = commonLabels.merging(ownLabels) { _, own in own }
            let annotations = commonAnnotations.merging(ownAnnotations) { _, own in own }
            _ = try limits.checkAnnotations(annotations, field: "\(field.path).annotations")
            let fingerprint = try field["fingerprint"].string().flatMap { $0.isEmpty ? nil : $0 }
            decoded.append(
                alert(
                    labels: labels, annotations: annotations, status: try status(field["status"]) ?? groupStatus,
                    startsAt: try field["startsAt"].date() ?? receivedAt, endsAt: try field["endsAt"].date(),
                    fingerprint: fingerprint, groupKey: groupKey, url: try field["generatorURL"].string()))
        }
        return decoded
    }

    /// One alert from its merged labels and annotations and the fields read beside them; both the tree decoder and
    /// `AlertmanagerBodyReader` build their alerts here.
    static func alert(
        labels: [String: String], annotations: [String: String], status: AlertStatus, startsAt: Date, endsAt: Date?,
        fingerprint: String?, groupKey: String?, url: String?
    ) -> Alert {
        let dedupKey = fingerprint ?? derivedFingerprint(labels)
        return Alert(
            source: .alertmanager,
            status: status,
            labels: labels,
            annotations: annotations,
            title: title(labels: labels, annotations: annotations),
            text: text(annotations),
            startsAt: startsAt,
            endsAt: endsAt,
            dedupKey: dedupKey,
            groupKey: groupKey ?? dedupKey,
            severity: labels["severity"]?.lowercased(),
            url: url
        )
    }

    private static func status(_ field: JSONField) throws(AlertDecodingError) -> AlertStatus? {
        guard let text = try field.string() else { return nil }
        guard let status = AlertStatus(rawValue: text.lowercased()) else {
            throw .unknownValue(field: field.path, expected: "firing or resolved", value: text)
        }
        return status
    }

    /// Alertmanager's fingerprint is a hash of the label set; without one, hash the sorted labels the same way.
    static func derivedFingerprint(_ labels: [String: String]) -> String {
        let canonical = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\u{1F}")
        return StableHash.fnv1a(canonical)
    }

    private static func title(labels: [String: String], annotations: [String: String]) -> String {
        let headline = titleAnnotations.lazy.compactMap { annotations[$0] }.first
        let title = AlertTitle.join(labels["alertname"], headline)
        return title.isEmpty ? "Alertmanager alert" : title
    }

    /// Every string annotation (GitLab rules even misspell `descrition`), links left out: they are not words.
    private static func text(_ annotations: [String: String]) -> String {
        var text = AlertText()
        var leadingCount = 0
        for key in leadingAnnotations {
            guard let value = annotations[key] else { continue }
            leadingCount += 1
            text.add(value)
        }
        guard annotations.count > leadingCount else { return text.text }
        let rest = annotations.keys.filter { !leadingAnnotations.contains($0) }.sorted()
        for key in rest where !key.lowercased().hasSuffix("url") {
            text.add(annotations[key])
        }
        return text.text
    }
}
