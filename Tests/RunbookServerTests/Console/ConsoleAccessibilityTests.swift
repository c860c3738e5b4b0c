import Foundation
import RunbookCore
import RunbookNotify
import RunbookStore
import Testing

@testable import RunbookServer

/// Every console page passes the basic accessibility checks of `AccessibilityAudit`, and the stylesheet's text
/// colours keep a WCAG contrast of 4.5:1 on every background it declares.
struct ConsoleAccessibilityTests {
    @Test
    func everyPageLabelsItsInputsKeepsHeadingsInOrderAndIsReachedByKeyboard() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("a11y-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var configuration = TestServer.configuration()
        configuration.dataDirectory = folder.path
        configuration.notifications.consoleURL = URL(string: "http://runbook.test")
        let harness = try await APIHarness.make(configuration: StoreConfiguration(planner: OneChannelPlanner()))
        let matched = try #require(try await harness.ingest([APIHarness.alert("DiskFull")]).incidentIDs.first)
        let unmatched = try #require(
            try await harness.ingest([APIHarness.alert("Zorblax", instance: "q1")]).incidentIDs.first)
        let claimed = try await harness.store.claimDeliveries(
            limit: 10, now: APIHarness.start.addingTimeInterval(2), lease: 60)
        let dead = try #require(claimed.first)
        try await harness.store.markFailed(
            id: dead.id,
            attempt: DeliveryAttempt(deliveryID: dead.id, at: APIHarness.start.addingTimeInterval(3), status: 500,
                                     error: "HTTP 500", duration: 0.02),
            retryAt: nil)
        try await harness.run(configuration: configuration) { api in
            let browser = ConsoleBrowser(api.client)
            let links = AcknowledgeLinks(key: try AcknowledgeLinks.key(in: folder.path))
            let link = try #require(links.url(console: URL(string: "http://runbook.test")!, incident: matched,
                                              now: Date()))
            var pages = [
                "/sign-in": try await browser.get("/sign-in"),
                "ack-link": try await browser.get(link.path + "?" + (link.query ?? "")),
            ]
            _ = try await browser.signIn(token: try #require(harness.secrets[.admin]))
            let paths = [
                "/incidents", "/incidents?state=open&label.instance=db1", "/incidents/\(matched)",
                "/incidents/\(unmatched)", "/incidents/999999", "/runbooks", "/runbooks?q=disk",
                "/runbooks/team/oncall.md", "/coverage", "/deliveries",
            ]
            for path in paths {
                pages[path] = try await browser.get(path)
            }
            let resolved = try await browser.post("/incidents/\(unmatched)/resolve",
                                                  ["csrf": try #require(pages["/incidents"]?.csrf)])
            #expect(resolved.status == .seeOther)
            pages["resolved incident"] = try await browser.get("/incidents/\(unmatched)")
            #expect(pages["/deliveries"]?.text.contains("Retry") == true, "the page with a retry button is checked")
            #expect(pages["/incidents/\(matched)"]?.text.contains("<h4>Diagnosis</h4>") == true)
            for (path, page) in pages.sorted(by: { $0.key < $1.key }) {
                #expect(page.text.contains("<html"), "\(path) answered \(page.status)")
                let problems = AccessibilityAudit.problems(in: page.text)
                #expect(problems.isEmpty, "\(path): \(problems.joined(separator: "; "))")
            }
        }
    }

    @Test
    func theAuditFindsWhatItLooksFor() {
        let page = """
            <html><body><h1>A</h1><h3>B</h3><input id="x" name="x"><select name="s"></select>
            <a>anchor</a><div role="button" tabindex="2">Go</div><button>Ok</button><button type="button"></button>
            </body></html>
            """
        let problems = AccessibilityAudit.problems(in: page)
        #expect(problems.contains("the html element names no language (lang)"))
        #expect(problems.contains("a heading skips from h1 to h3"))
        #expect(problems.contains("<input name=\"x\"> has no label"))
        #expect(problems.contains("<select name=\"s\"> has no label"))
        #expect(problems.contains("<a> without href is not reached by the keyboard"))
        #expect(problems.contains("<div role=\"button\"> should be a <button>"))
        #expect(problems.contains("<div> takes tabindex 2: the Tab order must follow the page"))
        #expect(problems.contains("<button> without a type"))
        #expect(problems.contains("<button> without a text"))
        let fine = """
            <html lang="en"><body><h1>A</h1><h2>B</h2><label for="x">X</label><input id="x" name="x">
            <input type="hidden" name="csrf" value="1"><a href="/">home</a><button type="submit">Ok</button>
            </body></html>
            """
        #expect(AccessibilityAudit.problems(in: fine).isEmpty)
    }

    @Test(arguments: [("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#777777", "#ffffff", 4.48)])
    func contrastIsComputedAsWCAGDefinesIt(first: String, second: String, expected: Double) throws {
        let ratio = try #require(ContrastAudit.ratio(first, second))
        #expect(abs(ratio - expected) < 0.01)
    }

    @Test
    func everyTextColourOfTheStylesheetReadsOnEveryBackgroundItDeclares() throws {
        let rules = ContrastAudit.rules(ConsoleAssets.stylesheet)
        let body = try #require(rules.first { $0.selector == "body" })
        let page = try #require(ContrastAudit.colour(in: body.declarations["background"]))
        let backgrounds = Set([page] + rules.compactMap {
            ContrastAudit.colour(in: $0.declarations["background"] ?? $0.declarations["background-color"])
        })
        let texts = rules.compactMap { rule in
            ContrastAudit.colour(in: rule.declarations["color"]).map { (rule.selector, $0) }
        }
        #expect(backgrounds.count >= 3 && texts.count >= 6, "the stylesheet was read: \(backgrounds), \(texts)")
        for (selector, text) in texts {
            for background in backgrounds {
                let ratio = try #require(ContrastAudit.ratio(text, background))
                #expect(ratio >= 4.5, "\(selector): \(text) on \(background) has contrast \(ratio)")
            }
        }
        // A focus ring or marker outline is not text, but must still stand out: 3:1 (WCAG 1.4.11).
        let outlines = rules.compactMap { ContrastAudit.colour(in: $0.declarations["outline"]) }
        #expect(!outlines.isEmpty)
        for outline in outlines {
            for background in backgrounds {
                let ratio = try #require(ContrastAudit.ratio(outline, background))
                #expect(ratio >= 3, "outline \(outline) on \(background) has contrast \(ratio)")
            }
        }
    }
}
