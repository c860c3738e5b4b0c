import Foundation

/// Values of `id` and `name` attributes in an HTML fragment.
enum HTMLAnchors {
    static func names(in line: String) -> [String] {
        var names: [String] = []
        var rest = Substring(line)
        while let tagStart = rest.firstIndex(of: "<") {
            let tail = rest[tagStart...]
            guard let tagEnd = tail.firstIndex(of: ">") else { break }
            let tag = tail[..<tagEnd]
            for attribute in ["id", "name"] {
                if let value = attributeValue(attribute, in: tag) { names.append(value.lowercased()) }
            }
            rest = tail[tail.index(after: tagEnd)...]
        }
        return names
    }

    private static func attributeValue(_ name: String, in tag: Substring) -> String? {
        var search = tag.startIndex
        while let range = tag.range(of: name, options: .caseInsensitive, range: search..<tag.endIndex) {
            search = range.upperBound
            guard range.lowerBound > tag.startIndex,
                  tag[tag.index(before: range.lowerBound)].isWhitespace else { continue }
            var index = range.upperBound
            while index < tag.endIndex, tag[index] == " " { index = tag.index(after: index) }
            guard index < tag.endIndex, tag[index] == "=" else { continue }
            index = tag.index(after: index)
            while index < tag.endIndex, tag[index] == " " { index = tag.index(after: index) }
            guard index < tag.endIndex else { return nil }
            let quote = tag[index]
            if quote == "\"" || quote == "'" {
                let valueStart = tag.index(after: index)
                guard let valueEnd = tag[valueStart...].firstIndex(of: quote) else { return nil }
                return String(tag[valueStart..<valueEnd])
            }
            let valueEnd = tag[index...].firstIndex { $0.isWhitespace || $0 == "/" } ?? tag.endIndex
            return String(tag[index..<valueEnd])
        }
        return nil
    }
}
