extension ServiceScope {
    /// The scopes of recent keys, for keys that start with the alert's name and for the others.
    private static let recentScopes = (
        named: TextMemo<ServiceScope>(maximumLength: 256), unnamed: TextMemo<ServiceScope>(maximumLength: 256)
    )

    /// `ServiceScope(subject: key, named: named)`, remembered: alerts of one key come in storms, and working the
    /// scope out (tokenizing each word of the key) was a tenth of building a query.
    static func recent(subject key: String, named: Bool) -> ServiceScope {
        (named ? recentScopes.named : recentScopes.unnamed).value(for: key) { ServiceScope(subject: $0, named: named) }
    }

    /// The words of recent keys written joined by `-` or `_`, in the first `subjectWordLimit` (see
    /// `MatchQuery.joinedKeyWords`).
    private static let recentJoinedWords = TextMemo<[Chunk]>(maximumLength: 256)

    /// The words of `key` written joined by `-` or `_` (`linkedin-connector`), not an alert's name, remembered as
    /// `recent(subject:named:)` is.
    static func joinedWords(of key: String) -> [Chunk] {
        recentJoinedWords.value(for: key) { key in
            chunks(of: key, limit: subjectWordLimit).filter {
                !$0.isName && $0.parts.count >= 2 && $0.text.utf8.contains { $0 == 0x2D || $0 == 0x5F }
            }
        }
    }
}
