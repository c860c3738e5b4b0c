import Foundation

/// Remembers recent results of a pure function of short texts, for the alert path: a storm repeats alert names,
/// keys and service labels, and working them out again for every alert was most of the cost of a repeated field.
///
/// Texts are told apart by their UTF-8 bytes, not by `String` equality, which takes canonically equivalent texts
/// (`é` and `e` + U+0301) for one: the functions remembered here (boiling, tokenizing) work on bytes and may answer
/// differently for each. Bounded: texts longer than `maximumLength` bytes are worked out every time, and the memo
/// starts afresh once it holds `capacity` texts.
///
/// ```swift
/// let memo = TextMemo<String>(maximumLength: 512)
/// memo.value(for: title) { AlertKey.boil($0) }
/// ```
final class TextMemo<Value>: @unchecked Sendable {
    /// A text compared and hashed by its bytes.
    private struct Key: Hashable {
        var text: String

        static func == (lhs: Key, rhs: Key) -> Bool {
            var left = lhs.text
            var right = rhs.text
            return left.withUTF8 { left in
                right.withUTF8 { right in
                    guard left.count == right.count else { return false }
                    guard let first = left.baseAddress, let second = right.baseAddress else { return true }
                    return memcmp(first, second, left.count) == 0
                }
            }
        }

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    let capacity: Int
    let maximumLength: Int
    private let lock = NSLock()
    private var results: [Key: Value] = [:]

    init(capacity: Int = 4_096, maximumLength: Int) {
        self.capacity = capacity
        self.maximumLength = maximumLength
    }

    /// `compute(text)`, from the memo when it was asked recently.
    func value(for text: String, _ compute: (String) -> Value) -> Value {
        guard text.utf8.count <= maximumLength else { return compute(text) }
        let key = Key(text: text)
        if let known = lock.withLock({ results[key] }) { return known }
        let value = compute(text)
        lock.withLock {
            if results.count >= capacity {
                results.removeAll(keepingCapacity: true)
            }
            results[key] = value
        }
        return value
    }
}
