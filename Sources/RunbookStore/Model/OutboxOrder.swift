/// The outbox's ordering rule as SQL, the same text on every engine: which due deliveries wait for others.
///
/// A delivery waits while an earlier one for the same incident and channel is pending, so a channel hears of an
/// incident's trigger, acknowledgement and resolution in order; and while an earlier one of them is held for a digest
/// still pending, so a resolution never overtakes the digest that announces the incident. A digest itself never
/// waits for its held deliveries.
enum OutboxOrder {
    /// A condition on the candidate delivery `d` (a row of `deliveries`): true when nothing holds it back.
    static let notHeldBack = """
        NOT EXISTS (
            SELECT 1 FROM deliveries AS earlier
            WHERE earlier.incidentID = d.incidentID AND earlier.channel = d.channel
                AND earlier.state = 'pending' AND earlier.id < d.id)
        AND (d.kind = 'digest' OR NOT EXISTS (
            SELECT 1 FROM deliveries AS held JOIN deliveries AS digest
                ON digest.kind = 'digest' AND digest.route = held.route AND digest.channel = held.channel
                AND digest.digestAt = held.digestAt AND digest.state = 'pending'
            WHERE held.incidentID = d.incidentID AND held.channel = d.channel AND held.state = 'held'
                AND held.id < d.id))
        """
}
