/// The body of a `202 Accepted` ingestion answer: `{"accepted": 2, "incidents": [14, 15]}`.
///
/// `accepted` counts the alerts taken from the request; `incidents` are the ids of the incidents they went into
/// (`GET /api/v1/incidents/{id}`), without repeats, in the order first touched.
struct IngestResponse: Codable, Sendable, Equatable {
    var accepted: Int
    var incidents: [Int64]

    /// The body as JSON, written directly (the same bytes as `APIResponse.plainEncoder()`): every ingestion request
    /// is answered with one, and the encoder's work was a visible share of a small request's cost.
    var json: String {
        "{\"accepted\":\(accepted),\"incidents\":[" + incidents.map(String.init).joined(separator: ",") + "]}"
    }
}
