import Foundation

/// Where a PostgreSQL store lives, read from a `postgres://` URL.
///
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE&sslrootcert=PATH&schema=NAME]`, as libpq writes
/// it. `sslmode` means what it means to libpq:
/// - `disable`: never TLS;
/// - `prefer` (the default): TLS when the server offers it, its certificate not checked;
/// - `require`: TLS or no connection; the certificate is not checked, unless `sslrootcert` is given (then as
///   `verify-ca`);
/// - `verify-ca`: TLS, the certificate signed by a trusted authority, its host name not checked;
/// - `verify-full`: TLS, the certificate signed by a trusted authority and naming the host: the mode to use across
///   a network.
///
/// The trusted authorities are the system's, or those of the PEM file `sslrootcert`. `schema` keeps Runbook's
/// tables in a schema of their own, created when missing. Percent-escapes in the user and password are decoded.
///
/// ```swift
/// let location = try PostgresLocation(url: "postgres://runbook:secret@db.internal:5432/runbook?sslmode=verify-full")
/// ```
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// How the connection is protected.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        case disable, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// A PEM file of the authorities trusted to sign the server's certificate; nil for the system's.
    public var rootCertificatePath: String?
    /// The schema holding the tables; nil for the user's default search path (normally `public`).
    public var schema: String?

    /// Reads a `postgres://` (or `postgresql://`) URL; a malformed one throws `StoreError.invalid` naming the part.
    public init(url text: String) throws {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme.lowercased())
        else {
            throw StoreError.invalid("the database URL must look like postgres://USER:PASSWORD@HOST:PORT/DATABASE, "
                + "not \(Self.redacted(text))")
        }
        guard let host = components.host, !host.isEmpty else {
            throw StoreError.invalid("the database URL \(Self.redacted(text)) names no host")
        }
        guard let username = components.percentEncodedUser.flatMap({ $0.removingPercentEncoding }), !username.isEmpty
        else {
            throw StoreError.invalid("the database URL \(Self.redacted(text)) names no user (postgres://USER@HOST/…)")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw StoreError.invalid("the database URL \(Self.redacted(text)) must end in /DATABASE")
        }
        self.host = host
        port = components.port ?? 5432
        self.username = username
        password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        self.database = database
        tls = .prefer
        schema = nil
        rootCertificatePath = nil
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    let modes = TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
                    throw StoreError.invalid("sslmode must be one of \(modes), not \(item.value ?? "empty")")
                }
                tls = mode
            case "sslrootcert":
                guard let path = item.value, !path.isEmpty else {
                    throw StoreError.invalid("sslrootcert must name a PEM file of trusted certificate authorities")
                }
                rootCertificatePath = path
            case "schema":
                guard let name = item.value, Self.isPlainName(name) else {
                    throw StoreError.invalid("schema must be a plain name (lower-case letters, digits and _, not "
                        + "starting with a digit), not \(item.value ?? "empty")")
                }
                schema = name
            default:
                throw StoreError.invalid(
                    "the database URL has an unknown parameter \(item.name); known: sslmode, sslrootcert, schema")
            }
        }
    }

    /// The URL with its password replaced by `[OMITTED]`, for logs and messages.
    public var description: String {
        var text = "postgres://\(username)\(password == nil ? "" : ":[OMITTED]")@\(host):\(port)/\(database)"
        var parameters: [String] = []
        if tls != .prefer { parameters.append("sslmode=\(tls.rawValue)") }
        if let rootCertificatePath { parameters.append("sslrootcert=\(rootCertificatePath)") }
        if let schema { parameters.append("schema=\(schema)") }
        if !parameters.isEmpty { text += "?" + parameters.joined(separator: "&") }
        return text
    }

    /// A name that needs no quoting in SQL: lower-case letters, digits and `_`, not starting with a digit.
    static func isPlainName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first), name.count <= 63 else {
            return false
        }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// `text` with any password in it replaced, so that a message about a bad URL never shows the secret.
    private static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let schemeEnd = text.range(of: "://"),
              let colon = text[schemeEnd.upperBound..<at].firstIndex(of: ":")
        else { return text }
        return String(text[..<text.index(after: colon)]) + "[OMITTED]" + String(text[at...])
    }
}
