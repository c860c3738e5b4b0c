import RunbookStore

/// Signing in to the console by a user-name header that an authenticating reverse proxy sets
/// (`console.proxy_header`), trusted only from the proxy's addresses (`console.proxy_trusted`).
///
/// A request from a trusted address that carries the header is signed in as that name: with the role of the
/// console user of that name (`runbook users add`), else with `defaultRole`, else refused. The header from any
/// other address is ignored (and logged), so that a client reaching the server directly cannot name itself.
/// Off unless both the header and at least one address are configured.
///
/// ```swift
/// var proxy = ProxySignIn()
/// proxy.header = "X-Forwarded-User"
/// proxy.trusted = [AddressRange("10.0.0.5")!]
/// ```
public struct ProxySignIn: Sendable, Equatable {
    /// The request header naming the signed-in user; nil turns proxy sign-in off.
    public var header: String?
    /// The proxy's addresses; the header from anywhere else is not trusted.
    public var trusted: [AddressRange] = []
    /// The role of a name the proxy signs in that is not a console user; nil refuses such a name.
    public var defaultRole: APIToken.Role?

    /// Off.
    public init() {}

    /// True when a header and at least one trusted address are configured.
    public var isEnabled: Bool {
        header != nil && !trusted.isEmpty
    }

    /// True when `client` (an address without port) is one of the trusted proxies.
    public func trusts(_ client: String) -> Bool {
        trusted.contains { $0.contains(client) }
    }
}
