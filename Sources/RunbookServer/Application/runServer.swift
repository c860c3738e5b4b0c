import Hummingbird
import Logging
import ServiceLifecycle

/// Runs `application` until SIGTERM or SIGINT, then shuts down gracefully.
///
/// On a signal the server stops accepting connections, lets in-flight requests finish (for at most
/// `shutdown.timeout`, after which they are cancelled), then stops the dependencies' services in reverse order,
/// so that the store closes last.
public func runServer(
    _ application: some ApplicationProtocol, configuration: ServerConfiguration, logger: Logger
) async throws {
    var groupConfiguration = ServiceGroupConfiguration(
        services: [.init(service: application)],
        gracefulShutdownSignals: [.sigterm, .sigint],
        logger: logger
    )
    groupConfiguration.maximumGracefulShutdownDuration = configuration.shutdownTimeout
    try await ServiceGroup(configuration: groupConfiguration).run()
}
