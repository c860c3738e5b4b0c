import RunbookStore
import Testing

struct PostgresLocationTests {
    @Test
    func aFullURLIsRead() throws {
        let location = try PostgresLocation(
            url: "postgres://run%40book:s%3Acret@db.internal:6432/oncall?sslmode=require&schema=runbook")
        #expect(location.username == "run@book")
        #expect(location.password == "s:cret")
        #expect(location.host == "db.internal")
        #expect(location.port == 6432)
        #expect(location.database == "oncall")
        #expect(location.tls == .require)
        #expect(location.schema == "runbook")
    }

    @Test
    func defaultsArePort5432AndTLSWhenOffered() throws {
        let location = try PostgresLocation(url: "postgresql://runbook@127.0.0.1/runbook")
        #expect(location.port == 5432)
        #expect(location.tls == .prefer)
        #expect(location.password == nil)
        #expect(location.schema == nil)
    }

    @Test
    func theDescriptionNeverShowsThePassword() throws {
        let location = try PostgresLocation(url: "postgres://runbook:hunter2@db:5432/runbook?sslmode=disable")
        #expect(location.description == "postgres://runbook:[OMITTED]@db:5432/runbook?sslmode=disable")
    }

    @Test(arguments: [
        ("mysql://runbook@db/runbook", "must look like postgres://"),
        ("postgres://db:5432/runbook", "names no user"),
        ("postgres://runbook@db:5432", "must end in /DATABASE"),
        ("postgres://runbook@db/runbook?sslmode=allways", "sslmode must be one of disable, prefer, require"),
        ("postgres://runbook@db/runbook?schema=Run-Book", "schema must be a plain name"),
        ("postgres://runbook@db/runbook?pool=3", "unknown parameter pool"),
    ])
    func aBadURLSaysWhatIsWrong(url: String, message: String) {
        #expect {
            try PostgresLocation(url: url)
        } throws: { error in
            (error as? StoreError).map { $0.isInvalid && $0.message.contains(message) } ?? false
        }
    }

    @Test
    func aBadURLsMessageHidesItsPassword() {
        #expect {
            try PostgresLocation(url: "mysql://runbook:hunter2@db/runbook")
        } throws: { error in
            "\(error)".contains("[OMITTED]") && !"\(error)".contains("hunter2")
        }
    }
}
