import Foundation
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import RunbookCore
import RunbookNotify
import RunbookStore

/// The ingestion endpoints: `POST /api/v1/ingest/{source}/{integration}` (see `IngestURL`).
///
/// Each request is checked before anything is stored — source, content type, the integration's secret
/// (`Authorization: Bearer <secret>` or `?token=<secret>`), size, signature (Sentry HMAC, SNS certificate), payload —
/// and every failure is a 4xx JSON error that changes nothing. Then its alerts are matched against the current
/// library snapshot and stored with the raw payload in one transaction, answered by `202 {"accepted", "incidents"}`.
///
/// - A Sentry integration with a signing secret (Sentry's client secret, set by the operator) is authenticated by a
///   valid `Sentry-Hook-Signature` keyed with it and a fresh `Sentry-Hook-Timestamp` alone; no `?token=` is needed
///   (one presented is not checked). Without a signing secret, a Sentry request must carry both the integration's
///   secret (as `?token=` in the webhook URL) and a signature keyed with that secret.
/// - CloudWatch integrations take signed SNS messages only (also `text/plain`), whose signature is verified; a bare
///   alarm without its SNS envelope is refused; subscription
///   confirmations are confirmed (setting `sns_auto_confirm`) or logged for a person, and answered 200. SNS cannot
///   set headers: subscribe the URL with `?token=`. An integration pinned to SNS topics refuses other topics (403).
struct IngestController: Sendable {
    let store: any Store
    let library: LibraryHolder
    let metrics: RunbookMetrics
    let bodyLimit: Int
    let limits: RequestLimits
    let snsAutoConfirm: Bool
    /// The confidence from which a match names an incident's entry (`incidents.match_threshold`), for the metric of
    /// confident matches.
    let matchThreshold: Double
    let now: @Sendable () -> Date
    let fetcher: any CertificateFetcher
    let verifier: SNSSignatureVerifier
    let dispatcherSignal: DispatcherSignal
    /// Sentry signatures accepted lately: a repeat is a replay (409).
    let sentrySignatures = NIOLockedValueBox(SeenSignatures())
    /// Matches per distinct alert input under the current library.
    let matchCache = MatchCache()

    /// The controller of a server with `configuration` and `dependencies`, storing alerts in `store`.
    ///
    /// Without a store there is nowhere to put alerts: the router then adds no ingestion route.
    init(store: any Store, configuration: ServerConfiguration, dependencies: ServerDependencies) {
        self.store = store
        library = dependencies.library
        let metrics = RunbookMetrics(factory: dependencies.metrics.factory)
        self.metrics = metrics
        bodyLimit = configuration.maxRequestBody
        limits = dependencies.limits(configuration)
        snsAutoConfirm = configuration.snsAutoConfirm
        matchThreshold = configuration.matchThreshold
        now = dependencies.now
        fetcher = dependencies.certificateFetcher
        verifier = SNSSignatureVerifier(fetcher: dependencies.certificateFetcher, now: dependencies.now)
        dispatcherSignal = dependencies.dispatcherSignal
    }

    /// Adds the routes.
    func addRoutes(to router: Router<RunbookRequestContext>) {
        router.post("\(IngestURL.prefix)/{source}") { _, context -> Response in
            let name = try context.parameters.require("source")
            let source = try Self.source(named: name)
            throw APIError.notFound(
                "name the integration in the path: POST \(IngestURL.prefix)/\(source.source.rawValue)/<integration>")
        }
        router.post("\(IngestURL.prefix)/{source}/{integration}") { request, context in
            try await ingest(
                request, context: context, source: Self.source(named: context.parameters.require("source")),
                integration: context.parameters.require("integration"))
        }
    }

    private static func source(named name: String) throws -> IngestSource {
        guard let source = IngestSource.named(name) else {
            throw APIError(status: .notFound, code: "unknown_source",
                           detail: "no ingestion source \"\(name)\"; use one of \(IngestSource.names)", field: "source")
        }
        return source
    }

