import Foundation
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

    /// The silence ended at `at` by `actor`; one not yet started ends before it starts to hold anything, and one
    /// already over is `StoreError.conflict`.
    func expired(by actor: String, at: Date) throws -> Silence {
        guard endsAt > at else {
            throw StoreError.conflict("silence \(id.map(String.init) ?? "?") is already over")
        }
        var ended = self
        ended.startsAt = min(startsAt, at)
        ended.endsAt = at
        ended.expiredBy = actor
        return ended
    }
}
