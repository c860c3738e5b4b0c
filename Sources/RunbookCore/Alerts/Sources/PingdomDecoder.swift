import Foundation

/// Pingdom check state-change webhook. The dedup key is the check id; an `UP` (or `SUCCESS`) state resolves it.
enum PingdomDecoder {
    static let resolvedStates: Set<String> = ["UP", "SUCCESS"]
    static let knownStates: Set<String> = ["UP", "DOWN", "SUCCESS", "FAILING", "UNCONFIRMED_DOWN", "UNKNOWN"]

    static func decode(_ root: JSONField, receivedAt: Date) throws(AlertDecodingError) -> Alert {
        guard let checkID = try root["check_id"].scalar() else {
            throw .missing(field: "check_id", expected: "a check id")
        }
        let state = try requiredState(root["current_state"])
        _ = try Self.state(root["previous_state"])
        let name = try root["check_name"].string()
        let params = root["check_params"]
        _ = try params.object()
        let hostname = try params["hostname"].string()
        var labels: [String: String] = ["check_id": checkID]
        labels["check_name"] = name
        labels["check_type"] = try root["check_type"].string()
        labels["hostname"] = hostname
        labels["full_url"] = try params["full_url"].string()
        labels["importance_level"] = try root["importance_level"].string()
        var tags: [String] = []
        for tag in try root["tags"].elements() ?? [] {
            if let name = try tag.scalar() { tags.append(name) }
        }
        if !tags.isEmpty {
            labels["tags"] = tags.joined(separator: ",")
        }
        var text = AlertText()
        text.add(name)
        text.add(try root["description"].string())
        text.add(try root["long_description"].string())
        text.add(try root["custom_message"].string())
        text.add(labels["full_url"])
        let changedAt = try JSONField.firstDate(root["state_changed_utc_time"], root["state_changed_timestamp"])
        let resolved = resolvedStates.contains(state)
        return Alert(
            source: .pingdom,
            status: resolved ? .resolved : .firing,
            labels: labels,
            title: AlertTitle.clean("\(name ?? hostname ?? "Pingdom check \(checkID)") is \(state)"),
            text: text.text,
            startsAt: changedAt ?? receivedAt,
            endsAt: resolved ? changedAt ?? receivedAt : nil,
            dedupKey: checkID,
            severity: severity(labels["importance_level"])
        )
    }

    private static func requiredState(_ field: JSONField) throws(AlertDecodingError) -> String {
        guard let state = try state(field) else {
            throw .missing(field: field.path, expected: "a check state such as UP or DOWN")
        }
        return state
    }

    private static func state(_ field: JSONField) throws(AlertDecodingError) -> String? {
        guard let text = try field.string() else { return nil }
        let state = text.uppercased()
        guard knownStates.contains(state) else {
            throw .unknownValue(field: field.path, expected: knownStates.sorted().joined(separator: ", "), value: text)
        }
        return state
    }

    /// Pingdom's importance levels: HIGH pages someone, LOW does not.
    private static func severity(_ importance: String?) -> String? {
        switch importance?.uppercased() {
        case "HIGH"?: "critical"
        case "LOW"?: "warning"
        case let other?: other.lowercased()
        case nil: nil
        }
    }
}
