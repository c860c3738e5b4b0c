import Foundation
import Testing

@testable import RunbookCore

struct IncidentStateMachineTests {
    /// One thing that happens to an incident, at a number of seconds after the start.
    enum Step: Sendable {
        case fire(String, Double)
        case clear(String, Double)
        case acknowledge(Double)
        case resolve(Double)
        case reopen(Double)
    }

    /// A story and what it must leave behind: the state, the events (`+` marks a re-fire) and whether a new
    /// incident was asked for.
    struct Scenario: Sendable, CustomTestStringConvertible {
        var name: String
        var policy = IncidentPolicy(reopenWindow: 600)
        var steps: [Step]
        var state: IncidentState
        var kinds: [String]
        var opensNew = false
        var testDescription: String { name }
    }

    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    static let scenarios: [Scenario] = [
        Scenario(name: "a re-fire is counted, not recorded", steps: [.fire("a", 10), .fire("a", 20), .fire("a", 30)],
                 state: .triggered, kinds: ["+", "+", "+"]),
        Scenario(name: "a second alert is recorded", steps: [.fire("b", 10)], state: .triggered, kinds: ["alertFired"]),
        Scenario(name: "all alerts resolved resolves the incident",
                 steps: [.fire("b", 10), .clear("a", 20), .clear("b", 30)], state: .resolved,
                 kinds: ["alertFired", "alertResolved", "alertResolved", "resolved"]),
        Scenario(name: "one alert still firing keeps it open", steps: [.fire("b", 10), .clear("a", 20)],
                 state: .triggered, kinds: ["alertFired", "alertResolved"]),
        Scenario(name: "auto-resolve can be turned off", policy: IncidentPolicy(autoResolve: false),
                 steps: [.clear("a", 20)], state: .triggered, kinds: ["alertResolved"]),
        Scenario(name: "clearing an unknown or resolved alert changes nothing", steps: [.clear("x", 5), .clear("a", 9),
                 .clear("a", 10)], state: .resolved, kinds: ["alertResolved", "resolved"]),
        Scenario(name: "firing within the window reopens", steps: [.clear("a", 10), .fire("a", 600)],
                 state: .triggered, kinds: ["alertResolved", "resolved", "reopened", "alertFired"]),
        Scenario(name: "firing after the window asks for a new incident", steps: [.clear("a", 10), .fire("a", 611)],
                 state: .resolved, kinds: ["alertResolved", "resolved"], opensNew: true),
        Scenario(name: "a still-firing alert reopens a manually resolved incident",
                 steps: [.resolve(10), .fire("a", 20)], state: .triggered,
                 kinds: ["resolved", "reopened", "alertFired"]),
        Scenario(name: "acknowledging twice records once", steps: [.acknowledge(5), .acknowledge(6)],
                 state: .acknowledged, kinds: ["acknowledged"]),
        Scenario(name: "a re-fire keeps the acknowledgement", steps: [.acknowledge(5), .fire("a", 6)],
                 state: .acknowledged, kinds: ["acknowledged", "+"]),
        Scenario(name: "resolving twice records once", steps: [.resolve(5), .resolve(6)], state: .resolved,
                 kinds: ["resolved"]),
        Scenario(name: "reopening an open incident changes nothing", steps: [.reopen(5)], state: .triggered, kinds: []),
        Scenario(name: "an operator reopens and acknowledges", steps: [.resolve(5), .reopen(6), .acknowledge(7)],
                 state: .acknowledged, kinds: ["resolved", "reopened", "acknowledged"]),
    ]

    static func alert(_ dedupKey: String, severity: String? = nil) -> Alert {
        Alert(source: .alertmanager, labels: ["alertname": dedupKey], title: "Alert \(dedupKey)", dedupKey: dedupKey,
              groupKey: "group", severity: severity)
    }

    @Test(arguments: scenarios)
    func followsTheStory(scenario: Scenario) throws {
        var (machine, _) = IncidentStateMachine.open(
            id: 1, alert: Self.alert("a"), key: "a", match: nil, at: Self.start, policy: scenario.policy)
        var statuses: [String: AlertStatus] = ["a": .firing]
        var kinds: [String] = []
        var opensNew = false
        for step in scenario.steps {
            switch step {
            case .fire(let key, let seconds):
                let action = machine.alertFired(Self.alert(key), previous: statuses[key], match: nil,
                                                at: Self.start + seconds)
                switch action {
                case .recorded(let events): kinds += events.map(\.kind.rawValue)
                case .refired: kinds.append("+")
                case .openNew: opensNew = true
                case .unchanged: break
                }
                if action != .openNew {
                    statuses[key] = .firing
                }
            case .clear(let key, let seconds):
                let action = machine.alertResolved(dedupKey: key, previous: statuses[key], at: Self.start + seconds)
                if case .recorded(let events) = action {
                    kinds += events.map(\.kind.rawValue)
                    statuses[key] = .resolved
                }
            case .acknowledge(let seconds):
                kinds += try machine.acknowledge(by: "ana", at: Self.start + seconds).map(\.kind.rawValue)
            case .resolve(let seconds):
                kinds += machine.resolve(by: "ana", at: Self.start + seconds).map(\.kind.rawValue)
            case .reopen(let seconds):
                kinds += machine.reopen(by: "ana", at: Self.start + seconds).map(\.kind.rawValue)
            }
        }
        #expect(machine.incident.state == scenario.state)
        #expect(kinds == scenario.kinds)
        #expect(opensNew == scenario.opensNew)
    }

