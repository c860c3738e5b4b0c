import Testing

struct CLIPlaceholderTests {
    @Test func placeholder() {
        #expect(Bool(true))
    }
}
