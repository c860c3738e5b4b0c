import Foundation

@testable import RunbookCore

/// libFuzzer target, differential: `AlertmanagerBodyReader` (the byte path) and the tree decoder give equal alerts or
/// equal errors for any bytes, in formats alertmanager and auto, under default and tight limits; a difference traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecoderAlertmanagerBytes(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let data = Data(bytes: start, count: count)
    var tight = AlertLimits()
    (tight.alertsPerRequest, tight.labelsPerAlert, tight.labelNameBytes) = (4, 5, 12)
    (tight.labelValueBytes, tight.annotationBytes, tight.requestAlertBytes) = (24, 60, 400)
    for format in [AlertFormat.alertmanager, .auto] {
        for limits in [AlertLimits(), tight] {
            let outcomes = [true, false].map { readingBytes -> Result<[Alert], AlertDecodingError> in
                Result { () throws(AlertDecodingError) -> [Alert] in
                    try AlertDecoder.decodeTyped(
                        data, format: format, receivedAt: Date(timeIntervalSince1970: 1_764_000_000),
                        limits: limits, readingBytes: readingBytes)
                }
            }
            if outcomes[0] != outcomes[1] {
                fatalError("byte path and tree differ (\(format)): \(outcomes[0]) / \(outcomes[1])")
            }
        }
    }
    return 0
}
