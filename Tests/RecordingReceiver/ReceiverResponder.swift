import Foundation
import Hummingbird
import NIOConcurrencyHelpers
import NIOCore

/// Records each request into the shared state and answers as the state says.
struct ReceiverResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let state: NIOLockedValueBox<ReceiverState>

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 << 20)
        let recorded = RecordedRequest(
            method: request.method.rawValue,
            path: request.uri.path,
            query: request.uri.query,
            headers: request.headers.map { RecordedRequest.Header(name: $0.name.rawName, value: $0.value) },
            body: Data(buffer: body),
            receivedAt: Date()
        )
        var answer = state.withLockedValue { $0.arrive(recorded) }
        defer { state.withLockedValue { $0.leave(path: recorded.path) } }
        if answer == .hang {
            answer = await hang()
            if answer == .hang {
                answer = .ok
            }
        }
        return response(for: answer)
    }

    /// Waits until released, registering under the lock so a release or stop cannot slip in between.
    private func hang() async -> ReceiverResponse {
        await withCheckedContinuation { continuation in
            let stopped = state.withLockedValue { state -> Bool in
                if state.stopped { return true }
                state.hanging[state.nextHangingID] = continuation
                state.nextHangingID += 1
                return false
            }
            if stopped {
                continuation.resume(returning: .ok)
            }
        }
    }

    private func response(for answer: ReceiverResponse) -> Response {
        switch answer {
        case .status(let code):
            return Response(status: HTTPResponse.Status(code: code))
        case .body(let code, let contentType, let text):
            return Response(
                status: HTTPResponse.Status(code: code),
                headers: [.contentType: contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(string: text))
            )
        case .hang:
            return Response(status: .ok)
        case .tooManyRequests(let retryAfter):
            return Response(status: .tooManyRequests, headers: [.retryAfter: retryAfter])
        case .slackOK:
            let ts = state.withLockedValue { $0.nextSlackTimestamp() }
            return json(#"{"ok":true,"channel":"C0RECEIVER","ts":"\#(ts)"}"#)
        case .slackError(let error):
            return json(#"{"ok":false,"error":"\#(error)"}"#)
        }
    }

    private func json(_ text: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }
}
