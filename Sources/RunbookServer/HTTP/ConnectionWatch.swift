import CoreMetrics
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Enforces `ServerLimits`' timeouts on one connection and turns the HTTP codec's bare 400 into a JSON error.
///
/// Two handlers share it: `ByteHandler`, first in the pipeline, sees raw bytes arrive (so a request's first byte
/// starts its header deadline, even when the headers never complete); `PartHandler`, after the codec, sees
/// request and response parts. Both run on the connection's event loop, so the watch needs no lock.
final class ConnectionWatch {
    private var deadlines: ConnectionDeadlines<ContinuousClock.Instant>
    private var timer: Scheduled<Void>?
    private var context: ChannelHandlerContext?
    private let logger: Logger
    private let factory: any MetricsFactory
    /// The codec's last parse error, which names the problem in the 400 written for it.
    var parserError: HTTPParserError?
    /// Set while the codec's 400 is rewritten: the JSON body written before its end.
    var pendingErrorBody: ByteBuffer?

    init(limits: ServerLimits, logger: Logger, factory: any MetricsFactory) {
        deadlines = ConnectionDeadlines(limits: limits)
        self.logger = logger
        self.factory = factory
    }

    func start(_ context: ChannelHandlerContext) {
        guard self.context == nil else { return }
        self.context = context
        perform(deadlines.opened(at: .now))
    }

    func stop() {
        timer?.cancel()
        timer = nil
        context = nil
    }

    func bytesArrived() {
        perform(deadlines.bytesArrived(at: .now))
    }

    func headReceived() {
        perform(deadlines.headReceived(at: .now))
    }

    func bodyEnded() {
        perform(deadlines.bodyEnded())
    }

    func responseEnded() {
        perform(deadlines.responseEnded(at: .now))
    }

    private func perform(_ action: ConnectionDeadlines<ContinuousClock.Instant>.Action) {
        switch action {
        case .none:
            return
        case .cancel:
            timer?.cancel()
            timer = nil
        case .schedule(let deadline):
            timer?.cancel()
            guard let context else { return }
            let delay = deadline - .now
            let nanoseconds = delay.components.seconds * 1_000_000_000 + delay.components.attoseconds / 1_000_000_000
            timer = context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(
                in: .nanoseconds(max(0, nanoseconds))
            ) { [weak self] in
                self?.expired()
            }
        }
    }

    private func expired() {
        timer = nil
        guard let context else { return }
        let phase = deadlines.phase
        guard phase != .responding else { return }
        Counter(label: "runbook_http_connection_timeouts_total", dimensions: [("phase", phase.rawValue)],
                factory: factory).increment()
        logger.info("connection.timed_out", metadata: [
            "connection.phase": .string(phase.rawValue),
            "connection.remote": .string(context.channel.remoteAddress?.description ?? "unknown"),
        ])
        if deadlines.answersTimeout {
            // Written below the codec, which is safe: no response to this request was or is being written.
            let setting = phase == .readingHead ? "http.header_timeout" : "http.body_timeout"
            let detail = "the request's \(phase == .readingHead ? "headers" : "body") did not arrive in time "
                + "(setting \(setting)); the connection is closed"
            context.writeAndFlush(
                NIOAny(Self.rawResponse(status: "408 Request Timeout", code: "request_timeout", detail: detail)),
                promise: nil
            )
        }
        context.close(promise: nil)
    }

    /// The JSON error written in place of the codec's empty 400.
    func codecErrorBody() -> ByteBuffer {
        let detail = Self.describe(parserError)
        return ByteBuffer(bytes: Self.errorJSON(code: "bad_request", detail: detail))
    }

    static func describe(_ error: HTTPParserError?) -> String {
        let problem: String
        switch error {
        case .headerOverflow?: problem = "the request headers are too large (over 80 KiB or 1,000 fields)"
        case .invalidMethod?: problem = "the method is not a valid HTTP method"
        case .invalidURL?, .invalidPath?, .invalidQueryString?, .invalidFragment?, .invalidHost?, .invalidPort?:
            problem = "the request target is not a valid URL path"
        case .invalidVersion?: problem = "the HTTP version is not HTTP/1.0 or HTTP/1.1"
        case .invalidHeaderToken?, .invalidCharactersUsed?: problem = "a header name or value has invalid characters"
        case .invalidContentLength?, .unexpectedContentLength?: problem = "the Content-Length header is not valid"
        case .invalidChunkSize?: problem = "a chunk size of the chunked body is not valid"
        case .lfExpected?, .invalidConstant?, .strictModeAssertion?: problem = "the request is not framed as HTTP/1.1"
        case let other?: problem = "the request is not valid HTTP/1.1 (\(other))"
        case nil: problem = "the request is not valid HTTP/1.1"
        }
        return problem + "; the connection is closed"
    }

    static func errorJSON(code: String, detail: String) -> [UInt8] {
        let body = APIError.Body(error: code, detail: detail, field: nil)
        return Array((try? JSONEncoder().encode(body)) ?? Data(#"{"error":"bad_request"}"#.utf8))
    }

    private static func rawResponse(status: String, code: String, detail: String) -> ByteBuffer {
        let body = errorJSON(code: code, detail: detail)
        var buffer = ByteBuffer(string: "HTTP/1.1 \(status)\r\nContent-Type: application/json; charset=utf-8\r\n"
            + "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n")
        buffer.writeBytes(body)
        return buffer
    }
}

extension ConnectionWatch {
    /// First in the pipeline: reports raw bytes arriving and starts the watch when the connection opens.
    final class ByteHandler: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = ByteBuffer
        let watch: ConnectionWatch

        init(watch: ConnectionWatch) {
            self.watch = watch
        }

        func handlerAdded(context: ChannelHandlerContext) {
            if context.channel.isActive {
                watch.start(context)
            }
        }

        func channelActive(context: ChannelHandlerContext) {
            watch.start(context)
            context.fireChannelActive()
        }

        func channelInactive(context: ChannelHandlerContext) {
            watch.stop()
            context.fireChannelInactive()
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            watch.stop()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            watch.bytesArrived()
            context.fireChannelRead(data)
        }
    }
}
