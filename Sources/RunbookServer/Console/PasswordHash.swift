import HummingbirdBcrypt

/// Console passwords, hashed with bcrypt; the CLI hashes, the server verifies, the store keeps only the hash.
public enum PasswordHash {
    /// The bcrypt hash of `password`; `cost` 12 takes a fraction of a second, which is the point.
    public static func make(_ password: String, cost: UInt8 = 12) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// True when `password` matches `hash`.
    public static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// A hash no password matches in practice, verified when a user is unknown so that both cases take as long.
    static let decoy = Bcrypt.hash(ConsoleSessions.randomToken(), cost: 12)
}
