import Foundation
import Testing

@testable import RunbookServer

/// The list's Labels field: `name=value, …` becomes the `label.NAME=value` filters of the address.
struct ConsoleLabelFilterTests {
    @Test
    func theLabelsFieldBecomesLabelFiltersAndABadOneIsExplained() async throws {
        let harness = try await APIHarness.make()
        _ = try await harness.ingest([APIHarness.alert("DiskFull"), APIHarness.alert("MemoryHigh")])
        try await harness.run { api in
            let browser = ConsoleBrowser(api.client)
            _ = try await browser.signIn(token: try #require(harness.secrets[.viewer]))
            let form = try await browser.get("/incidents?state=triggered&labels=alertname%3DDiskFull&cursor=x")
            #expect(form.status == .seeOther)
            #expect(form.location == "/incidents?state=triggered&label.alertname=DiskFull")
            let page = try await browser.get(try #require(form.location))
            #expect(page.status == .ok)
            #expect(page.text.contains("DiskFull"))
            #expect(!page.text.contains("MemoryHigh"))
            #expect(page.text.contains("value=\"alertname=DiskFull\""))
            let bad = try await browser.get("/incidents?labels=alertname")
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("name=value"))
        }
    }
}
