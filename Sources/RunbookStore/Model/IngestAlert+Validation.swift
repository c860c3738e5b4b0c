import RunbookCore

extension IngestAlert {
    /// Checks what every store requires of an alert before writing it: a dedup key, and the request's source.
    ///
    /// `index` is the alert's place in its request, so that the client's error says which alert was wrong.
    func validate(index: Int, source: AlertSource) throws {
        guard !alert.dedupKey.isEmpty else {
            throw StoreError.invalid("alert \(index) has an empty dedup key")
        }
        guard alert.source == source else {
            throw StoreError.invalid("alert \(index) is from \(alert.source.rawValue), not \(source.rawValue)")
        }
    }
}
