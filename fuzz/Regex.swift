import Foundation
import RunbookCore

/// libFuzzer target: the label-matcher regular expressions. The first line is a regex (`app=~<line>`), the second
/// the label value it runs against; both are taken as they are, so hostile patterns meet hostile values.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegex(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    let value = lines.count > 1 ? String(lines[1]) : ""
    for op in [LabelMatcher.Operator.matchesRegex, .notMatchesRegex] {
        guard let matcher = try? LabelMatcher(name: "app", op: op, value: String(lines[0])) else { return 0 }
        _ = matcher.matches(["app": value])
    }
    return 0
}
