/// What `StoreMigration` moved: rows per table in the source and, after the copy, in the target.
public struct StoreMigrationReport: Codable, Sendable, Equatable {
    /// One table's counts.
    public struct Table: Codable, Sendable, Equatable {
        public var name: String
        public var source: Int
        public var target: Int
    }

    /// Every table moved, in the order they were copied.
    public var tables: [Table]
    /// Where the rows went, its password left out.
    public var target: String

    /// Every row of the source copied.
    public var rows: Int {
        tables.reduce(0) { $0 + $1.source }
    }
}
