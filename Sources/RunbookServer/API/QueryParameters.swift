import Foundation
import Hummingbird

/// A request's query string read as a form (`+` is a space, keys and values percent-decoded), with typed
/// accessors that answer 400 naming the parameter when a value is not valid.
///
/// ```swift
/// let query = QueryParameters(request)
/// let limit = try query.int("limit", in: 1...1000) ?? 50
/// let labels = query.labels()   // label.service=web → ["service": "web"]
/// ```
struct QueryParameters: Sendable {
    /// Every `name=value` pair in order, repeats kept.
    let pairs: [(name: String, value: String)]

    init(_ request: Request) {
        self.init(query: request.uri.query ?? "")
    }

    init(query: String) {
        pairs = query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : "")
        }
    }

    /// The last value of `name`, nil when absent.
    func string(_ name: String) -> String? {
        pairs.last { $0.name == name }?.value
    }

    /// Every value of `name`, comma-separated lists split.
    func list(_ name: String) -> [String] {
        pairs.filter { $0.name == name }
            .flatMap { $0.value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            .filter { !$0.isEmpty }
    }

    /// An integer within `range`, nil when absent.
    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.badRequest(
                "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'",
                field: name
            )
        }
        return value
    }

    /// A number within `range`, nil when absent.
    func double(_ name: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let text = string(name) else { return nil }
        guard let value = Double(text), range.contains(value) else {
            throw APIError.badRequest(
                "\(name) must be a number from \(range.lowerBound) to \(range.upperBound), not '\(text)'", field: name
            )
        }
        return value
    }

    /// A time as ISO 8601 (`2025-01-31T12:00:00Z`, fractional seconds allowed) or Unix seconds.
    func date(_ name: String) throws -> Date? {
        guard let text = string(name) else { return nil }
        if let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            return date
        }
        throw APIError.badRequest(
            "\(name) must be an ISO 8601 time such as 2025-01-31T12:00:00Z, or Unix seconds, not '\(text)'",
            field: name
        )
    }

    /// `label.<name>=<value>` pairs as labels; a later repeat of a name wins.
    ///
    /// With `limit`, more than that many pairs (repeats counted) is a 422 naming the setting
    /// `limits.filters_per_query`, before any is read: each becomes a condition of the store's query.
    func labels(limit: Int? = nil) throws -> [String: String] {
        if let limit {
            let count = pairs.count(where: { $0.name.hasPrefix("label.") })
            guard count <= limit else {
                throw APIError.overLimit(
                    "the query gives \(count) label filters; at most \(limit) are allowed "
                        + "(setting limits.filters_per_query)", field: "label.*")
            }
        }
        var labels: [String: String] = [:]
        for pair in pairs where pair.name.hasPrefix("label.") {
            let name = String(pair.name.dropFirst("label.".count))
            guard !name.isEmpty else {
                throw APIError.badRequest("a label filter needs a name: label.<name>=<value>", field: pair.name)
            }
            labels[name] = pair.value
        }
        return labels
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
