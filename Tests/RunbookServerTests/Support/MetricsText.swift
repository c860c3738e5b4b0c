/// One figure read out of the `/metrics` text, for tests.
enum MetricsText {
    /// The value of the unlabelled metric `name` in `text`, or nil when it is absent.
    static func value(of name: String, in text: String) -> Double? {
        let prefix = name + " "
        let line = text.split(separator: "\n").first { $0.hasPrefix(prefix) }
        return line.flatMap { Double($0.dropFirst(prefix.count)) }
    }

    /// The text of `/metrics`, read with `scrape` until the unlabelled metric `name` shows `expected`, or the last
    /// read after 20 s of scrapes: a scrape waits at most a second for a count taken at scrape time, and a busy
    /// machine can take longer to count.
    static func scrape(
        until name: String, is expected: Double, _ scrape: () async throws -> String
    ) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(20)
        var text: String
        repeat {
            text = try await scrape()
        } while value(of: name, in: text) != expected && ContinuousClock.now < deadline
        return text
    }
}
