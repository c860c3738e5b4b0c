import NIOConcurrencyHelpers
import RunbookCore

/// The limits read afresh by every request, swapped whole when the configuration is reloaded: `limits.*` and
/// `coverage_threshold`.
///
/// A request in progress keeps the values it read; the next one reads the new ones.
///
/// ```swift
/// let limits = RequestLimits(configuration)
/// limits.replace(with: reloaded)
/// ```
public final class RequestLimits: Sendable {
    /// The values in force together.
    public struct Values: Sendable, Equatable {
        /// How much one ingest request may carry (`limits.alerts_per_request`, `limits.*_bytes`…).
        public var alerts: AlertLimits
        /// The most `label.*` filters one incidents query may give (`limits.filters_per_query`).
        public var filtersPerQuery: Int
        /// The longest silence granted (`limits.silence_length`).
        public var silenceLength: Duration
        /// The score below which the coverage report counts a key as uncovered (`coverage_threshold`).
        public var coverageThreshold: Double

        /// The values `configuration` sets.
        public init(_ configuration: ServerConfiguration) {
            alerts = configuration.alertLimits
            filtersPerQuery = configuration.maxQueryFilters
            silenceLength = configuration.maxSilenceLength
            coverageThreshold = configuration.coverageThreshold
        }
    }

    private let current: NIOLockedValueBox<Values>

    /// The limits `configuration` sets.
    public init(_ configuration: ServerConfiguration) {
        current = NIOLockedValueBox(Values(configuration))
    }

    /// The values in force.
    public var values: Values {
        current.withLockedValue { $0 }
    }

    /// Puts the limits `configuration` sets in force for every request from now on.
    public func replace(with configuration: ServerConfiguration) {
        current.withLockedValue { $0 = Values(configuration) }
    }
}
