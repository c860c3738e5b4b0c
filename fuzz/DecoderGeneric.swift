import Foundation
import RunbookCore

/// libFuzzer target: `AlertDecoder.decode` with format `.generic` over any bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecoderGeneric(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let data = Data(bytes: start, count: count)
    _ = try? AlertDecoder.decode(data, format: .generic, receivedAt: Date(timeIntervalSince1970: 1_764_000_000))
    return 0
}
