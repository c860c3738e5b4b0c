import Foundation

/// Collects an alert's text from many strings: drops blanks and repeats, and stops at a size limit.
struct AlertText {
    /// Most characters kept in an alert's text; the rest of a huge payload is not needed to match it.
    static let limit = 16_384
    /// Deepest nesting walked when collecting every string of a payload.
    static let depthLimit = 16

    /// How many texts are remembered in a list, looked up one by one, before the rest go in a set: most alerts
    /// have a few.
    private static let listed = 8

    private var parts: [String] = []
    private var seenList: [String] = []
    private var seenSet: Set<String> = []
    private var length = 0

    var text: String {
        parts.count == 1 ? parts[0] : parts.joined(separator: "\n")
    }

    var isFull: Bool {
        length >= Self.limit
    }

    mutating func add(_ candidate: String?) {
        guard let candidate, !isFull else { return }
        // No more bytes than the cut means no more characters: a short text is its own prefix.
        let trimmed = candidate.utf8.count <= Self.limit + 64
            ? candidate.trimmingBlanks(newlines: true)
            : candidate.prefix(Self.limit + 64).trimmingBlanks(newlines: true)
        guard !trimmed.isEmpty, !seenList.contains(trimmed), !seenSet.contains(trimmed) else { return }
        let room = Self.limit - length
        // No more bytes than the room means no more characters: most texts skip counting them.
        let kept = trimmed.utf8.count > room && trimmed.count > room ? String(trimmed.prefix(room)) : trimmed
        if seenList.count < Self.listed {
            seenList.append(trimmed)
        } else {
            seenSet.insert(trimmed)
        }
        parts.append(kept)
        length += Self.characterCount(kept) + 1
    }

    /// `text.count`; counted on bytes for ASCII without a carriage return, where a character is a byte (only
    /// `\r\n` makes one character of two ASCII bytes).
    private static func characterCount(_ text: String) -> Int {
        let ascii = text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 && $0 != 0x0D } }
        return ascii == true ? text.utf8.count : text.count
    }

    /// Adds every string found anywhere in `value`, in document order, skipping keys in `skipping`.
    mutating func addStrings(in value: JSONValue, skipping: Set<String> = [], depth: Int = 0) {
        guard depth <= Self.depthLimit, !isFull else { return }
        switch value {
        case .string(let text):
            add(text)
        case .array(let elements):
            for element in elements {
                addStrings(in: element, skipping: skipping, depth: depth + 1)
            }
        case .object(let object):
            for key in object.keys where !skipping.contains(key) {
                if let child = object[key] {
                    addStrings(in: child, skipping: skipping, depth: depth + 1)
                }
            }
        case .null, .bool, .number:
            break
        }
    }
}
