import Crypto
import Foundation
import Hummingbird
import Logging
import RunbookCore
import RunbookNotify
import RunbookStore

extension ServerConfiguration {
    /// The signer of the one-click acknowledge links that messages carry, keyed from the data folder
    /// (`acknowledge-links.key`); nil without a console URL to link to, without a data folder (a server whose
    /// store lives elsewhere makes none), or when the key can be neither read nor made (logged: messages then go
    /// out without the link).
    func acknowledgeLinks(logger: Logger) -> AcknowledgeLinks? {
        guard notifications.consoleURL != nil else { return nil }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dataDirectory, isDirectory: &isFolder), isFolder.boolValue else {
            logger.info("console.acknowledge_links_off", metadata: [
                "folder": "\(dataDirectory)", "message": "no data folder to keep the key in: no acknowledge links",
            ])
            return nil
        }
        do {
            return AcknowledgeLinks(key: try AcknowledgeLinks.key(in: dataDirectory))
        } catch {
            logger.warning("console.acknowledge_links_unavailable", metadata: [
                "folder": "\(dataDirectory)", "error": "\(error)",
                "message": "messages are sent without a one-click acknowledge link",
            ])
            return nil
        }
    }
}

extension ServerConfiguration {
    /// The name of the acknowledge-link key among the store's shared secrets.
    static let acknowledgeLinkSecret = "acknowledge-links"

    /// The signer of acknowledge links keyed from the store (`SharedSecretStore`), so that every node on one database
    /// signs and checks links with one key; nil without a console URL, or when the store keeps no secrets or cannot
    /// be read (logged: messages then go out without the link).
    ///
    /// The first node to ask stores the key: the data folder's `acknowledge-links.key` when there is one, so that
    /// links already sent keep working, else a new random key.
    func acknowledgeLinks(logger: Logger, sharedBy store: (any Store)?) async -> AcknowledgeLinks? {
        guard notifications.consoleURL != nil else { return nil }
        guard let secrets = store as? any SharedSecretStore else { return acknowledgeLinks(logger: logger) }
        let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent(AcknowledgeLinks.keyFileName).path
        let proposed = FileManager.default.contents(atPath: path).flatMap { $0.count == 32 ? $0 : nil }
            ?? SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        do {
            return AcknowledgeLinks(key: try await secrets.sharedSecret(
                named: Self.acknowledgeLinkSecret, proposing: proposed))
        } catch {
            logger.warning("console.acknowledge_links_unavailable", metadata: [
                "error": "\(error)", "message": "messages are sent without a one-click acknowledge link",
            ])
            return nil
        }
    }

    /// `dispatchSettings(logger:)` with the acknowledge-link key every node on `store` shares.
    public func dispatchSettings(logger: Logger, sharedBy store: (any Store)?) async -> DispatchSettings {
        var settings = notifications
        settings.acknowledgeLinks = await acknowledgeLinks(logger: logger, sharedBy: store)
        return DispatchSettings(settings, client: .shared)
    }
}

extension Console {
    /// `GET /incidents/{id}/ack-link?expires=…&signature=…`: the confirmation page of a link from a message. A GET
    /// changes nothing; the page's button posts the same values.
    func acknowledgeLinkPage(_ request: Request, context: RunbookRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        return try await withAcknowledgeLink(
            context: context, expires: query["expires"].map(String.init),
            signature: query["signature"].map(String.init)
        ) { id, expires, signature in
            let incident = try await store.incident(id: id).incident
            guard incident.state == .triggered else { return alreadyHandled(incident) }
            return pages.render(
                "ack-link", title: "Acknowledge incident #\(id)", session: nil,
                values: [
                    "id": String(id), "key": incident.key, "title": incident.title,
                    "severity": incident.severity ?? "", "expires": expires, "signature": signature,
                ])
        }
    }

    /// `POST /incidents/{id}/ack-link`: acknowledges the incident in the link's name, after checking the link again.
    func acknowledgeByLink(_ request: Request, context: RunbookRequestContext) async throws -> Response {
        let form = try await ConsoleForm(request, limit: bodyLimit)
        guard Self.sameOrigin(request) else {
            return pages.message("Not allowed", detail: "The form was posted from another site.", session: nil,
                                 status: .forbidden)
        }
        return try await withAcknowledgeLink(
            context: context, expires: form["expires"], signature: form["signature"]
        ) { id, _, _ in
            let incident = try await store.incident(id: id).incident
            guard incident.state == .triggered else { return alreadyHandled(incident) }
            _ = try await store.acknowledge(incidentID: id, by: AcknowledgeLinks.actor, at: now())
            dispatcherSignal.poke()
            return pages.message(
                "Incident #\(id) acknowledged",
                detail: "\(incident.title) is acknowledged; the timeline names the acknowledge link. Sign in to note "
                    + "what you do and to resolve it.", session: nil, status: .ok)
        }
    }

    /// Runs `action` for a link whose values this server signed for the incident of the path and that has not
    /// expired; otherwise a page that says what is wrong with the link.
    private func withAcknowledgeLink(
        context: RunbookRequestContext, expires: String?, signature: String?,
        _ action: (Int64, String, String) async throws -> Response
    ) async throws -> Response {
        guard let id = Self.incidentID(context), let links = acknowledgeLinks else {
            return pages.message("Not found", detail: "This server sends no acknowledge links, or the incident id is "
                                 + "not a positive whole number.", session: nil, status: .notFound)
        }
        switch links.check(incident: id, expires: expires, signature: signature, now: now()) {
        case .forged:
            return pages.message(
                "Link not valid", detail: "This acknowledge link was not made by this server for incident #\(id): "
                    + "open the link from the message as it is, or sign in to acknowledge.",
                session: nil, status: .forbidden)
        case .expired:
            return pages.message(
                "Link expired", detail: "This acknowledge link has expired. Sign in to acknowledge incident #\(id).",
                session: nil, status: .gone)
        case .valid:
            do {
                return try await action(id, expires ?? "", signature ?? "")
            } catch let error as StoreError {
                return storeErrorPage(error, session: nil)
            }
        }
    }

    private func alreadyHandled(_ incident: Incident) -> Response {
        let who = incident.state == .acknowledged ? incident.acknowledgedBy : incident.resolvedBy
        return pages.message(
            "Incident #\(incident.id) is \(incident.state.rawValue)",
            detail: "Nothing to do: it was \(incident.state.rawValue) by \(who ?? "its alerts").",
            session: nil, status: .ok)
    }
}
