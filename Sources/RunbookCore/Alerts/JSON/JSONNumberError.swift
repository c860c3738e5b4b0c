/// A number JSON cannot hold (NaN or an infinity).
public struct JSONNumberError: Error, Sendable, CustomStringConvertible {
    /// The number that was refused.
    public var value: Double

    public var description: String {
        "JSON cannot hold the number \(value)"
    }
}
