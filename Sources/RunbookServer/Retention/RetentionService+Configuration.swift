import Logging
import RunbookStore
import ServiceLifecycle

extension RetentionService where C == ContinuousClock {
    /// The retention job the configuration asks for: none without a store or with a zero interval.
    ///
    /// ```swift
    /// services: dependencies.services + RetentionService.scheduled(configuration: configuration,
    ///                                                              store: dependencies.store, logger: logger)
    /// ```
    public static func scheduled(
        configuration: ServerConfiguration, store: (any Store)?, logger: Logger
    ) -> [any Service] {
        guard let store, configuration.retentionInterval > .zero, configuration.retentionAge > .zero else {
            return []
        }
        return [RetentionService(
            store: store, age: configuration.retentionAge, interval: configuration.retentionInterval, logger: logger
        )]
    }
}
