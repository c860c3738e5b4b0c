import Foundation
import Testing

@testable import RunbookCore

struct NotificationPlannerTests {
    private static let start = Date(timeIntervalSince1970: 1_700_000_040)

    private static let table = RouteTable(
        routes: [
            Route(name: "db", matchers: [try! LabelMatcher(parsing: "team=db")], channels: ["db-pager", "db-slack"],
                  continueMatching: true),
            Route(name: "all-db", matchers: [try! LabelMatcher(parsing: "team=~db|web")],
                  channels: ["db-slack", "ops-slack"]),
        ],
        defaultRoute: Route(name: "default", channels: ["ops-slack"]),
        fallbackChannels: ["ops-pager"]
    )

    private static let planner = NotificationPlanner(routes: table, stormLimit: 3, stormWindow: 60)

    private static func change(
        _ kind: IncidentChange.Kind, labels: [String: String] = ["team": "db"], at: Date = start
    ) -> IncidentChange {
        let incident = Incident(
            id: 7, key: "DiskFull db", title: "DiskFull", source: .alertmanager, severity: "critical",
            groupKey: "g", entryID: "db.md#diskfull", openedAt: at, openedBy: "alertmanager"
        )
        return IncidentChange(incident: incident, kind: kind, labels: labels, at: at)
    }

    private static func context(
        silences: [Silence] = [], notified: Set<String> = [], count: @escaping (String, Date) -> Int = { _, _ in 0 }
    ) -> PlanningContext {
        PlanningContext(silences: silences, notifiedChannels: notified, triggeredCount: count)
    }

    private static func silence(_ matcher: String, from: Date = start - 60, to: Date = start + 3600) -> Silence {
        Silence(id: 1, matchers: [try! LabelMatcher(parsing: matcher)], startsAt: from, endsAt: to, createdBy: "ana",
                comment: "maintenance")
    }

