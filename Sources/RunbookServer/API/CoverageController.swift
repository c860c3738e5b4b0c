import Foundation
import Hummingbird
import RunbookCore
import RunbookStore

/// `GET /api/v1/coverage`: alert keys that fired without a confident entry, each with a Markdown stub to start
/// the missing entry from (viewer).
///
/// `threshold` (default: the setting `coverage_threshold`, the match threshold unless set) is the score below which
/// a match does not count; `limit` caps the number of keys, most frequent first.
struct CoverageController: Sendable {
    let store: any Store
    let authenticator: OperatorAuthenticator
    /// `coverage_threshold`, read per request.
    let limits: RequestLimits

    /// The report.
    struct Report: Codable, Sendable {
        var threshold: Double
        /// Most frequent first.
        var keys: [Item]
    }

    /// One alert key without a confident entry.
    struct Item: Codable, Sendable {
        var key: String
        var source: AlertSource
        var count: Int
        var alerts: Int
        var firstSeen: Date
        var lastSeen: Date
        var candidates: [Match]
        /// Markdown to paste into the library: a heading named after the key, Diagnosis and Mitigation parts.
        var stub: String
    }

    func addRoutes(to router: Router<RunbookRequestContext>) {
        router.group("api/v1/coverage").requiring(.viewer, authenticator).get { request, _ in try await report(request) }
    }

    private func report(_ request: Request) async throws -> Response {
        let parameters = QueryParameters(request)
        let threshold = try parameters.double("threshold", in: 0...1) ?? limits.values.coverageThreshold
        let limit = try parameters.int("limit", in: 1...1000) ?? 100
        let items = try await APIError.mapping { try await store.coverage(threshold: threshold, limit: limit) }
        return try APIResponse.json(Report(threshold: threshold, keys: items.map { item in
            Item(
                key: item.key, source: item.source, count: item.count, alerts: item.alerts,
                firstSeen: item.firstSeen, lastSeen: item.lastSeen, candidates: item.candidates,
                stub: CoverageStub.markdown(for: item)
            )
        }))
    }
}
