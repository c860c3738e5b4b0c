import Foundation
import Testing

@testable import RunbookCore

struct RouteTableTests {
    private static func matchers(_ texts: [String]) -> [LabelMatcher] {
        texts.map { try! LabelMatcher(parsing: $0) }
    }

    private static let table = RouteTable(
        routes: [
            Route(name: "db", matchers: matchers(["team=db"]), channels: ["db-pager"]),
            Route(name: "not-staging", matchers: matchers(["env!=staging", "team=web"]), channels: ["web-slack"]),
            Route(name: "xq", matchers: matchers(["app=~xq.*"]), channels: ["xq-slack"], continueMatching: true),
            Route(name: "not-xq-critical", matchers: matchers(["app!~xq.*"]), severities: ["critical"],
                  channels: ["pager"]),
            Route(name: "sentry", sources: [.sentry], channels: ["dev-slack"]),
            Route(name: "payments-doc", documents: ["services/payments-api.md"], channels: ["payments-slack"]),
            Route(name: "after-xq", matchers: matchers(["app=xqwatcher"]), channels: ["xq-email", "xq-slack"]),
        ],
        defaultRoute: Route(name: "default", channels: ["ops-slack"]),
        fallbackChannels: ["ops-pager"]
    )

    @Test(arguments: [
        (RoutingSubject(labels: ["team": "db"], source: .alertmanager), ["db"]),
        (RoutingSubject(labels: ["team": "web", "env": "prod"], source: .alertmanager), ["not-staging"]),
        (RoutingSubject(labels: ["team": "web", "env": "staging"], source: .alertmanager), ["default"]),
        (RoutingSubject(labels: ["team": "web"], source: .alertmanager), ["not-staging"]),
        (RoutingSubject(labels: ["app": "xqwatcher"], source: .alertmanager), ["xq", "after-xq"]),
        (RoutingSubject(labels: ["app": "xqueue"], source: .alertmanager, severity: "critical"), ["xq"]),
        (RoutingSubject(labels: ["app": "api"], source: .alertmanager, severity: "CRITICAL"), ["not-xq-critical"]),
        (RoutingSubject(labels: ["app": "api"], source: .alertmanager, severity: "warning"), ["default"]),
        (RoutingSubject(labels: ["app": "api"], source: .alertmanager), ["default"]),
        (RoutingSubject(labels: [:], source: .sentry), ["sentry"]),
        (RoutingSubject(labels: [:], source: .datadog, document: "services/payments-api.md"), ["payments-doc"]),
        (RoutingSubject(labels: [:], source: .datadog, document: "services/other.md"), ["default"]),
        (RoutingSubject(labels: [:], source: .datadog), ["default"]),
        (RoutingSubject(labels: ["runbook": "self", "team": "db"], source: .generic), ["fallback"]),
    ])
    func takesTheRoutesThatFit(subject: RoutingSubject, expected: [String]) {
        #expect(Self.table.routes(for: subject).map(\.name) == expected)
    }

    @Test func ownIncidentsGoByTheRoutesWhenNoFallbackIsSet() {
        var table = Self.table
        table.fallbackChannels = []
        let subject = RoutingSubject(labels: ["runbook": "self", "team": "db"], source: .generic)
        #expect(table.routes(for: subject).map(\.name) == ["db"])
    }

    @Test func theFallbackRouteSendsToTheFallbackChannels() {
        let routes = Self.table.routes(for: RoutingSubject(labels: ["runbook": "self"], source: .generic))
        #expect(routes.map(\.channels) == [["ops-pager"]])
    }

    @Test func everyConditionOfARouteMustHold() {
        let route = Route(
            name: "all", matchers: Self.matchers(["team=db"]), sources: [.alertmanager], severities: ["critical"],
            documents: ["db.md"], channels: ["x"]
        )
        let fitting = RoutingSubject(labels: ["team": "db"], source: .alertmanager, severity: "critical",
                                     document: "db.md")
        #expect(route.fits(fitting))
        var wrongLabel = fitting
        wrongLabel.labels = ["team": "web"]
        var wrongSource = fitting
        wrongSource.source = .pingdom
        var wrongSeverity = fitting
        wrongSeverity.severity = "warning"
        var noDocument = fitting
        noDocument.document = nil
        for subject in [wrongLabel, wrongSource, wrongSeverity, noDocument] {
            #expect(!route.fits(subject))
        }
    }

    @Test func channelsOfSeveralRoutesAreListedOnceWithTheFirstRouteNamingThem() {
        let subject = RoutingSubject(labels: ["app": "xqwatcher"], source: .alertmanager)
        let channels = RouteTable.channels(of: Self.table.routes(for: subject))
        #expect(channels.map(\.channel) == ["xq-slack", "xq-email"])
        #expect(channels.map(\.route) == ["xq", "after-xq"])
    }

    @Test(arguments: [
        ("db-pager", [String](), "db"),
        ("xq-slack", [], "xq"),
        ("xq-email", [], "after-xq"),
        ("ops-pager", [], "fallback"),
        ("ops-slack", [], "default"),
        ("gone-channel", [], "default"),
        ("xq-slack", ["after-xq"], "after-xq"),
    ])
    func findsTheRouteNamingAChannel(channel: String, preferring: [String], expected: String) {
        let taken = Self.table.routes.filter { preferring.contains($0.name) }
        #expect(Self.table.routeName(naming: channel, preferring: taken) == expected)
    }
}
