import Foundation

/// One request the receiver got: what was asked, with which headers and body, and when.
public struct RecordedRequest: Sendable, Hashable {
    public var method: String
    /// The path without the query.
    public var path: String
    public var query: String?
    /// Headers in the order they came, names as sent.
    public var headers: [Header]
    public var body: Data
    public var receivedAt: Date

    /// One header field.
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String

        /// A header field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// A recorded request.
    public init(method: String, path: String, query: String?, headers: [Header], body: Data, receivedAt: Date) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.receivedAt = receivedAt
    }

    /// The first value of a header, its name compared without case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The body as UTF-8 text.
    public var bodyText: String {
        String(decoding: body, as: UTF8.self)
    }

    /// The body decoded as a JSON object (nil when it is not one).
    ///
    /// Values are Foundation JSON values (`String`, `NSNumber`, `[Any]`, `[String: Any]`).
    public func jsonObject() -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }
}
