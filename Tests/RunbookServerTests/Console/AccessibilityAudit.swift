import Foundation

/// Basic accessibility checks on the console's HTML as the server sends it, and on its stylesheet's colours.
///
/// The HTML checks read the tags of a page (alert and runbook text is escaped, so every `<` is markup): every
/// visible input, select and textarea has a label (`<label for>` or `aria-label`), one `h1` comes first and no
/// heading skips a level, nothing takes a positive `tabindex`, every link has an `href` (a link without one is
/// not reached by Tab), every button is a `<button>` with a type and a text (no `role="button"` on something
/// else, no `onclick`), and the page says its language. The colour check computes WCAG 2 contrast ratios.
enum AccessibilityAudit {
    /// One start or end tag.
    struct Tag {
        var name: String
        var isEnd: Bool
        var attributes: [String: String]
        /// Where the tag ends in the page, to read the text after it.
        var end: String.Index
    }

    static func tags(_ html: String) -> [Tag] {
        let tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/
        let attribute = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/
        return html.matches(of: tag).map { match in
            var attributes: [String: String] = [:]
            for found in String(match.output.3).matches(of: attribute) {
                let value = found.output.2 ?? found.output.3 ?? found.output.4 ?? ""
                attributes[found.output.1.lowercased()] = String(value)
            }
            return Tag(name: match.output.2.lowercased(), isEnd: !match.output.1.isEmpty, attributes: attributes,
                       end: match.range.upperBound)
        }
    }

    /// What is wrong with `html`, one line per problem; empty when it passes.
    static func problems(in html: String) -> [String] {
        let tags = tags(html)
        let starts = tags.filter { !$0.isEnd }
        var problems: [String] = []
        if starts.first(where: { $0.name == "html" })?.attributes["lang"]?.isEmpty != false {
            problems.append("the html element names no language (lang)")
        }
        let labelled = Set(starts.filter { $0.name == "label" }.compactMap { $0.attributes["for"] })
        for field in starts where ["input", "select", "textarea"].contains(field.name) {
            let type = field.attributes["type"]?.lowercased() ?? "text"
            guard field.name != "input" || !["hidden", "submit", "button", "reset"].contains(type) else { continue }
            let hasLabel = field.attributes["id"].map(labelled.contains) ?? false
            if !hasLabel && field.attributes["aria-label"] == nil && field.attributes["aria-labelledby"] == nil {
                problems.append("<\(field.name) name=\"\(field.attributes["name"] ?? "")\"> has no label")
            }
        }
        let levels = starts.compactMap { tag -> Int? in
            guard tag.name.count == 2, tag.name.hasPrefix("h"), let level = Int(tag.name.dropFirst()),
                  (1...6).contains(level)
            else { return nil }
            return level
        }
        if levels.first != 1 || levels.filter({ $0 == 1 }).count != 1 {
            problems.append("one h1 must come first; the headings are \(levels)")
        }
        for (before, after) in zip(levels, levels.dropFirst()) where after > before + 1 {
            problems.append("a heading skips from h\(before) to h\(after)")
        }
        for tag in starts {
            if let index = tag.attributes["tabindex"].flatMap(Int.init), index > 0 {
                problems.append("<\(tag.name)> takes tabindex \(index): the Tab order must follow the page")
            }
            if tag.attributes.keys.contains(where: { $0.hasPrefix("on") }) {
                problems.append("<\(tag.name)> has an inline event handler")
            }
            if tag.attributes["role"] == "button" && tag.name != "button" {
                problems.append("<\(tag.name) role=\"button\"> should be a <button>")
            }
            if tag.name == "a" && tag.attributes["href"]?.isEmpty != false {
                problems.append("<a> without href is not reached by the keyboard")
            }
            if tag.name == "button" {
                if tag.attributes["type"] == nil { problems.append("<button> without a type") }
                let text = html[tag.end...].prefix { $0 != "<" }.trimmingCharacters(in: .whitespacesAndNewlines)
                if text.isEmpty && tag.attributes["aria-label"] == nil { problems.append("<button> without a text") }
            }
        }
        return problems
    }
}

/// WCAG 2 contrast of the colours a stylesheet declares.
enum ContrastAudit {
    /// A colour `#rgb` or `#rrggbb` as red, green and blue in 0…1; nil for anything else.
    static func rgb(_ text: String) -> (Double, Double, Double)? {
        var hex = text.trimmingCharacters(in: .whitespaces)
        guard hex.hasPrefix("#") else { return nil }
        hex.removeFirst()
        if hex.count == 3 { hex = hex.map { "\($0)\($0)" }.joined() }
        guard hex.count == 6, let value = Int(hex, radix: 16) else { return nil }
        return (Double(value >> 16 & 0xff) / 255, Double(value >> 8 & 0xff) / 255, Double(value & 0xff) / 255)
    }

    /// Relative luminance, as WCAG 2 defines it.
    static func luminance(_ colour: String) -> Double? {
        guard let (red, green, blue) = rgb(colour) else { return nil }
        func linear(_ channel: Double) -> Double {
            channel <= 0.04045 ? channel / 12.92 : pow((channel + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// The contrast ratio of two colours, from 1 to 21.
    static func ratio(_ first: String, _ second: String) -> Double? {
        guard let one = luminance(first), let two = luminance(second) else { return nil }
        return (max(one, two) + 0.05) / (min(one, two) + 0.05)
    }

    /// A stylesheet's rules: selector and declarations, with `var(--name)` replaced by the `:root` value.
    static func rules(_ css: String) -> [(selector: String, declarations: [String: String])] {
        let rule = /([^{}]+)\{([^{}]*)\}/
        var parsed: [(selector: String, declarations: [String: String])] = css.matches(of: rule).map { match in
            var declarations: [String: String] = [:]
            for declaration in match.output.2.split(separator: ";") {
                let parts = declaration.split(separator: ":", maxSplits: 1)
                guard parts.count == 2 else { continue }
                declarations[parts[0].trimmingCharacters(in: .whitespacesAndNewlines)] =
                    parts[1].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return (String(match.output.1).trimmingCharacters(in: .whitespacesAndNewlines), declarations)
        }
        let variables = parsed.first { $0.selector == ":root" }?.declarations ?? [:]
        for index in parsed.indices {
            for (name, value) in parsed[index].declarations {
                parsed[index].declarations[name] = value.replacing(/var\((--[-a-z0-9]+)\)/) { match in
                    variables[String(match.output.1)] ?? String(match.output.0)
                }
            }
        }
        return parsed.filter { $0.selector != ":root" }
    }

    /// The first colour in a declaration's value (`background: #f4f4f4`, `1px solid #d0d0d0`).
    static func colour(in value: String?) -> String? {
        value.flatMap { $0.firstMatch(of: /#[0-9a-fA-F]{3,6}\b/).map { String($0.output) } }
    }
}
