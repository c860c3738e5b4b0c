import Testing

@testable import RunbookCore

/// Two words an alert writes together (`GitLab`, the `HAProxy` of `HAProxyBackendErrorRateHigh`) are one word where
/// the library writes them as one (`gitlab-rails`, `haproxy.cfg`): the product is counted once, and its halves
/// (`git`, `lab`; `ha`, `proxy`) no longer meet entries about something else.
struct JoinedWordTests {
    static let library = MatchFixtures.library([
        MatchFixtures.entry(
            "incidents/when-gitlab-com-is-down.md", "When GitLab.com is down",
            text: "The whole site is unavailable. Open an incident and check the status page; gitlab-ctl status on "
                + "the front ends tells which of its parts are stopped."),
        MatchFixtures.entry(
            "registry/gitlab-registry.md", "Container registry",
            text: "The registry serves images to gitlab-runner and to users. When it does not respond, check the "
                + "registry pods and the storage bucket; restart them with gitlab-ctl restart registry."),
        MatchFixtures.entry(
            "git/git-stuck-processes.md", "Git stuck processes",
            text: "Long git processes on a file server: find them with ps and kill the stuck ones."),
        MatchFixtures.entry(
            "frontend/haproxy.md", "HAProxy alert troubleshooting",
            text: "Backend errors: the 5xx rate of a backend in haproxy, its servers and their health checks. "
                + "Read the haproxy logs and the backend's status on the stats page."),
        MatchFixtures.entry(
            "rate-limiting/README.md", "Rate limiting",
            text: "The layers that throttle requests to the site."),
        MatchFixtures.entry(
            "rate-limiting/README.md", "HAProxy",
            text: "The haproxy layer limits requests per address before they reach the application.",
            path: ["Rate limiting"], parent: "rate-limiting/README.md#rate-limiting"),
    ])

    static func terms(_ alert: Alert, in library: Library) -> [MatchQuery.Term] {
        MatchIndex(library: library).prepare(alert, key: AlertKey.key(for: alert)).query.terms
    }

    @Test func theTokenizerReportsPartsWrittenTogether() {
        let pairs = MatchTokenizer.tokens("GitLab HAProxyBackend git-lab PVCsPending", pairs: true)
            .filter { $0.kind == .pair }.map(\.term)
        #expect(pairs == ["gitlab", "haproxy", "proxybackend"])
        #expect(!MatchTokenizer.tokens("GitLab").contains { $0.kind == .pair })
    }

    @Test func aProductTheLibraryWritesAsOneWordIsOneWord() {
        let alert = Alert(source: .pingdom, title: "GitLab Container Registry is DOWN", dedupKey: "a")
        let terms = JoinedWordTests.terms(alert, in: JoinedWordTests.library)
        let gitlab = terms.first { $0.term == "gitlab" }
        #expect(gitlab?.kind == .part)
        #expect(gitlab?.parts == ["git", "lab"])
        #expect(!terms.contains { $0.term == "git" || $0.term == "lab" || $0.term.contains("git lab") })
    }

    @Test func partsStayApartWhereTheLibraryWritesThemApart() {
        let library = MatchFixtures.library([
            MatchFixtures.entry("a.md", "GitLab pages", text: "Pages served by GitLab."),
            MatchFixtures.entry("b.md", "Git stuck processes", text: "Long git processes in a lab."),
        ])
        let alert = Alert(source: .pingdom, title: "GitLab Container Registry is DOWN", dedupKey: "a")
        let terms = JoinedWordTests.terms(alert, in: library)
        #expect(terms.contains { $0.term == "git" && $0.kind == .part })
        #expect(terms.contains { $0.term == "lab" && $0.kind == .part })
        #expect(terms.first { $0.term == "gitlab" }?.kind == .compound)
    }

    @Test func partsTheAlertAlsoWritesApartStay() {
        let library = MatchFixtures.library([
            MatchFixtures.entry("a.md", "Rate limits", text: "Set ratelimit headers; the rate and the limit."),
        ])
        let alert = Alert(source: .sentry, title: "RateLimitError: Error code: 429 - rate_limit_error", dedupKey: "a")
        let terms = JoinedWordTests.terms(alert, in: library)
        #expect(terms.contains { $0.term == "rate" } && terms.contains { $0.term == "limit" })
        #expect(!terms.contains { $0.term == "ratelimit" })
    }

    @Test func theProductsOwnEntryAnswersNotTheOneSharingItsHalves() throws {
        let index = MatchIndex(library: JoinedWordTests.library)
        let down = Alert(source: .pingdom, title: "GitLab Container Registry is DOWN", dedupKey: "a")
        #expect(try #require(index.match(down).first).entry == "registry/gitlab-registry.md#container-registry")
        let errors = MatchFixtures.alert(
            name: "HAProxyBackendErrorRateHigh",
            title: "HAProxy is reporting a high rate of 5xx and server connection errors for backend pages_https")
        #expect(try #require(index.match(errors).first).entry
                    == "frontend/haproxy.md#haproxy-alert-troubleshooting")
    }
}
