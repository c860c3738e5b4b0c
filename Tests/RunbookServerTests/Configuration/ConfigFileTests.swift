import Testing

@testable import RunbookServer

struct ConfigFileTests {
    /// A config file with one mistake, the key and line it must be reported at, and words the message must hold.
    @Test(arguments: [
        ("log:\n  fromat: json\n", "log.fromat", 2, "did you mean `log.format`?"),
        ("max_body: 2MiB\n", "max_body", 1, "did you mean `http.max_body`?"),
        ("listen: 127.0.0.1:80\nlog_level: debug\n", "log_level", 2, "did you mean `log.level`?"),
        ("retention:\n  age: [1, 2]\n", "retention.age", 2, "expected a duration like 90d"),
        ("log: debug\n", "log", 1, "expected a section with keys log.format, log.level"),
        ("runbooks: {a: b}\n", "runbooks", 1, "got a mapping"),
        ("listen: a\nlisten: b\n", "listen", 2, "set more than once"),
        ("- listen\n", "(file)", 1, "must be a mapping"),
        ("log:\n  level: [debug\n", "(file)", 3, "not valid YAML"),
        ("wholly_unrelated: 1\n", "wholly_unrelated", 1, "unknown key"),
    ])
    func structuralMistakesNameTheKeyAndLine(yaml: String, key: String, line: Int, words: String) {
        let file = ConfigFile(yaml: yaml)
        #expect(file.issues.count == 1)
        let issue = file.issues.first
        #expect(issue?.key == key)
        #expect(issue?.line == line)
        #expect(issue?.description.contains(words) == true, "\(issue?.description ?? "no issue")")
    }

    @Test(arguments: [
        ("retention:\n  age: 90days\n", "retention.age", 2, "`90days` is not valid: expected a duration"),
        ("http:\n  max_body: lots\n", "http.max_body", 2, "expected a size like 1MiB"),
        ("incidents:\n  auto_resolve: maybe\n", "incidents.auto_resolve", 2, "expected true or false"),
        ("listen: 8080\n", "listen", 1, "expected HOST:PORT"),
        ("public_url: ftp://x\n", "public_url", 1, "expected an http(s) URL"),
    ])
    func badValuesNameTheKeyAndLine(yaml: String, key: String, line: Int, words: String) {
        let error = #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(file: ConfigFile(yaml: yaml))
        }
        #expect(error?.issues.count == 1)
        #expect(error?.issues.first?.key == key)
        #expect(error?.issues.first?.line == line)
        #expect(error?.description.contains(words) == true, "\(error?.description ?? "no error")")
    }

    @Test
    func anEmptyFileSetsNothing() throws {
        let file = ConfigFile(yaml: "# nothing configured yet\n")
        #expect(file.issues.isEmpty)
        #expect(file.settings.isEmpty)
    }

    @Test
    func nestedAndDottedKeysAreTheSameSetting() {
        let nested = ConfigFile(yaml: "log:\n  level: debug\n")
        let dotted = ConfigFile(yaml: "log.level: debug\n")
        #expect(nested.settings.map(\.input) == dotted.settings.map(\.input))
        #expect(nested.settings.map(\.key) == ["log.level"])
    }
}
