import Foundation
import RunbookCore

/// libFuzzer target: `LabelMatcher(parsing:)` over the first line, then `matches` against the second line as the
/// value of the matcher's label (so regular expressions from the input run against values from the input).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMatcher(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    guard let matcher = try? LabelMatcher(parsing: String(lines[0])) else { return 0 }
    let value = lines.count > 1 ? String(lines[1]) : ""
    _ = matcher.matches([matcher.name: value])
    _ = matcher.matches([:])
    return 0
}