    @Test(arguments: [IncidentChange.Kind.opened, .silenceEnded])
    func triggersOncePerChannelOfTheRoutesTaken(kind: IncidentChange.Kind) {
        let plan = Self.planner.plan(Self.change(kind), context: Self.context())
        #expect(plan.silencedBy.isEmpty)
        #expect(plan.deliveries == [
            PlannedDelivery(route: "db", channel: "db-pager", kind: .triggered, dueAt: Self.start),
            PlannedDelivery(route: "db", channel: "db-slack", kind: .triggered, dueAt: Self.start),
            PlannedDelivery(route: "all-db", channel: "ops-slack", kind: .triggered, dueAt: Self.start),
        ])
    }

    @Test func anIncidentNoRouteFitsGoesToTheDefaultRoute() {
        let plan = Self.planner.plan(Self.change(.opened, labels: ["team": "payments"]), context: Self.context())
        #expect(plan.deliveries.map(\.route) == ["default"])
        #expect(plan.deliveries.map(\.channel) == ["ops-slack"])
    }

    @Test func runbooksOwnIncidentsGoToTheFallbackChannels() {
        let plan = Self.planner.plan(
            Self.change(.opened, labels: ["runbook": "self", "team": "db"]), context: Self.context()
        )
        #expect(plan.deliveries.map(\.route) == ["fallback"])
        #expect(plan.deliveries.map(\.channel) == ["ops-pager"])
    }

    @Test(arguments: [IncidentChange.Kind.opened, .silenceEnded, .repeated])
    func aSilenceHoldingForTheLabelsHoldsBackTheNotification(kind: IncidentChange.Kind) {
        let silences = [Self.silence("team=db"), Self.silence("team=web")]
        let plan = Self.planner.plan(Self.change(kind), context: Self.context(silences: silences))
        #expect(plan.deliveries.isEmpty)
        #expect(plan.silencedBy == [silences[0]])
    }

    @Test(arguments: [
        (Self.start, Self.start + 60, true),
        (Self.start - 60, Self.start, false),
        (Self.start + 1, Self.start + 60, false),
    ])
    func aSilenceHoldsOnlyInsideItsWindow(from: Date, to: Date, silenced: Bool) {
        let plan = Self.planner.plan(
            Self.change(.opened), context: Self.context(silences: [Self.silence("team=db", from: from, to: to)])
        )
        #expect(plan.silencedBy.isEmpty == !silenced)
        #expect(plan.deliveries.isEmpty == silenced)
    }

    @Test(arguments: [IncidentChange.Kind.acknowledged, .resolved])
    func followUpsAreNeverSilenced(kind: IncidentChange.Kind) {
        let plan = Self.planner.plan(
            Self.change(kind), context: Self.context(silences: [Self.silence("team=db")], notified: ["db-pager"])
        )
        #expect(plan.silencedBy.isEmpty)
        #expect(plan.deliveries.map(\.channel) == ["db-pager"])
    }

    @Test func repeatsGoTheSameRoutesWithoutStormControl() {
        let plan = Self.planner.plan(Self.change(.repeated), context: Self.context(count: { _, _ in 100 }))
        #expect(plan.deliveries.map(\.channel) == ["db-pager", "db-slack", "ops-slack"])
        #expect(plan.deliveries.allSatisfy { $0.kind == .repeated && $0.digestAt == nil && $0.dueAt == Self.start })
    }

    @Test(arguments: [
        (IncidentChange.Kind.acknowledged, DeliveryKind.acknowledged),
        (.resolved, .resolved),
    ])
    func followUpsGoOnlyWhereTheTriggerWentSorted(kind: IncidentChange.Kind, expected: DeliveryKind) {
        let plan = Self.planner.plan(
            Self.change(kind), context: Self.context(notified: ["ops-slack", "db-pager", "retired-channel"])
        )
        #expect(plan.deliveries == [
            PlannedDelivery(route: "db", channel: "db-pager", kind: expected, dueAt: Self.start),
            PlannedDelivery(route: "all-db", channel: "ops-slack", kind: expected, dueAt: Self.start),
            PlannedDelivery(route: "default", channel: "retired-channel", kind: expected, dueAt: Self.start),
        ])
    }

    @Test func followUpsOfAnIncidentNobodyHeardOfSendNothing() {
        #expect(Self.planner.plan(Self.change(.resolved), context: Self.context()) == .none)
    }

    /// (count already in the window, digest expected)
    @Test(arguments: [(0, false), (2, false), (3, true), (50, true)])
    func aRouteOverItsStormLimitHoldsTriggersForADigest(count: Int, held: Bool) {
        let plan = Self.planner.plan(
            Self.change(.opened, labels: ["team": "web"]), context: Self.context(count: { _, _ in count })
        )
        let windowEnd = Date(timeIntervalSince1970: 1_700_000_040 + 60)
        #expect(plan.deliveries.map(\.digestAt) == [held ? windowEnd : nil, held ? windowEnd : nil])
        #expect(plan.deliveries.allSatisfy { $0.kind == .triggered && $0.dueAt == Self.start })
    }

    @Test func stormControlCountsEachRouteFromTheStartOfItsFixedWindow() {
        var asked: [String: Date] = [:]
        let at = Self.start + 59.5
        let plan = Self.planner.plan(
            Self.change(.opened, at: at),
            context: Self.context(count: { route, since in
                asked[route] = since
                return route == "all-db" ? 3 : 2
            })
        )
        #expect(asked == ["db": Self.start, "all-db": Self.start])
        let windowEnd = Self.start + 60
        #expect(plan.deliveries.map(\.digestAt) == [nil, nil, windowEnd])
    }

    /// (seconds since the epoch, expected window start)
    @Test(arguments: [
        (1_700_000_040.0, 1_700_000_040.0),
        (1_700_000_099.999, 1_700_000_040.0),
        (1_700_000_100.0, 1_700_000_100.0),
        (0.0, 0.0),
    ])
    func stormWindowsAreFixed(seconds: Double, expected: Double) {
        #expect(Self.planner.stormWindowStart(at: Date(timeIntervalSince1970: seconds))
            == Date(timeIntervalSince1970: expected))
    }

    @Test func aStormLimitBelowOneTurnsStormControlOff() {
        let planner = NotificationPlanner(routes: Self.table, stormLimit: 0, stormWindow: 60)
        let plan = planner.plan(Self.change(.opened), context: Self.context(count: { _, _ in 1_000 }))
        #expect(plan.deliveries.count == 3)
        #expect(plan.deliveries.allSatisfy { $0.digestAt == nil })
    }
}
