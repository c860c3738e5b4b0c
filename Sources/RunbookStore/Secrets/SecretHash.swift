import Crypto
import Foundation

/// The SHA-256 of a secret, as stored, and a constant-time comparison with a presented one.
public enum SecretHash {
    /// Lowercase hex SHA-256 of the secret's UTF-8 bytes.
    public static func of(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// True when `presented` hashes to `storedHash`; takes the same time wherever the two differ.
    public static func matches(_ presented: String, storedHash: String) -> Bool {
        let left = Array(of(presented).utf8)
        let right = Array(storedHash.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices {
            difference |= left[index] ^ right[index]
        }
        return difference == 0
    }
}
