import Foundation

extension StringProtocol where UTF8View: BidirectionalCollection {
    /// The text without leading and trailing blanks: `trimmingCharacters(in: .whitespaces)`, or
    /// `.whitespacesAndNewlines` with `newlines`.
    ///
    /// Gives the same answer as Foundation's, without its work when the text starts and ends with a visible ASCII
    /// character, as nearly every label, header and secret on the alert path does.
    public func trimmingBlanks(newlines: Bool = false) -> String {
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return String(self)
        }
        return trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
    }
}
