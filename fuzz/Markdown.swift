import Foundation
import RunbookCore

/// libFuzzer target: the Markdown document parser over any bytes, read as UTF-8 with repair.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let document = DocumentParser.parse(text, file: "fuzz.md")
    _ = Library(documents: [document])
    return 0
}
