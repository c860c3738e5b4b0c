import Foundation
import Hummingbird

/// The fields of an `application/x-www-form-urlencoded` body, as a browser posts a form.
struct ConsoleForm: Sendable {
    let fields: [String: String]

    /// Reads and decodes the body of `request`, at most `limit` bytes.
    init(_ request: Request, limit: Int) async throws {
        let buffer = try await request.body.collect(upTo: limit)
        self.init(body: String(buffer: buffer))
    }

    /// Decodes `name=value&…`, `+` as a space; a later repeat of a name is ignored.
    init(body: String) {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), fields[name] == nil else { continue }
            fields[name] = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
        }
        self.fields = fields
    }

    subscript(_ name: String) -> String? {
        fields[name]
    }

    /// The trimmed value of a field, nil when missing or blank.
    func text(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
