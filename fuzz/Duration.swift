import Foundation

/// libFuzzer target: `ConfigDuration.parse` (compiled from RunbookServer's source file) and its round trip.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDuration(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    if let duration = ConfigDuration.parse(text) {
        _ = ConfigDuration.format(duration)
    }
    return 0
}
