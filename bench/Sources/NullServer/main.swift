import Foundation
import Hummingbird
import Logging

// The ceiling of the HTTP layer for bench/run: a Hummingbird server that takes the same POSTs as Runbook's
// Alertmanager ingest endpoint and Alertmanager's /api/v2/alerts, reads the body whole and answers 202 without
// looking at it. Runbook can be no faster than this on the same machine.
//
//     NullServer 127.0.0.1:9093
let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 1, let colon = arguments.first?.lastIndex(of: ":"),
      let address = arguments.first, let port = Int(address[address.index(after: colon)...])
else {
    FileHandle.standardError.write(Data("usage: NullServer HOST:PORT   (e.g. NullServer 127.0.0.1:9093)\n".utf8))
    exit(2)
}
let host = String(address[..<colon])

let router = Router()
router.post("**") { request, _ -> HTTPResponse.Status in
    _ = try await request.body.collect(upTo: 16 * 1_024 * 1_024)
    return .accepted
}
router.get("__lbheartbeat__") { _, _ in HTTPResponse.Status.ok }

var logger = Logger(label: "null-server")
logger.logLevel = .error
let app = Application(
    router: router,
    configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "NullServer"),
    logger: logger
)
try await app.runService()
