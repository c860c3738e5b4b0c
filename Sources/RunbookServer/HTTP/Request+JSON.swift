import Foundation
import Hummingbird

extension Request {
    /// Reads a JSON body of at most `limit` bytes and decodes it, so that every way it can be wrong is a 4xx.
    ///
    /// A non-JSON `Content-Type` is a 415; a body over the limit a 413; a decoding failure a 400 whose `field`
    /// names the JSON path at fault (Hummingbird's own `decode` drops the path).
    ///
    /// `decoder` reads the keys (`APIResponse.decoder()` takes the API's snake_case as well as Swift's names).
    ///
    /// ```swift
    /// let payload = try await request.decodeJSON(as: Payload.self, limit: configuration.maxRequestBody)
    /// ```
    public func decodeJSON<Value: Decodable>(
        as type: Value.Type, limit: Int, decoder: JSONDecoder = JSONDecoder()
    ) async throws -> Value {
        if let contentType = headers[.contentType], let mediaType = MediaType(from: contentType),
           !(mediaType.type == .application && (mediaType.subType == "json" || mediaType.subType.hasSuffix("+json")))
        {
            throw APIError(
                status: .unsupportedMediaType, code: "unsupported_media_type",
                detail: "expected a JSON body (Content-Type: application/json), got \(contentType)",
                field: "Content-Type"
            )
        }
        let buffer = try await body.collect(upTo: limit)
        return try decoder.decode(type, from: Data(buffer: buffer))
    }
}
