/// Remembers recent results of `AlertKey.boil` for the alert path (keys and match queries): an alert storm boils the
/// same names, service labels and titles again and again, and boiling (Unicode-aware splitting, variable-token
/// checks) was the largest single cost of ingesting an alert.
///
/// Exact, since `boil` is a pure function of its text's bytes (see `TextMemo`). Bounded: texts longer than
/// `maximumLength` bytes are boiled every time, and the memo starts afresh once it holds `capacity` texts. The index
/// builder does not use it: headings are boiled once each.
final class BoilMemo: Sendable {
    /// The one memo of the process.
    static let shared = BoilMemo()
    static let capacity = 4_096
    static let maximumLength = 512

    private let memo = TextMemo<String>(capacity: capacity, maximumLength: maximumLength)

    /// `AlertKey.boil(text)`, from the memo when it was asked recently.
    func boiled(_ text: String) -> String {
        memo.value(for: text, AlertKey.boil)
    }
}
