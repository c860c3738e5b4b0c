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
}