    @Test
    func openingRecordsTheAlertAndAConfidentMatch() {
        let match = Match(entry: "ops.md#disk-full", title: "Disk full", score: 0.8, evidence: [])
        let (machine, events) = IncidentStateMachine.open(
            id: 9, alert: Self.alert("a", severity: "warning"), key: "DiskFull db1", match: match, at: Self.start)
        #expect(events.map(\.kind) == [.alertFired, .matched])
        #expect(events.allSatisfy { $0.incidentID == 9 && $0.actor == "alertmanager" })
        #expect(machine.incident.entryID == "ops.md#disk-full")
        #expect(machine.incident.key == "DiskFull db1")
        #expect(machine.incident.severity == "warning")
        #expect(machine.incident.alertCount == 1)
    }

    @Test(arguments: [0.2, 0.49])
    func aWeakMatchNamesNoEntry(score: Double) {
        let match = Match(entry: "ops.md#x", title: "X", score: score, evidence: [])
        let (machine, events) = IncidentStateMachine.open(id: 1, alert: Self.alert("a"), key: "a", match: match,
                                                          at: Self.start)
        #expect(machine.incident.entryID == nil)
        #expect(events.map(\.kind) == [.alertFired])
    }

    @Test
    func aBetterMatchFromALaterAlertReplacesTheEntry() {
        let weak = Match(entry: "ops.md#x", title: "X", score: 0.6, evidence: [])
        let strong = Match(entry: "ops.md#y", title: "Y", score: 0.9, evidence: [])
        var (machine, _) = IncidentStateMachine.open(id: 1, alert: Self.alert("a"), key: "a", match: weak,
                                                     at: Self.start)
        let action = machine.alertFired(Self.alert("b"), previous: nil, match: strong, at: Self.start + 1)
        #expect(machine.incident.entryID == "ops.md#y")
        #expect(machine.incident.score == 0.9)
        guard case .recorded(let events) = action else {
            Issue.record("expected recorded events, got \(action)")
            return
        }
        #expect(events.map(\.kind) == [.alertFired, .matched])
    }

    @Test
    func theWorstSeverityWins() {
        var (machine, _) = IncidentStateMachine.open(
            id: 1, alert: Self.alert("a", severity: "warning"), key: "a", match: nil, at: Self.start)
        _ = machine.alertFired(Self.alert("b", severity: "critical"), previous: nil, match: nil, at: Self.start + 1)
        _ = machine.alertFired(Self.alert("c", severity: "info"), previous: nil, match: nil, at: Self.start + 2)
        #expect(machine.incident.severity == "critical")
        #expect(machine.incident.alertCount == 3)
        #expect(machine.incident.firingCount == 3)
        #expect(machine.incident.lastSeen == Self.start + 2)
    }

    @Test
    func acknowledgingAResolvedIncidentIsRefused() {
        var (machine, _) = IncidentStateMachine.open(id: 4, alert: Self.alert("a"), key: "a", match: nil,
                                                     at: Self.start)
        _ = machine.resolve(by: "ana", at: Self.start + 1)
        #expect(throws: IncidentError.resolved(4)) {
            try machine.acknowledge(by: "bo", at: Self.start + 2)
        }
    }

    @Test(arguments: ["", "  \n "])
    func anEmptyNoteIsRefused(text: String) {
        let (machine, _) = IncidentStateMachine.open(id: 4, alert: Self.alert("a"), key: "a", match: nil,
                                                     at: Self.start)
        #expect(throws: IncidentError.emptyNote(4)) {
            try machine.note(text, by: "ana", at: Self.start)
        }
    }

    @Test
    func reopeningClearsAcknowledgementAndResolution() {
        var (machine, _) = IncidentStateMachine.open(id: 1, alert: Self.alert("a"), key: "a", match: nil,
                                                     at: Self.start)
        _ = try? machine.acknowledge(by: "ana", at: Self.start + 1)
        _ = machine.resolve(by: "ana", at: Self.start + 2)
        let events = machine.reopen(by: "bo", at: Self.start + 3)
        #expect(events.first?.actor == "bo")
        #expect(machine.incident.acknowledgedBy == nil)
        #expect(machine.incident.resolvedAt == nil)
        #expect(machine.incident.state == .triggered)
    }
}
