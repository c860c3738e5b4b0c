import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded
import RunbookServer

/// `IngestBench logline [N] 2>/dev/null`: the request log's middleware alone, N times on one 1-alert ingest request,
/// with the server's JSON handler writing to standard error as `runbook serve` does (send it to `/dev/null`).
///
/// No socket and no store: the request is built once, the context once per request (as the server makes it, with
/// Hummingbird's request id), and the handler behind the middleware answers 202 at once. It prints the CPU time per
/// request. Under callgrind, count the middleware alone:
/// `valgrind --tool=callgrind --collect-atstart=no '--toggle-collect=*RequestLoggingMiddleware*' IngestBench logline
/// 20000 2>/dev/null`.
struct LogLineBench {
    let count: Int

    func run() async throws {
        let channel = EmbeddedChannel()
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 50_112)).get()
        let logger = Logger(label: "runbook") { label in
            RunbookLogHandler(label: label, format: .json, output: .standardError)
        }
        let request = Request(
            head: HTTPRequest(
                method: .post, scheme: "http", authority: "127.0.0.1:8080",
                path: "/api/v1/ingest/alertmanager?source=am",
                headerFields: [.userAgent: "Alertmanager/0.25.0", .contentType: "application/json"]),
            body: RequestBody(buffer: ByteBuffer()))
        let middleware = RequestLoggingMiddleware()
        let started = CPUTime.process()
        for _ in 0..<count {
            let source = ApplicationRequestContextSource(channel: channel, logger: logger)
            let context = RunbookRequestContext(source: source)
            _ = try await middleware.handle(request, context: context) { _, _ in Response(status: .accepted) }
        }
        let seconds = CPUTime.process() - started
        let each = seconds / Double(count) * 1e6
        print(String(format: "%d requests through the request log: %.2f µs of CPU each", count, each))
    }
}
