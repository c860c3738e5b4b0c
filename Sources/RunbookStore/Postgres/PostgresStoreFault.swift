/// Something the PostgreSQL store found wrong with the database itself (a row it cannot read): a server fault.
struct PostgresStoreFault: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