    private func ingest(
        _ request: Request, context: RunbookRequestContext, source: IngestSource, integration name: String
    ) async throws -> Response {
        let signingSecret = source.source == .sentry ? try await store.signingSecret(ofIntegration: name) : nil
        let key: String
        let integration: Integration?
        if let signingSecret {
            (key, integration) = (signingSecret, nil)
        } else {
            (key, integration) = try await authenticate(request, store: store, integration: name, source: source)
        }
        // Authentication comes first: a stranger learns nothing about what the endpoint accepts.
        try Self.checkContentType(request.headers[.contentType], source: source)
        let body = Data(buffer: try await request.body.collect(upTo: bodyLimit))
        let receivedAt = now()
        var replayKey: String?
        switch source.source {
        case .sentry:
            let signature = request.headers[SentrySignature.signatureField]
            try SentrySignature.verify(
                body: body, signature: signature,
                timestamp: request.headers[SentrySignature.timestampField], key: key,
                now: receivedAt)
            replayKey = try rememberSentrySignature(signature ?? "", integration: name, at: receivedAt)
        case .cloudwatch:
            if let confirmation = try await handleSNS(body, topics: integration?.snsTopics ?? [],
                                                       logger: context.logger) {
                return try APIResponse.json(confirmation, status: .ok, encoder: APIResponse.plainEncoder())
            }
        default:
            break
        }
        do {
            return try await accept(
                body, request: request, source: source, integration: name, receivedAt: receivedAt,
                logger: context.logger)
        } catch {
            if let replayKey { sentrySignatures.withLockedValue { $0.forget(replayKey) } }
            throw error
        }
    }

    /// Records a verified Sentry signature; throws 409 `replayed` when it was accepted before.
    ///
    /// Sentry signs the body only, not `Sentry-Hook-Timestamp`, so a captured request would verify again with a
    /// fresh timestamp; remembering signatures (see `SeenSignatures`) is what refuses it.
    private func rememberSentrySignature(_ signature: String, integration: String, at now: Date) throws -> String {
        let key = "\(integration) \(signature.trimmingCharacters(in: .whitespaces).lowercased())"
        guard sentrySignatures.withLockedValue({ $0.record(key, at: now) }) else {
            throw APIError(
                status: .conflict, code: "replayed",
                detail: "this signed request was already accepted; Sentry signs the body only, so a repeat of the "
                    + "same body and signature is refused as a replay", field: SentrySignature.signatureHeader)
        }
        return key
    }

