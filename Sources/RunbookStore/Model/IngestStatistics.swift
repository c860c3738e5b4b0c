/// Counters of group commit since the store was opened: how many requests shared how many transactions.
public struct IngestStatistics: Sendable, Hashable, Codable {
    /// Ingest requests that completed, stored or failed.
    public var requests: Int
    /// Write transactions committed for them; fewer than `requests` when requests were batched.
    public var transactions: Int
    /// Requests in the largest batch.
    public var largestBatch: Int

    public init(requests: Int = 0, transactions: Int = 0, largestBatch: Int = 0) {
        self.requests = requests
        self.transactions = transactions
        self.largestBatch = largestBatch
    }
}

extension IngestStatistics {
    /// Counts one written batch of `requests` requests that took `transactions` write transactions.
    mutating func count(batch requests: Int, transactions: Int) {
        self.requests += requests
        self.transactions += transactions
        largestBatch = max(largestBatch, requests)
    }
}
