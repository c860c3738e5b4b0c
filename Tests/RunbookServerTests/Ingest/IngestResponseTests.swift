import Foundation
import Testing

@testable import RunbookServer

/// The ingestion answer is written by hand; it must be what the API's plain encoder writes, and read back.
struct IngestResponseTests {
    @Test(arguments: [
        IngestResponse(accepted: 0, incidents: []),
        IngestResponse(accepted: 1, incidents: [14]),
        IngestResponse(accepted: 250, incidents: [1, 9_007_199_254_740_993, Int64.max]),
    ])
    func theHandWrittenBodyIsThePlainEncodersAndDecodes(_ response: IngestResponse) throws {
        let encoded = try APIResponse.plainEncoder().encode(response)
        #expect(response.json == String(decoding: encoded, as: UTF8.self))
        #expect(try JSONDecoder().decode(IngestResponse.self, from: Data(response.json.utf8)) == response)
    }
}
