import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import Yams

@testable import RunbookServer

struct OpenAPISpecTests {
    static let specURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("openapi.yaml")

    /// `METHOD /path/{param}` for every operation of the spec.
    static func specOperations() throws -> Set<String> {
        let text = try String(contentsOf: specURL, encoding: .utf8)
        let spec = try #require(try Yams.load(yaml: text) as? [String: Any])
        #expect(spec["openapi"] as? String == "3.1.0")
        let paths = try #require(spec["paths"] as? [String: [String: Any]])
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]
        return Set(paths.flatMap { path, item in
            item.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" }
        })
    }

    @Test
    func theServedRoutesAreExactlyTheSpecsOperations() async throws {
        let harness = try await APIHarness.make()
        let router = buildRouter(configuration: TestServer.configuration(), dependencies: harness.dependencies())
        // The web console's HTML pages are not part of the JSON API the spec describes (docs/CONSOLE.md).
        let routes = router.routes.map { (method: $0.method, path: $0.path.description) }
            .filter { !Console.isConsolePath($0.path) }
        let app = Application(router: router, logger: Logger(label: "spec-test") { _ in SwiftLogNoOpLogHandler() })
        // Every path also answers the methods it does not serve with 405 (Router+MethodNotAllowed): those
        // routes are registered too, and are told apart by asking them.
        let served = try await app.test(.router) { client in
            var served: Set<String> = []
            for route in routes {
                let uri = route.path.replacingOccurrences(of: #"\{[^}/]+\}"#, with: "1", options: .regularExpression)
                let status = try await client.execute(uri: uri, method: route.method) { $0.status }
                if status != .methodNotAllowed { served.insert("\(route.method.rawValue) \(route.path)") }
            }
            return served
        }
        try await harness.close()
        let documented = try Self.specOperations()
        #expect(served.count > 15)
        #expect(served.subtracting(documented).sorted() == [], "served but not in openapi.yaml")
        #expect(documented.subtracting(served).sorted() == [], "in openapi.yaml but not served")
    }

    @Test
    func everyReferenceInTheSpecResolves() throws {
        let text = try String(contentsOf: Self.specURL, encoding: .utf8)
        let spec = try #require(try Yams.load(yaml: text) as? [String: Any])
        let components = try #require(spec["components"] as? [String: [String: Any]])
        let references = text.matches(of: /\$ref: "#\/components\/(\w+)\/(\w+)"/).map { (String($0.1), String($0.2)) }
        #expect(references.count > 50)
        for (kind, name) in references {
            #expect(components[kind]?[name] != nil, "unresolved #/components/\(kind)/\(name)")
        }
    }
}
