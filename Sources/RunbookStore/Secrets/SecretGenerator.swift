import Foundation

/// Makes the 32 random bytes of a new secret: the system's generator, or one a test passes in.
public struct SecretGenerator: Sendable {
    private let bytes: @Sendable () -> [UInt8]

    /// Draws from `SystemRandomNumberGenerator`.
    public init() {
        bytes = {
            var generator = SystemRandomNumberGenerator()
            return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        }
    }

    /// Draws from `bytes`, which must return 32 bytes (tests pass a fixed sequence).
    public init(bytes: @escaping @Sendable () -> [UInt8]) {
        self.bytes = bytes
    }

    /// A new secret: `prefix` followed by 32 bytes in unpadded base64url.
    public func make(prefix: String) -> String {
        let text = Data(bytes()).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + text
    }
}
