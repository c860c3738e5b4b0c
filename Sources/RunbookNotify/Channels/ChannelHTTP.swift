import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends one JSON request for a channel over the shared client, within the channel's timeout, and classifies
/// the outcome.
struct ChannelHTTP: Sendable {
    /// Most of an answer read back (Slack's JSON, an error excerpt).
    static let answerLimit = 64 * 1024
    /// Longest excerpt of an error answer kept in the attempt record.
    static let excerptLength = 200

    let client: HTTPClient
    let timeout: TimeInterval

    /// The status, headers and body of a 2xx answer, or the classified failure.
    func post(
        _ url: URL, body: Data, idempotencyKey: String, headers extra: [(String, String)] = []
    ) async -> Result<ChannelAnswer, DeliveryFailure> {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "User-Agent", value: "Runbook")
        request.headers.add(name: "Idempotency-Key", value: idempotencyKey)
        for (name, value) in extra {
            request.headers.replaceOrAdd(name: name, value: value)
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
            let buffer = try await response.body.collect(upTo: Self.answerLimit)
            let answer = ChannelAnswer(
                status: Int(response.status.code), headers: response.headers, body: Data(buffer.readableBytesView)
            )
            guard (200..<300).contains(answer.status) else {
                let retryAfter = response.headers.first(name: "Retry-After").flatMap(RetryAfter.init(headerValue:))
                return .failure(.status(answer.status, retryAfter: retryAfter, detail: answer.excerpt))
            }
            return .success(answer)
        } catch {
            return .failure(Self.classify(error, timeout: timeout))
        }
    }

    /// A thrown error as a failure: timeouts and everything else (connection trouble) are retried.
    static func classify(_ error: any Error, timeout: TimeInterval) -> DeliveryFailure {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                return .timeout(after: timeout)
            default:
                return .connection(String(describing: error))
            }
        }
        if error is CancellationError {
            return .connection("request cancelled")
        }
        return .connection(String(describing: type(of: error)) + ": " + String(String(describing: error).prefix(200)))
    }
}

/// A receiver's answer.
struct ChannelAnswer: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: Data

    /// The start of the body, one line, for an error message.
    var excerpt: String {
        String(String(decoding: body, as: UTF8.self).prefix(ChannelHTTP.excerptLength))
            .replacingOccurrences(of: "\n", with: " ")
            .trimmingCharacters(in: .whitespaces)
    }
}
