import RunbookCore

/// How a store behaves, whatever its engine.
public struct StoreConfiguration: Sendable {
    /// Auto-resolve, reopen window and match threshold for incidents.
    public var policy: IncidentPolicy
    /// Most ingest requests committed in one transaction.
    public var maxBatchSize: Int
    /// Most ingest requests waiting for the writer; more are refused with `StoreUnavailable.overloaded`.
    public var maxQueuedWrites: Int
    /// Makes the secrets of integrations and API tokens.
    public var secrets: SecretGenerator
    /// Decides the deliveries of each incident change; nil writes none (notifications off).
    public var planner: (any DeliveryPlanning)?
    /// Longest time an integration read for authentication is reused before it is read again: the bound on how
    /// long a change made by another process (the admin CLI rotating or removing it) takes to apply. Bindings read
    /// for matching are kept as long.
    public var integrationCacheLifetime: Duration
    /// SQLite: the free space on the database's disk under which `/__heartbeat__`'s database check reports the disk
    /// full, though small writes may still fit in space the database already holds.
    public var minimumFreeDisk: Int64

    public init(
        policy: IncidentPolicy = IncidentPolicy(), maxBatchSize: Int = 256, secrets: SecretGenerator = SecretGenerator(),
        planner: (any DeliveryPlanning)? = nil, integrationCacheLifetime: Duration = .seconds(1),
        maxQueuedWrites: Int = 2_048, minimumFreeDisk: Int64 = 1 << 20
    ) {
        self.maxQueuedWrites = maxQueuedWrites
        self.minimumFreeDisk = minimumFreeDisk
        self.policy = policy
        self.maxBatchSize = maxBatchSize
        self.secrets = secrets
        self.planner = planner
        self.integrationCacheLifetime = integrationCacheLifetime
    }
}
