import AsyncHTTPClient
import Foundation
import NIOCore
import RecordingReceiver
import Testing

struct RecordingReceiverTests {
    private func post(
        _ receiver: RecordingReceiver, _ path: String, body: String = "{}", timeout: TimeAmount = .seconds(10)
    ) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: receiver.url(path).absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Idempotency-Key", value: "key-1")
        request.body = .bytes(ByteBuffer(string: body))
        return try await HTTPClient.shared.execute(request, timeout: timeout)
    }

    private func status(_ receiver: RecordingReceiver, _ path: String) async throws -> UInt {
        try await post(receiver, path).status.code
    }

    private func text(_ response: HTTPClientResponse) async throws -> String {
        String(buffer: try await response.body.collect(upTo: 1 << 20))
    }

    @Test func recordsMethodPathHeadersAndBody() async throws {
        try await withRecordingReceiver { receiver in
            let response = try await post(receiver, "/hooks/a?x=1", body: #"{"hello":"world"}"#)
            #expect(response.status.code == 200)
            let recorded = try #require(try await receiver.waitForRequests(count: 1).first)
            #expect(recorded.method == "POST")
            #expect(recorded.path == "/hooks/a")
            #expect(recorded.query == "x=1")
            #expect(recorded.header("idempotency-key") == "key-1")
            #expect(recorded.jsonObject()?["hello"] as? String == "world")
        }
    }

    @Test func pathAnswerWinsOverTheGlobalOneAndOneShotsComeFirst() async throws {
        try await withRecordingReceiver { receiver async throws in
            receiver.respond(.status(500))
            receiver.respond(.status(404), path: "/missing")
            receiver.respondOnce([.status(503), .status(502)], path: "/flaky")
            receiver.respond(.ok, path: "/flaky")
            #expect(try await status(receiver, "/other") == 500)
            #expect(try await status(receiver, "/missing") == 404)
            #expect(try await status(receiver, "/flaky") == 503)
            #expect(try await status(receiver, "/flaky") == 502)
            #expect(try await status(receiver, "/flaky") == 200)
            receiver.comeBack()
            #expect(try await status(receiver, "/other") == 200)
            #expect(try await status(receiver, "/missing") == 200)
        }
    }

    @Test func throttlesWithRetryAfter() async throws {
        try await withRecordingReceiver { receiver in
            receiver.respond(.tooManyRequests(retryAfter: "7"), path: "/slow")
            let response = try await post(receiver, "/slow")
            #expect(response.status.code == 429)
            #expect(response.headers.first(name: "Retry-After") == "7")
        }
    }

    @Test func answersLikeSlackWithANewTimestampEachTime() async throws {
        try await withRecordingReceiver { receiver in
            receiver.respond(.slackOK, path: "/api/chat.postMessage")
            let first = try await text(try await post(receiver, "/api/chat.postMessage"))
            let second = try await text(try await post(receiver, "/api/chat.postMessage"))
            #expect(first.contains(#""ok":true"#))
            #expect(first.contains(#""ts":"1700000000.000001""#))
            #expect(second.contains(#""ts":"1700000000.000002""#))
            receiver.respond(.slackError("channel_not_found"), path: "/api/chat.postMessage")
            let failed = try await text(try await post(receiver, "/api/chat.postMessage"))
            #expect(failed == #"{"ok":false,"error":"channel_not_found"}"#)
        }
    }

    @Test func hangsUntilReleasedAndCountsRequestsInFlight() async throws {
        try await withRecordingReceiver { receiver in
            receiver.respond(.hang, path: "/stuck")
            async let first = post(receiver, "/stuck")
            async let second = post(receiver, "/stuck")
            try await receiver.waitUntil { $0.hangingCount == 2 }
            #expect(receiver.maxInFlight(path: "/stuck") == 2)
            #expect(receiver.release(with: .status(201)) == 2)
            #expect(try await first.status.code == 201)
            #expect(try await second.status.code == 201)
        }
    }

    @Test func aHangingRequestTimesOutAtTheClient() async throws {
        try await withRecordingReceiver { receiver in
            receiver.respond(.hang)
            let stuck = Task { try await post(receiver, "/stuck", timeout: .milliseconds(500)) }
            try await receiver.waitUntil { $0.hangingCount == 1 }
            await #expect(throws: HTTPClientError.self) {
                _ = try await stuck.value
            }
            #expect(receiver.requests(path: "/stuck").count == 1)
        }
    }

    @Test func waitingForMoreThanArrivedTimesOut() async throws {
        try await withRecordingReceiver { receiver in
            _ = try await post(receiver, "/one")
            await #expect(throws: ReceiverError.self) {
                try await receiver.waitForRequests(count: 2, timeout: .milliseconds(50))
            }
        }
    }
}
