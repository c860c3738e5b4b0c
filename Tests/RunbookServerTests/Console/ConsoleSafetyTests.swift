import Foundation
import Hummingbird
import RunbookCore
import RunbookStore
import Testing

@testable import RunbookServer

/// The console's safety: CSRF on every form, roles, escaping of hostile alerts and runbooks, the CSP.
struct ConsoleSafetyTests {
    static let actions = ["acknowledge", "note", "resolve", "entry"]

    @Test(arguments: actions)
    func aFormWithoutTheSessionsTokenChangesNothing(action: String) async throws {
        let harness = try await APIHarness.make()
        let id = try #require(try await harness.ingest([APIHarness.alert("DiskFull")]).incidentIDs.first)
        let before = try await harness.store.incident(id: id)
        try await harness.run { api in
            let browser = ConsoleBrowser(api.client)
            _ = try await browser.signIn(token: try #require(harness.secrets[.admin]))
            let fields = ["text": "a note", "entry": ""]
            let missing = try await browser.post("/incidents/\(id)/\(action)", fields)
            #expect(missing.status == .forbidden)
            let wrong = try await browser.post("/incidents/\(id)/\(action)", fields.merging(["csrf": "0"]) { $1 })
            #expect(wrong.status == .forbidden)
            let page = try await browser.get("/incidents/\(id)")
            let csrf = try #require(page.csrf)
            let crossSite = try await browser.post(
                "/incidents/\(id)/\(action)", fields.merging(["csrf": csrf]) { $1 },
                headers: [.origin: "https://evil.example.com"])
            #expect(crossSite.status == .forbidden)
            #expect(try await harness.store.incident(id: id) == before)
        }
    }

    @Test
    func aViewerSeesNoActionAndCannotPostOne() async throws {
        let harness = try await APIHarness.make()
        let id = try #require(try await harness.ingest([APIHarness.alert("DiskFull")]).incidentIDs.first)
        try await harness.run { api in
            let browser = ConsoleBrowser(api.client)
            _ = try await browser.signIn(token: try #require(harness.secrets[.viewer]))
            let page = try await browser.get("/incidents/\(id)")
            #expect(page.status == .ok)
            #expect(!page.text.contains("/incidents/\(id)/acknowledge"))
            // The sign-out form carries the token, so a viewer has one to try with.
            let csrf = try #require(page.csrf)
            let refused = try await browser.post("/incidents/\(id)/acknowledge", ["csrf": csrf])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("needs operator"))
            #expect(try await browser.get("/deliveries").status == .forbidden)
            #expect(try await harness.store.incident(id: id).incident.state == .triggered)
        }
    }

    @Test
    func hostileLabelsAnnotationsAndTitlesShowAsText() async throws {
        let harness = try await APIHarness.make()
        let alert = Alert(
            source: .alertmanager, status: .firing,
            labels: ["alertname": "DiskFull", "instance": "<script>alert('label')</script>",
                     "<b>name</b>": "x\" onmouseover=\"alert(1)"],
            annotations: ["summary": "<img src=x onerror=alert('annotation')>"],
            title: "DiskFull <iframe src=javascript:alert(3)>", dedupKey: "hostile", groupKey: "hostile")
        let id = try #require(try await harness.ingest([alert]).incidentIDs.first)
        try await harness.run { api in
            let browser = ConsoleBrowser(api.client)
            _ = try await browser.signIn(token: try #require(harness.secrets[.operator]))
            for path in ["/incidents/\(id)", "/incidents", "/incidents?fragment=rows", "/coverage"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                for raw in ["<script>alert", "<img src=x", "<iframe", "<b>name", "\" onmouseover"] {
                    #expect(!page.text.contains(raw), "\(path) holds \(raw)")
                }
            }
            let page = try await browser.get("/incidents/\(id)")
            #expect(page.text.contains("&lt;script&gt;alert(&#39;label&#39;)&lt;/script&gt;"))
            #expect(page.text.contains("&lt;img src=x onerror=alert(&#39;annotation&#39;)&gt;"))
            #expect(page.text.contains("&lt;b&gt;name&lt;/b&gt;"))
        }
    }

    @Test
    func rawHTMLAndScriptLinksInARunbookDoNotRun() async throws {
        let hostile = """

            ## Hostile entry

            <script>alert('block')</script>

            Inline <img src=x onerror=alert('inline')> and a [bad link](javascript:alert('link')) and a
            [good link](https://example.com/docs).

            ```sh
            echo "</code></pre><script>alert('code')</script>"
            ```

            """
        let harness = try await APIHarness.make()
        _ = harness.library.replace(with: APIHarness.snapshot(revision: "2", extra: hostile))
        try await harness.run { api in
            let browser = ConsoleBrowser(api.client)
            _ = try await browser.signIn(token: try #require(harness.secrets[.viewer]))
            let page = try await browser.get("/runbooks/team/oncall.md")
            #expect(page.status == .ok)
            for raw in ["<script>alert", "<img src=x", "javascript:", "</code></pre><script>"] {
                #expect(!page.text.contains(raw), "the page holds \(raw)")
            }
            #expect(page.text.contains("&lt;script&gt;alert(&#39;block&#39;)&lt;/script&gt;"))
            #expect(page.text.contains("<a href=\"https://example.com/docs\">good link</a>"))
            #expect(page.text.contains("bad link"))
        }
    }

    @Test(arguments: ["/sign-in", "/incidents", "/runbooks", "/runbooks/team/oncall.md", "/coverage",
                      "/console/style.css", "/console/console.js"])
    func everyConsoleResponseCarriesAStrictContentSecurityPolicy(path: String) async throws {
        let harness = try await APIHarness.make()
        try await harness.run { api in
            let browser = ConsoleBrowser(api.client)
            _ = try await browser.signIn(token: try #require(harness.secrets[.viewer]))
            let page = try await browser.get(path)
            #expect(page.status == .ok)
            let policy = try #require(page.headers[.contentSecurityPolicy])
            #expect(policy.contains("script-src 'self'"))
            #expect(policy.contains("default-src 'none'"))
            #expect(policy.contains("frame-ancestors 'none'"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            // No inline script or style anywhere: every <script> has a src, and no element has a style or on*=.
            #expect(!page.text.contains("<script>"))
            #expect(!page.text.contains(" style=\""))
            #expect(!page.text.contains(" onclick="))
        }
    }
}
