import Foundation
import Hummingbird

/// Writes the JSON API's response bodies: snake_case keys, ISO 8601 times, sorted keys.
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

    /// The decoder for API request bodies and, in tests, responses.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// `value` as a JSON response.
    public static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder().encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