    /// Decodes and stores a request that passed every check; answers 202.
    private func accept(
        _ body: Data, request: Request, source: IngestSource, integration name: String, receivedAt: Date,
        logger: Logger
    ) async throws -> Response {
        let alerts: [Alert]
        do {
            alerts = try AlertDecoder.decode(
                body, format: source.format, receivedAt: receivedAt, limits: limits.values.alerts)
        } catch let error as AlertDecodingError {
            if error.limit != nil {
                throw APIError.overLimit("\(source.source.rawValue) payload over a limit: \(error.description)",
                                         field: error.field ?? "body")
            }
            if error.isIncomplete {
                throw APIError(status: .unprocessableContent, code: "incomplete_payload",
                               detail: "not a \(source.source.rawValue) alert: \(error.description)", field: "body")
            }
            throw APIError.invalidPayload(error, source: source.source)
        }
        let result = try await record(
            alerts, body: body, source: source, integration: name, contentType: request.headers[.contentType],
            receivedAt: receivedAt, logger: logger)
        let answer = IngestResponse(accepted: result.accepted, incidents: result.incidentIDs)
        return Response(
            status: .accepted, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: answer.json)))
    }

    /// Checks the presented secret against the integration and its source; returns the secret and the integration.
    private func authenticate(
        _ request: Request, store: any Store, integration name: String, source: IngestSource
    ) async throws -> (secret: String, integration: Integration) {
        let secret = try Self.presentedSecret(request)
        guard let integration = try await store.authenticateIntegration(name: name, secret: secret) else {
            throw APIError.unauthorized("no integration named \(name) accepts this secret", field: "token")
        }
        guard integration.source == source.source else {
            throw APIError(status: .forbidden, code: "wrong_source",
                           detail: "integration \(name) receives \(integration.source.rawValue) alerts; post them to "
                               + IngestURL.path(integration: name, source: integration.source), field: "source")
        }
        return (secret, integration)
    }

    /// Matches the alerts against the current snapshot (an operator's binding of a key first, see `BindingRule`),
    /// stores them in one transaction and records metrics.
    private func record(
        _ alerts: [Alert], body: Data, source: IngestSource, integration: String, contentType: String?,
        receivedAt: Date, logger: Logger
    ) async throws -> IngestResult {
        guard !alerts.isEmpty else { return IngestResult(accepted: 0, incidentIDs: []) }
        let snapshot = library.current
        let keys = alerts.map { AlertKey.key(for: $0) }
        let bindings = try await store.bindings(forKeys: Set(keys))
        let ingestAlerts = zip(alerts, keys).map { alert, key in
            var matchSet: MatchSet?
            let resolution = BindingRule.resolve(
                binding: bindings[key], entryTitle: { id in snapshot?.entry(id: id)?.title }
            ) {
                guard let snapshot else { return [] }
                let found = matchCache.matches(for: alert, key: key, in: snapshot)
                matchSet = found.set
                return found.matches
            }
            if case .stale(let entryID) = resolution.outcome {
                logger.warning("binding.stale", metadata: [
                    "alert.key": .string(key), "binding.entry": .string(entryID),
                    "library.revision": .string(snapshot?.revision ?? "none"),
                ])
            }
            var item = IngestAlert(
                alert: alert, key: key, matches: resolution.matches, libraryRevision: snapshot?.revision)
            item.matchSet = matchSet
            return item
        }
        let request = IngestRequest(source: source.source, integration: integration, receivedAt: receivedAt,
                                    contentType: contentType, payload: body, alerts: ingestAlerts)
        let result = try await APIError.mapping { try await store.ingest(request) }
        metrics.ingestBatch(size: ingestAlerts.count)
        // Counted per request, not per alert: making a counter handle costs a lookup under the factory's lock.
        var firing = 0
        var confident = 0
        for alert in ingestAlerts {
            firing += alert.alert.status == .firing ? 1 : 0
            confident += (alert.matches.first?.score ?? 0) >= matchThreshold ? 1 : 0
        }
        for (status, count) in [(AlertStatus.firing, firing), (.resolved, ingestAlerts.count - firing)] where count > 0 {
            metrics.alertReceived(source: source.source.rawValue, status: status.rawValue, count: count)
        }
        for (isConfident, count) in [(true, confident), (false, ingestAlerts.count - confident)] where count > 0 {
            metrics.matched(confident: isConfident, count: count)
        }
        if result.queuedDeliveries > 0 {
            dispatcherSignal.poke()
        }
        return result
    }

    /// Verifies an SNS message; answers a (un)subscription confirmation, or returns nil for a notification.
    ///
    /// Every body must be a signed SNS envelope: a bare CloudWatch alarm (as a Lambda might forward it) is
    /// refused (400 `sns_envelope_required`), since nothing would prove it came from AWS and it would bypass topic
    /// pinning. When the integration is pinned to `topics`, a message from any other topic is refused (403),
    /// confirmations included.
    private func handleSNS(_ body: Data, topics: [String], logger: Logger) async throws -> SNSConfirmationResponse? {
        let message: SNSMessage
        do {
            message = try SNSMessage(body)
        } catch let error as AlertDecodingError {
            throw APIError(
                status: .badRequest, code: "sns_envelope_required",
                detail: "the cloudwatch endpoint takes signed Amazon SNS messages only (subscribe this URL to an SNS "
                    + "topic); not an SNS message: \(error.description)", field: error.field ?? "body")
        }
        try await verifier.verify(message)
        guard topics.isEmpty || topics.contains(message.topicARN) else {
            throw APIError(status: .forbidden, code: "topic_not_allowed",
                           detail: "this integration accepts SNS messages from \(topics.joined(separator: ", ")) "
                               + "only, not from \(message.topicARN)", field: "TopicArn")
        }
        guard SNSMessage.confirmationTypes.contains(message.type) else { return nil }
        let metadata: Logger.Metadata = ["topic": .string(message.topicARN), "type": .string(message.type)]
        guard message.type == "SubscriptionConfirmation" else {
            logger.notice("sns.unsubscribed", metadata: metadata)
            return SNSConfirmationResponse(type: message.type, topic: message.topicARN, confirmed: false)
        }
        let subscribeText = message.subscribeURL ?? ""
        guard let subscribeURL = SNSEndpointURL.allowed(subscribeText, requirePEM: false) else {
            throw APIError.badRequest(
                "SubscribeURL must be an https://sns.<region>.amazonaws.com/ URL, found \(subscribeText)",
                field: "SubscribeURL")
        }
        guard snsAutoConfirm else {
            logger.notice("sns.subscription.pending", metadata: metadata.merging(
                ["subscribe_url": .string(subscribeURL.absoluteString),
                 "action": "visit subscribe_url to confirm, or enable sns_auto_confirm"]) { $1 })
            return SNSConfirmationResponse(type: message.type, topic: message.topicARN, confirmed: false)
        }
        do {
            _ = try await fetcher.fetch(subscribeURL)
        } catch {
            logger.error("sns.subscription.confirm_failed", metadata: metadata.merging(
                ["subscribe_url": .string(subscribeURL.absoluteString), "error": .string("\(error)")]) { $1 })
            throw APIError(status: .badGateway, code: "confirmation_failed",
                           detail: "visiting the SubscribeURL failed: \(error)", field: "SubscribeURL")
        }
        logger.notice("sns.subscription.confirmed", metadata: metadata)
        return SNSConfirmationResponse(type: message.type, topic: message.topicARN, confirmed: true)
    }

    /// The secret from `Authorization: Bearer <secret>`, else from `?token=`; 401 when there is none.
    private static func presentedSecret(_ request: Request) throws -> String {
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else {
                throw APIError.unauthorized(
                    "the Authorization header must be `Bearer <secret>`", field: "Authorization")
            }
            return parts[1].trimmingBlanks()
        }
        if let token = request.uri.queryParameters.get("token"), !token.isEmpty {
            return token
        }
        throw APIError.unauthorized(
            "send the integration's secret as `Authorization: Bearer <secret>` or `?token=<secret>`", field: "token")
    }

    /// JSON (or `+json`) bodies, or no declared type; SNS posts `text/plain`, accepted for `cloudwatch`.
    private static func checkContentType(_ contentType: String?, source: IngestSource) throws {
        guard let contentType else { return }
        // Read by hand: Hummingbird's `MediaType` gives nil for a subtype with a dot (`application/vnd.api+json`).
        let essence = contentType.split(separator: ";", maxSplits: 1).first.map {
            $0.trimmingBlanks().lowercased()
        } ?? ""
        let parts = essence.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let (type, subType) = parts.count == 2 ? (parts[0], parts[1]) : ("", "")
        let isJSON = type == "application" && (subType == "json" || subType.hasSuffix("+json"))
        let isSNSText = source.source == .cloudwatch && type == "text" && subType == "plain"
        guard isJSON || isSNSText else {
            let accepted = source.source == .cloudwatch ? "application/json or text/plain (SNS)" : "application/json"
            throw APIError.unsupportedMediaType(contentType, accepted: accepted)
        }
    }
}
