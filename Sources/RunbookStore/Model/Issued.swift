/// A credential just created or rotated, with its secret: shown this once, never stored in clear.
public struct Issued<Value: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    public var value: Value
    /// The secret to hand to the sender or operator.
    public var secret: String

    public init(value: Value, secret: String) {
        self.value = value
        self.secret = secret
    }
}
