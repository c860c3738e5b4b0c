/// What a receiver gave back for a message it took.
public struct DeliveryReceipt: Sendable, Hashable {
    public var status: Int
    /// What later messages about the same incident thread on (a Slack message `ts`).
    public var reference: String?

    /// A receipt for an answer with `status`, threading on `reference` when given.
    public init(status: Int, reference: String? = nil) {
        self.status = status
        self.reference = reference
    }
}
