import Foundation

/// The names and secret prefixes of integrations and API tokens, the same in every store.
enum CredentialName {
    /// Prefix of integration secrets, so that a leaked one is recognisable.
    static let integrationSecretPrefix = "rbi_"
    /// Prefix of API token secrets.
    static let tokenSecretPrefix = "rbt_"

    /// Checks an integration's or a token's name: 1 to 64 ASCII letters, digits, `.`, `_` or `-`.
    static func validate(_ name: String) throws {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-"))
        guard (1...64).contains(name.count), name.unicodeScalars.allSatisfy({ $0.isASCII && allowed.contains($0) })
        else {
            throw StoreError.invalid("the name \"\(name)\" must be 1–64 letters, digits, '.', '_' or '-'")
        }
    }
}
