import Hummingbird
import NIOCore
import RunbookStore

/// The per-request context of every Runbook route: Hummingbird's core context plus the client's address.
public struct RunbookRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's address (`ip:port`), for the request log.
    public let client: String?
    /// The operator's API token, once `RoleMiddleware` accepted it; nil on routes that take none.
    public internal(set) var token: APIToken?

    /// A context for a request arriving on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        client = source.channel.remoteAddress.map(Self.describe)
    }

    /// The route template that matched (`/api/v1/incidents/{id}`), or `unmatched`: never the raw path.
    public var pathTemplate: String {
        guard let path = endpointPath, path != "NotFound" else { return "unmatched" }
        return path
    }

    private static func describe(_ address: SocketAddress) -> String {
        if let ip = address.ipAddress, let port = address.port { return "\(ip):\(port)" }
        return address.description
    }
}
