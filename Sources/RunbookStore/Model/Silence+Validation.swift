import RunbookCore

extension Silence {
    /// Checks what every store requires of a new silence: at least one matcher, and a window that ends after it
    /// starts.
    func validate() throws {
        guard !matchers.isEmpty else {
            throw StoreError.invalid("a silence needs at least one matcher")
        }
        guard startsAt < endsAt else {
            throw StoreError.invalid("a silence must end after it starts")
        }
    }
}
