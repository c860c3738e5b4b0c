import Testing

@testable import RunbookServer

struct ConfigValueTests {
    @Test(arguments: [
        ("90d", Duration.seconds(90 * 86_400)), ("1h", .seconds(3_600)), ("30s", .seconds(30)),
        ("1h30m", .seconds(5_400)), ("250ms", .milliseconds(250)), ("2w", .seconds(14 * 86_400)),
        ("0", .zero), ("1.5s", .milliseconds(1_500)),
    ])
    func durationsParseFromTheirShortSpelling(text: String, expected: Duration) {
        #expect(ConfigDuration.parse(text) == expected)
    }

    @Test(arguments: ["", "90", "90days", "h", "1x", "-1h", "1h 30"])
    func malformedDurationsAreRefused(text: String) {
        #expect(ConfigDuration.parse(text) == nil)
    }

    @Test(arguments: ["90d", "1h30m", "30s", "250ms", "0", "1d1s"])
    func durationsFormatBackToTheSameSpelling(text: String) {
        #expect(ConfigDuration.format(ConfigDuration.parse(text)!) == text)
    }

    @Test(arguments: [
        ("1MiB", 1 << 20), ("512KiB", 512 << 10), ("2MB", 2_000_000), ("1048576", 1 << 20), ("1 GiB", 1 << 30),
        ("10b", 10),
    ])
    func sizesParseWithDecimalAndBinaryUnits(text: String, expected: Int) {
        #expect(ByteSize.parse(text) == expected)
    }

    @Test(arguments: ["", "MiB", "1.5MiB", "1XB", "-1"])
    func malformedSizesAreRefused(text: String) {
        #expect(ByteSize.parse(text) == nil)
    }

    @Test(arguments: [
        ("127.0.0.1:8080", "127.0.0.1", 8080), ("[::1]:9090", "::1", 9090), (":80", "0.0.0.0", 80),
        ("localhost:0", "localhost", 0),
    ])
    func listenAddressesParse(text: String, host: String, port: Int) {
        let address = ListenAddress(parsing: text)
        #expect(address == ListenAddress(host: host, port: port))
        #expect(address.map { ListenAddress(parsing: $0.description) } == address)
    }

    @Test(arguments: ["8080", "host:", "host:99999", "::1:80", "[::1]80"])
    func malformedListenAddressesAreRefused(text: String) {
        #expect(ListenAddress(parsing: text) == nil)
    }
}
