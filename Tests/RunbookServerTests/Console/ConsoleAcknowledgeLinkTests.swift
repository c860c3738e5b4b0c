import Foundation
import RunbookCore
import RunbookNotify
import RunbookStore
import Testing

@testable import RunbookServer

/// The one-click acknowledge link of a message: a confirmation page that changes nothing, then a post that
/// acknowledges in the link's name; a forged, moved or expired link does nothing.
struct ConsoleAcknowledgeLinkTests {
    @Test
    func aSignedLinkOpensAConfirmationAndItsButtonAcknowledges() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ack-link-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var configuration = TestServer.configuration()
        configuration.dataDirectory = folder.path
        configuration.notifications.consoleURL = URL(string: "http://runbook.test")
        let harness = try await APIHarness.make()
        let ids = try await harness.ingest([APIHarness.alert("DiskFull"), APIHarness.alert("MemoryHigh")]).incidentIDs
        let disk = try #require(ids.first)
        let other = try #require(ids.last)
        try #require(disk != other)
        try await harness.run(configuration: configuration) { api in
            // The server made its key in the data folder when it started; a link signed with it is its own.
            let links = AcknowledgeLinks(key: try AcknowledgeLinks.key(in: folder.path))
            let link = try #require(links.url(console: URL(string: "http://runbook.test")!, incident: disk, now: Date()))
            let path = link.path + "?" + (link.query ?? "")
            let browser = ConsoleBrowser(api.client)

            let page = try await browser.get(path)
            #expect(page.status == .ok)
            #expect(page.text.contains("Acknowledge incident #\(disk)?"))
            #expect(page.text.contains("action=\"/incidents/\(disk)/ack-link\""))
            #expect(try await harness.store.incident(id: disk).incident.state == .triggered, "a GET changes nothing")

            let query = URLComponents(url: link, resolvingAgainstBaseURL: false)?.queryItems ?? []
            let expires = try #require(query.first { $0.name == "expires" }?.value)
            let signature = try #require(query.first { $0.name == "signature" }?.value)
            let tampered = String(signature.dropLast()) + (signature.hasSuffix("A") ? "B" : "A")
            #expect(try await browser.get("/incidents/\(disk)/ack-link?expires=\(expires)&signature=\(tampered)")
                .status == .forbidden)
            #expect(try await browser.get("/incidents/\(other)/ack-link?expires=\(expires)&signature=\(signature)")
                .status == .forbidden, "a link is tied to its incident")
            let later = String((Int64(expires) ?? 0) + 3600)
            #expect(try await browser.get("/incidents/\(disk)/ack-link?expires=\(later)&signature=\(signature)")
                .status == .forbidden, "its expiry is signed")
            let moved = try await browser.post("/incidents/\(other)/ack-link", ["expires": expires, "signature": signature])
            #expect(moved.status == .forbidden)
            #expect(try await harness.store.incident(id: other).incident.state == .triggered)

            let stale = AcknowledgeLinks(key: try AcknowledgeLinks.key(in: folder.path), lifetime: -60)
            let expired = try #require(stale.url(console: URL(string: "http://runbook.test")!, incident: disk, now: Date()))
            #expect(try await browser.get(expired.path + "?" + (expired.query ?? "")).status == .gone)

            let done = try await browser.post("/incidents/\(disk)/ack-link", ["expires": expires, "signature": signature])
            #expect(done.status == .ok)
            #expect(done.text.contains("Incident #\(disk) acknowledged"))
            let incident = try await harness.store.incident(id: disk).incident
            #expect(incident.state == .acknowledged)
            #expect(incident.acknowledgedBy == AcknowledgeLinks.actor)
            let again = try await browser.post("/incidents/\(disk)/ack-link", ["expires": expires, "signature": signature])
            #expect(again.text.contains("is acknowledged"))
        }
    }
}
