import Foundation
import RunbookCore
import Testing

struct IncidentGroupTests {
    static func alert(group: String) -> Alert {
        Alert(source: .alertmanager, title: "DiskUsageWarning", dedupKey: UUID().uuidString, groupKey: group)
    }

    @Test
    func alertsOfOneGroupButDifferentKeysGetDifferentGroupKeys() {
        let group = #"{}:{alertname="DiskUsageWarning"}"#
        let checkout = IncidentGroup.key(for: Self.alert(group: group), key: "DiskUsageWarning checkout-worker")
        let search = IncidentGroup.key(for: Self.alert(group: group), key: "DiskUsageWarning search-indexer")
        #expect(checkout != search)
        #expect(checkout.hasPrefix(group))
    }

    @Test
    func alertsOfOneGroupAndOneKeyShareTheGroupKey() {
        let first = IncidentGroup.key(for: Self.alert(group: "g"), key: "DiskFull db")
        let second = IncidentGroup.key(for: Self.alert(group: "g"), key: "DiskFull db")
        #expect(first == second)
    }

    @Test
    func anOpenedIncidentIsFiledUnderItsGroupAndKey() {
        let alert = Self.alert(group: "g")
        let opened = IncidentStateMachine.open(id: 1, alert: alert, key: "DiskFull db", match: nil, at: Date())
        #expect(opened.machine.incident.groupKey == IncidentGroup.key(for: alert, key: "DiskFull db"))
    }
}
