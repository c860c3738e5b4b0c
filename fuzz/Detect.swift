import Foundation
import RunbookCore

/// libFuzzer target: `AlertDecoder.decode` with format `.auto` over any bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDetect(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let data = Data(bytes: start, count: count)
    _ = AlertDecoder.detect(data)
    _ = try? AlertDecoder.decode(data, format: .auto, receivedAt: Date(timeIntervalSince1970: 1_764_000_000))
    return 0
}
