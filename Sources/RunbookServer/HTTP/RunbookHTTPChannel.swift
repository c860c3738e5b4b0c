import CoreMetrics
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1.1 child channel with `ServerLimits`' timeouts and JSON codec errors added.
///
/// Hummingbird's own `idleTimeout` only closes a connection that has sent nothing for a while, so a client that
/// drips one header byte a second, or stalls a body, is held for ever; `ConnectionWatch` bounds each phase.
struct RunbookHTTPChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let inner: HTTP1Channel
    let limits: ServerLimits
    let logger: Logger
    let factory: any MetricsFactory

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let watch = ConnectionWatch(limits: limits, logger: self.logger, factory: factory)
            let operations = channel.pipeline.syncOperations
            let state = try operations.handler(type: HTTPConnectionStateHandler.self)
            try operations.addHandler(ConnectionWatch.PartHandler(watch: watch), position: .before(state))
            try operations.addHandler(ConnectionWatch.ByteHandler(watch: watch), position: .first)
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }

    /// The server builder `buildApplication` passes to Hummingbird.
    static func builder(limits: ServerLimits, logger: Logger, factory: any MetricsFactory) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            RunbookHTTPChannel(
                inner: HTTP1Channel(responder: responder), limits: limits, logger: logger, factory: factory
            )
        }
    }
}
