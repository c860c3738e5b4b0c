import RunbookStore

extension ConfigKey {
    /// The `console:` section: signing in through an authenticating reverse proxy (`ProxySignIn`).
    static let consoleKeys: [ConfigKey] = [
        scalar("console.proxy_header",
               "Request header an authenticating proxy names the signed-in user in; empty: no proxy sign-in.",
               expected: "an HTTP header name like X-Forwarded-User, or empty", parse: headerName,
               keyPath: \.proxySignIn.header, show: { $0 ?? "" }),
        ConfigKey(
            name: "console.proxy_trusted",
            summary: "Addresses of the proxy (CIDR, a list); the header from any other address is ignored.",
            expected: "an address or CIDR like 10.0.0.5, 10.0.0.0/8 or fd00::/8, or a list of them", isList: true,
            apply: { configuration, input in
                let texts: [String] =
                    switch input {
                    case .scalar(let value): value.split(separator: ",").map(String.init)
                    case .list(let values): values
                    }
                let ranges = texts.compactMap(AddressRange.init)
                guard ranges.count == texts.count else { return false }
                configuration.proxySignIn.trusted = ranges
                return true
            },
            render: { "[" + $0.proxySignIn.trusted.map(\.description).joined(separator: ", ") + "]" }
        ),
        scalar("console.proxy_default_role",
               "Role of a proxy-signed-in name that is no console user; none refuses such names.",
               expected: "one of none, viewer, operator, admin", parse: defaultRole,
               keyPath: \.proxySignIn.defaultRole, show: { $0?.rawValue ?? "none" }),
    ]

    /// An empty value turns proxy sign-in off (`.some(nil)`); a name with characters a header cannot hold is
    /// refused (`nil`).
    private static func headerName(_ text: String) -> String?? {
        let name = text.trimmingCharacters(in: .whitespaces)
        if name.isEmpty { return .some(nil) }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        return name.allSatisfy(allowed.contains) ? .some(name) : nil
    }

    private static func defaultRole(_ text: String) -> APIToken.Role?? {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        if value == "none" || value.isEmpty { return .some(nil) }
        return APIToken.Role(rawValue: value).map { .some($0) }
    }
}

extension ProxySignIn {
    /// Problems between its settings once every layer is applied: a header with no proxy address to trust it
    /// from would never be used, which is surely not what was meant.
    func consistencyIssues(layers: [String: ConfigLayer]) -> [ConfigIssue] {
        guard header != nil, trusted.isEmpty else { return [] }
        let key = "console.proxy_trusted"
        return [ConfigIssue(
            key: key, layer: layers[key] ?? layers["console.proxy_header"] ?? .defaults,
            message: "must name the proxy's addresses when console.proxy_header is set (the header is trusted only "
                + "from them)")]
    }
}
