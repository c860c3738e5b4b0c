/// One figure read out of the `/metrics` text, for tests.
enum MetricsText {
    /// The value of the unlabelled metric `name` in `text`, or nil when it is absent.
    static func value(of name: String, in text: String) -> Double? {
        let prefix = name + " "
        let line = text.split(separator: "\n").first { $0.hasPrefix(prefix) }
        return line.flatMap { Double($0.dropFirst(prefix.count)) }
    }
}
