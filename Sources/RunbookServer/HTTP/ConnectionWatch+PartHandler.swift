import Hummingbird
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

extension ConnectionWatch {
    /// After the codec: reports request and response parts, and writes a JSON body into the codec's 400.
    ///
    /// Hummingbird answers a request the codec cannot parse with `400`, `Content-Length: 0` and
    /// `Connection: close`, and no body. That head is recognised here (a route's 400 always has a JSON body) and
    /// rewritten to carry `{"error": "bad_request", "detail": ...}` naming the parse error.
    final class PartHandler: ChannelDuplexHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPRequestPart
        typealias InboundOut = HTTPRequestPart
        typealias OutboundIn = HTTPResponsePart
        typealias OutboundOut = HTTPResponsePart
        let watch: ConnectionWatch

        init(watch: ConnectionWatch) {
            self.watch = watch
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head: watch.headReceived()
            case .end: watch.bodyEnded()
            case .body: break
            }
            context.fireChannelRead(data)
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            if let error = error as? HTTPParserError {
                watch.parserError = error
            }
            context.fireErrorCaught(error)
        }

        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            switch unwrapOutboundIn(data) {
            case .head(var head) where Self.isCodecError(head):
                let body = watch.codecErrorBody()
                head.headerFields[.contentType] = "application/json; charset=utf-8"
                head.headerFields[.contentLength] = String(body.readableBytes)
                watch.pendingErrorBody = body
                context.write(wrapOutboundOut(.head(head)), promise: promise)
            case .end:
                if let body = watch.pendingErrorBody {
                    watch.pendingErrorBody = nil
                    context.write(wrapOutboundOut(.body(body)), promise: nil)
                }
                watch.responseEnded()
                context.write(data, promise: promise)
            default:
                context.write(data, promise: promise)
            }
        }

        private static func isCodecError(_ head: HTTPResponse) -> Bool {
            head.status == .badRequest && head.headerFields[.contentLength] == "0"
                && head.headerFields[.contentType] == nil && head.headerFields[.connection] == "close"
        }
    }
}
