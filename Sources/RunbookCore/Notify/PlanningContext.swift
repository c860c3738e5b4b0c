import Foundation

/// What a planner may ask the store while it plans, inside the store's transaction.
public struct PlanningContext {
    /// Silences in force at the change's time.
    public var silences: [Silence]
    /// Channels that already have a triggered or repeated delivery (pending, sent or dead) for the incident;
    /// acknowledge and resolve messages go to these.
    public var notifiedChannels: Set<String>
    /// How many triggered deliveries (sent alone or held for a digest) a route has had since a time, counting
    /// an incident once however many of the route's channels it went to: storm control counts new incidents.
    public var triggeredCount: (_ route: String, _ since: Date) -> Int

    public init(
        silences: [Silence], notifiedChannels: Set<String>, triggeredCount: @escaping (String, Date) -> Int
    ) {
        self.silences = silences
        self.notifiedChannels = notifiedChannels
        self.triggeredCount = triggeredCount
    }
}
