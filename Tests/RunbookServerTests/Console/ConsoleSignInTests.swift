import Foundation
import Hummingbird
import RunbookCore
import RunbookStore
import Testing

@testable import RunbookServer

/// Signing in to the console: tokens and local users, the session cookie, sign out and the attempt limit.
struct ConsoleSignInTests {
    @Test(arguments: ["/", "/incidents", "/incidents/1", "/runbooks", "/runbooks/team/oncall.md", "/coverage",
                      "/deliveries"])
    func aPageWithoutASessionSendsToSignInAndBack(path: String) async throws {
        let harness = try await APIHarness.make()
        try await harness.run { api in
            let page = try await ConsoleBrowser(api.client).get(path)
            #expect(page.status == .seeOther)
            let location = try #require(page.location)
            #expect(location.hasPrefix("/sign-in?next="))
            #expect(location.removingPercentEncoding?.hasSuffix("next=" + path) == true)
        }
    }

    @Test
    func aTokenSignsInWithAnHttpOnlyLaxCookieAndSignOutEndsTheSession() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { api in
            let browser = ConsoleBrowser(api.client)
            let signedIn = try await browser.signIn(token: try #require(harness.secrets[.viewer]))
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.location == "/incidents")
            let cookie = try #require(signedIn.setCookie(Console.sessionCookie))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(cookie.contains("Path=/"))
            #expect(!cookie.contains("Secure"))
            let list = try await browser.get("/incidents")
            #expect(list.status == .ok)
            #expect(list.text.contains("ana-viewer (viewer)"))

            let sessionID = try #require(await browser.cookies[Console.sessionCookie])
            let out = try await browser.post("/sign-out", ["csrf": try #require(list.csrf)])
            #expect(out.status == .seeOther)
            #expect(out.location == "/sign-in")
            #expect(await browser.cookies[Console.sessionCookie] == nil)
            // The old cookie, replayed, no longer opens a page.
            let after = try await api.client.execute(
                uri: "/incidents", method: .get, headers: [.cookie: "\(Console.sessionCookie)=\(sessionID)"]
            ) { $0.status }
            #expect(after == .seeOther)
        }
    }

    @Test
    func underTLSTheCookieIsSecure() async throws {
        let harness = try await APIHarness.make()
        var configuration = TestServer.configuration()
        configuration.publicBaseURL = "https://runbook.example.com"
        try await harness.run(configuration: configuration) { api in
            let signedIn = try await ConsoleBrowser(api.client).signIn(token: try #require(harness.secrets[.admin]))
            let cookie = try #require(signedIn.setCookie(Console.sessionCookie))
            #expect(cookie.contains("Secure"))
            #expect(cookie.contains("HttpOnly"))
        }
    }

    @Test
    func aLocalUserSignsInWithTheirPasswordAndActsUnderTheirName() async throws {
        let harness = try await APIHarness.make()
        try await harness.store.addConsoleUser(ConsoleUser(
            name: "vic", role: .operator, passwordHash: PasswordHash.make("correct horse battery", cost: 4),
            createdAt: APIHarness.start))
        let id = try #require(try await harness.ingest([APIHarness.alert("DiskFull")]).incidentIDs.first)
        try await harness.run { api in
            let browser = ConsoleBrowser(api.client)
            let wrong = try await browser.signIn(name: "vic", password: "not the password")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("not valid"))
            let unknown = try await browser.signIn(name: "nobody", password: "correct horse battery")
            #expect(unknown.status == .unauthorized)
            let right = try await browser.signIn(name: "vic", password: "correct horse battery")
            #expect(right.status == .seeOther)
            let page = try await browser.get("/incidents/\(id)")
            _ = try await browser.post("/incidents/\(id)/acknowledge", ["csrf": try #require(page.csrf)])
            let detail = try await harness.store.incident(id: id)
            #expect(detail.incident.acknowledgedBy == "vic")
        }
    }

    @Test
    func afterFiveFailuresEvenTheRightPasswordIsRefusedForAWhile() async throws {
        let harness = try await APIHarness.make()
        try await harness.store.addConsoleUser(ConsoleUser(
            name: "vic", role: .viewer, passwordHash: PasswordHash.make("correct horse battery", cost: 4),
            createdAt: APIHarness.start))
        try await harness.run { api in
            let browser = ConsoleBrowser(api.client)
            for _ in 0..<5 {
                #expect(try await browser.signIn(name: "vic", password: "guess").status == .unauthorized)
            }
            let limited = try await browser.signIn(name: "vic", password: "correct horse battery")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.text.contains("Too many failed attempts"))
            #expect(limited.setCookie(Console.sessionCookie) == nil)
            // Tokens from the same address are limited too: the limit is per address as well as per name.
            let token = try await browser.signIn(token: try #require(harness.secrets[.viewer]))
            #expect(token.status == .tooManyRequests)
        }
    }

    @Test
    func theSignInFormNeedsItsOwnToken() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { api in
            let browser = ConsoleBrowser(api.client)
            let forged = try await browser.post(
                "/sign-in", ["csrf": "made-up", "token": try #require(harness.secrets[.admin])])
            #expect(forged.status == .forbidden)
            #expect(forged.setCookie(Console.sessionCookie) == nil)
        }
    }

    @Test(arguments: ["https://evil.example.com/incidents", "//evil.example.com", "/\\evil.example.com"])
    func signInNeverSendsAway(next: String) async throws {
        #expect(Console.safeNext(next) == "/incidents")
    }
}
