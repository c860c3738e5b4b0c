import PostgresNIO

/// The rows of one query, read in full before its connection went back to the pool (`PostgresPool.query`).
///
/// An `AsyncSequence` of `PostgresRow`, so that PostgresNIO's `decode((A, B).self)` reads it as it reads a
/// `PostgresRows`.
struct PostgresRows: AsyncSequence, Sendable {
    typealias Element = PostgresRow

    let rows: [PostgresRow]

    func makeAsyncIterator() -> Iterator {
        Iterator(base: rows.makeIterator())
    }

    struct Iterator: AsyncIteratorProtocol {
        var base: IndexingIterator<[PostgresRow]>

        mutating func next() async throws -> PostgresRow? {
            base.next()
        }
    }
}

extension AsyncSequence where Element == PostgresRow {
    /// How many rows came back, reading them all: what a `RETURNING` statement changed.
    func count() async throws -> Int {
        var count = 0
        for try await _ in self {
            count += 1
        }
        return count
    }
}
