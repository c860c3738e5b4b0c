import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import RunbookServer

/// A server without a database registers no store-backed controller: every path of the operators' API answers
/// 503 `store_unavailable`, whatever the method, while the operational endpoints still serve.
struct NoStoreAPITests {
    @Test
    func everyPathOfTheAPIAnswers503() async throws {
        var dependencies = TestServer.dependencies(capture: LogCapture())
        dependencies.store = nil
        let requests: [(HTTPRequest.Method, String)] = [
            (.get, "/api/v1/incidents"), (.post, "/api/v1/incidents/1/acknowledge"), (.post, "/api/v1/alerts/1/retract"),
            (.get, "/api/v1/runbooks"), (.get, "/api/v1/runbooks/search?q=disk"), (.get, "/api/v1/coverage"),
            (.get, "/api/v1/deliveries"), (.post, "/api/v1/silences"), (.delete, "/api/v1/bindings?key=x"),
            (.post, "/-/reload"),
        ]
        try await TestServer.withLiveServer(dependencies: dependencies) { client in
            for (method, uri) in requests {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.status == .serviceUnavailable, "\(method) \(uri)")
                    let body = try JSONDecoder().decode(APIError.Body.self, from: Data(buffer: response.body))
                    #expect(body.error == "store_unavailable", "\(method) \(uri)")
                }
            }
            try await client.execute(uri: "/api/v1/ingest/alertmanager/am", method: .post) { response in
                #expect(response.status == .notFound, "no ingestion without a database")
            }
            try await client.execute(uri: "/__lbheartbeat__", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
