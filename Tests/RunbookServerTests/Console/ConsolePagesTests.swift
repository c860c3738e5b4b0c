import Foundation
import Hummingbird
import RunbookCore
import RunbookStore
import Testing

@testable import RunbookServer

/// What the console's pages show, and that the operator's actions land on the timeline.
struct ConsolePagesTests {
    @Test
    func theIncidentPageShowsDiagnosisFirstFilledFromTheLabels() async throws {
        let harness = try await APIHarness.make()
        let alert = APIHarness.alert("DiskFull", instance: "db7")
        let id = try #require(try await harness.ingest([alert]).incidentIDs.first)
        try await harness.run { api in
            let browser = ConsoleBrowser(api.client)
            _ = try await browser.signIn(token: try #require(harness.secrets[.viewer]))
            let page = try await browser.get("/incidents/\(id)")
            #expect(page.status == .ok)
            let text = page.text
            let diagnosis = try #require(text.range(of: "<h4>Diagnosis</h4>"))
            let mitigation = try #require(text.range(of: "<h4>Mitigation</h4>"))
            #expect(diagnosis.lowerBound < mitigation.lowerBound)
            #expect(text.contains("ssh db7 df -h /var/lib/postgresql"))
            #expect(text.contains("<div class=\"command\"><pre"))
            #expect(text.contains("href=\"/runbooks/team/oncall.md#diskfull\""))
            #expect(text.contains("team/oncall.md line"))
            #expect(text.contains("Why this entry"))
        }
    }

    @Test
    func placeholdersNoLabelFilledAreHighlighted() async throws {
        let harness = try await APIHarness.make()
        let alert = APIHarness.alert("HighLatency", extraLabels: ["service": "checkout"])
        let id = try #require(try await harness.ingest([alert]).incidentIDs.first)
        _ = try await harness.store.chooseEntry(
            incidentID: id, entryID: "team/oncall.md#highlatency-checkout", note: nil, by: "ana", at: APIHarness.start)
        try await harness.run { api in
            let browser = ConsoleBrowser(api.client)
            _ = try await browser.signIn(token: try #require(harness.secrets[.viewer]))
            let page = try await browser.get("/incidents/\(id)")
            #expect(page.text.contains("<mark class=\"unfilled\">&lt;NAMESPACE&gt;</mark>"))
            #expect(page.text.contains("kubectl -n <mark class=\"unfilled\">&lt;NAMESPACE&gt;</mark> scale"))
        }
    }

    @Test
    func withNoMatchThePageOffersCandidatesAndTheMarkdownStub() async throws {
        let harness = try await APIHarness.make()
        let id = try #require(try await harness.ingest([APIHarness.alert("Zorblax", instance: "q1")]).incidentIDs.first)
        try await harness.run { api in
            let browser = ConsoleBrowser(api.client)
            _ = try await browser.signIn(token: try #require(harness.secrets[.viewer]))
            let page = try await browser.get("/incidents/\(id)")
            #expect(page.text.contains("No entry answers this incident with confidence."))
            #expect(page.text.contains("Markdown stub"))
            #expect(page.text.contains("## Zorblax"))
        }
    }

    @Test
    func acknowledgeNoteCorrectAndResolveEachShowOnTheTimeline() async throws {
        let harness = try await APIHarness.make()
        let id = try #require(try await harness.ingest([APIHarness.alert("DiskFull")]).incidentIDs.first)
        try await harness.run { api in
            let browser = ConsoleBrowser(api.client)
            _ = try await browser.signIn(token: try #require(harness.secrets[.operator]))
            let csrf = try #require(try await browser.get("/incidents/\(id)").csrf)
            let steps: [(String, [String: String])] = [
                ("acknowledge", [:]), ("note", ["text": "disk grew <fast>"]),
                ("entry", ["entry": "team/oncall.md#highlatency-checkout"]), ("resolve", [:]),
            ]
            for (action, fields) in steps {
                let answer = try await browser.post("/incidents/\(id)/\(action)", fields.merging(["csrf": csrf]) { $1 })
                #expect(answer.status == .seeOther, "\(action)")
                #expect(answer.location == "/incidents/\(id)")
            }
            let page = try await browser.get("/incidents/\(id)")
            for line in ["acknowledged by ana-operator", "note by ana-operator: disk grew &lt;fast&gt;",
                         "entryChosen by ana-operator", "resolved by ana-operator"] {
                #expect(page.text.contains(line), "the timeline lacks \(line)")
            }
            #expect(page.text.contains("/incidents/\(id)/reopen"))
            #expect(page.text.contains("note by runbook: " + MarkdownHTML.escape(ResolveAnswer.stillFiring)))
            let unknown = try await browser.post("/incidents/\(id)/entry", ["csrf": csrf, "other": "team/no.md#x"])
            #expect(unknown.status == .unprocessableContent)
            let none = try await browser.post("/incidents/\(id)/entry", ["csrf": csrf, "entry": ""])
            #expect(none.status == .seeOther)
            let incident = try await harness.store.incident(id: id).incident
            #expect(incident.state == .resolved)
            #expect(incident.entryID == nil)
        }
    }

    @Test
    func theLinksRunbookPutsInMessagesOpenTheirPages() async throws {
        let harness = try await APIHarness.make()
        let id = try #require(try await harness.ingest([APIHarness.alert("DiskFull")]).incidentIDs.first)
        try await harness.run { api in
            let browser = ConsoleBrowser(api.client)
            _ = try await browser.signIn(token: try #require(harness.secrets[.viewer]))
            #expect(try await browser.get("/incidents/\(id)").status == .ok)
            let link = Console.runbookLink(APIHarness.diskFullID)
            #expect(link == "/runbooks/team/oncall.md#diskfull")
            let document = try await browser.get(String(link.prefix { $0 != "#" }))
            #expect(document.status == .ok)
            #expect(document.text.contains("<h3 id=\"diskfull\">DiskFull</h3>"))
            #expect(document.text.contains("<a href=\"#highlatency-checkout\">"))
            #expect(try await browser.get("/runbooks/team/missing.md").status == .notFound)
            #expect(try await browser.get("/incidents/999").status == .notFound)
        }
    }

    @Test
    func theListPutsOpenIncidentsFirstAndItsRefreshKeepsTheFilter() async throws {
        let harness = try await APIHarness.make()
        let open = try #require(try await harness.ingest([APIHarness.alert("DiskFull")]).incidentIDs.first)
        let closed = try #require(
            try await harness.ingest([APIHarness.alert("Other", instance: "web9")], at: 10).incidentIDs.first)
        _ = try await harness.store.resolve(incidentID: closed, by: "ana", at: APIHarness.start.addingTimeInterval(20))
        try await harness.run { api in
            let browser = ConsoleBrowser(api.client)
            _ = try await browser.signIn(token: try #require(harness.secrets[.viewer]))
            let list = try await browser.get("/incidents")
            let first = try #require(list.text.range(of: "href=\"/incidents/\(open)\""))
            let second = try #require(list.text.range(of: "href=\"/incidents/\(closed)\""))
            #expect(first.lowerBound < second.lowerBound)
            #expect(list.text.contains("id=\"incident-rows\""))
            let rows = try await browser.get("/incidents?state=resolved&fragment=rows")
            #expect(rows.status == .ok)
            #expect(!rows.text.contains("<html"))
            #expect(rows.text.contains("/incidents/\(closed)"))
            #expect(!rows.text.contains("/incidents/\(open)\""))
            let bad = try await browser.get("/incidents?state=sleeping")
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("state must be one of"))
        }
    }

    @Test
    func theRunbooksPageListsTheLibraryAndSearchesIt() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { api in
            let browser = ConsoleBrowser(api.client)
            _ = try await browser.signIn(token: try #require(harness.secrets[.viewer]))
            let tree = try await browser.get("/runbooks")
            #expect(tree.text.contains("href=\"/runbooks/team/oncall.md#diskfull\""))
            let search = try await browser.get("/runbooks?q=latency")
            #expect(search.text.contains("Results"))
            #expect(search.text.contains("team/oncall.md#highlatency-checkout"))
        }
    }

    @Test
    func theCoveragePageListsUnansweredKeysWithTheirStub() async throws {
        let harness = try await APIHarness.make()
        try await harness.ingest([APIHarness.alert("Zorblax", instance: "q1")])
        try await harness.run { api in
            let browser = ConsoleBrowser(api.client)
            _ = try await browser.signIn(token: try #require(harness.secrets[.viewer]))
            let page = try await browser.get("/coverage")
            #expect(page.status == .ok)
            #expect(page.text.contains("<h2>Zorblax"))
            #expect(page.text.contains("## Zorblax"))
        }
    }
}

/// The server-drawn charts.
struct ConsoleChartTests {
    @Test
    func incidentsFallInTheSlotTheyOpenedInAndOutsideOnesAreLeftOut() {
        let end = Date(timeIntervalSince1970: 10 * 3600)
        func incident(_ hoursBeforeEnd: Double, entry: String?) -> Incident {
            Incident(id: 1, key: "k", title: "t", source: .alertmanager, groupKey: "g", entryID: entry,
                     openedAt: end.addingTimeInterval(-hoursBeforeEnd * 3600), openedBy: "am")
        }
        let incidents = [incident(0.5, entry: "a.md#x"), incident(0.2, entry: nil), incident(2.5, entry: nil),
                         incident(30, entry: nil), incident(-1, entry: nil)]
        let bars = ConsoleChart.bars(
            incidents, end: end, step: 3600, count: 3, seriesCount: 2, label: { "\($0.timeIntervalSince1970)" },
            series: { $0.entryID == nil ? 1 : 0 })
        #expect(bars.map(\.values) == [[0, 1], [0, 0], [1, 1]])
        #expect(bars.first?.label == "25200.0")
    }

    @Test
    func theSVGHasATitleAndNoScriptOrStyle() {
        let svg = ConsoleChart.svg(
            title: "Per <day>", bars: [ConsoleChart.Bar(label: "d1", values: [2, 1])],
            series: [ConsoleChart.Series(name: "with", color: "#000"),
                     ConsoleChart.Series(name: "<without>", color: "#111")])
        #expect(svg.hasPrefix("<svg class=\"chart\" role=\"img\""))
        #expect(svg.contains("<title>Per &lt;day&gt;</title>"))
        #expect(svg.contains("<title>d1: 1 &lt;without&gt;</title>"))
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("style="))
    }

    @Test
    func theListAndCoveragePagesCarryTheirCharts() async throws {
        let harness = try await APIHarness.make()
        try await harness.ingest([APIHarness.alert("Zorblax", instance: "q1")])
        try await harness.run { api in
            let browser = ConsoleBrowser(api.client)
            _ = try await browser.signIn(token: try #require(harness.secrets[.viewer]))
            let list = try await browser.get("/incidents")
            #expect(list.text.contains("<title>Incidents opened per hour over the last 24 hours</title>"))
            let coverage = try await browser.get("/coverage")
            #expect(coverage.text.contains("<title>Incidents per day over 30 days"))
            #expect(coverage.text.contains("without one</text>"))
        }
    }
}

/// Which routes are the console's.
struct ConsolePathTests {
    @Test(arguments: [("/", true), ("/incidents/{id}", true), ("/runbooks/**", true), ("/sign-in", true),
                      ("/api/v1/incidents", false), ("/__heartbeat__", false), ("/metrics", false)])
    func consolePathsAreToldFromTheAPIs(path: String, isConsole: Bool) {
        #expect(Console.isConsolePath(path) == isConsole)
    }
}
