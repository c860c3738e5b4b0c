import Crypto
import Foundation

/// The SHA-256 of a secret, as stored, and a constant-time comparison with a presented one.
public enum SecretHash {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Lowercase hex SHA-256 of the secret's UTF-8 bytes.
    public static func of(_ secret: String) -> String {
        hex(SHA256.hash(data: Data(secret.utf8)))
    }

    /// A digest as lowercase hex.
    static func hex(_ digest: SHA256.Digest) -> String {
        // By hand: `String(format:)` per byte cost more than the hash, on every authenticated request.
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0xF)])
        }
        return String(decoding: hex, as: UTF8.self)
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
