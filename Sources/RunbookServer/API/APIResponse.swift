import Foundation
import Hummingbird

/// Writes every JSON response body of the server: the operators' API with snake_case keys, ISO 8601 times and
/// sorted keys (`encoder()`); ingestion answers and the operational endpoints, whose types name their keys
/// themselves, with sorted keys only (`plainEncoder()`).
///
/// Dictionary keys (alert labels) are written as they are; only the keys of Swift types change case.
///
/// ```swift
/// return try APIResponse.json(incident, status: .ok)
/// ```
public enum APIResponse {
    /// The encoder every API body goes through.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The encoder of ingestion answers and operational endpoints: keys as the types name them, sorted.
    public static func plainEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// The decoder for API bodies: snake_case keys back to Swift's (`entry_id` → `entryID`), ISO 8601 times.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in
            SwiftKey(stringValue: swiftName(path.last?.stringValue ?? ""))
        }
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// `incident_id` → `incidentID`, `next_cursor` → `nextCursor`: the inverse of `.convertToSnakeCase` for the
    /// property names of this API, where `ID` is written in capitals.
    static func swiftName(_ key: String) -> String {
        let words = key.split(separator: "_")
        guard let first = words.first, words.count > 1 else { return key }
        return String(first) + words.dropFirst().map { $0 == "id" ? "ID" : $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    private struct SwiftKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }

        init(stringValue: String) {
            self.stringValue = stringValue
        }

        init?(intValue: Int) {
            nil
        }
    }

    /// `value` as a JSON response, written by `encoder` (the API's by default).
    public static func json(
        _ value: some Encodable, status: HTTPResponse.Status = .ok, encoder: JSONEncoder = encoder()
    ) throws -> Response {
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
