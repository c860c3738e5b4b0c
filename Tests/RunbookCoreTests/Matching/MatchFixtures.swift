@testable import RunbookCore

/// Hand-built libraries and alerts for the matcher's unit tests.
enum MatchFixtures {
    /// One entry of `file`; its id is `file#anchor`, the anchor derived crudely from the title.
    static func entry(
        _ file: String, _ title: String, text: String = "", aliases: [String] = [], path: [String] = [],
        parent: String? = nil
    ) -> Entry {
        let anchor = String(title.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
        return Entry(
            id: "\(file)#\(anchor)", file: file, anchor: anchor, title: title, aliases: aliases,
            level: path.count + 1, line: 1, path: path, parentID: parent, text: text)
    }

    /// A library of one document per file, entries in the order given.
    static func library(_ entries: [Entry]) -> Library {
        var files: [String] = []
        var byFile: [String: [Entry]] = [:]
        for entry in entries {
            if byFile[entry.file] == nil { files.append(entry.file) }
            byFile[entry.file, default: []].append(entry)
        }
        return Library(documents: files.map { Document(file: $0, entries: byFile[$0] ?? []) })
    }

    /// An Alertmanager-style alert.
    static func alert(
        name: String? = nil, title: String, text: String = "", labels: [String: String] = [:],
        annotations: [String: String] = [:]
    ) -> Alert {
        var allLabels = labels
        if let name { allLabels["alertname"] = name }
        return Alert(
            source: .alertmanager, labels: allLabels, annotations: annotations, title: title, text: text,
            dedupKey: "test")
    }

    /// A small operations library of our own writing: two products with disk alerts, two access-key
    /// alerts told apart by one word, a heading with a placeholder, and a doc whose child is generic.
    static let operations: Library = library([
        entry("ops.md", "Products"),
        entry("ops.md", "Queue Watcher", path: ["Products"], parent: "ops.md#products"),
        entry(
            "ops.md", "DiskUsageWarning qwatch", text: "The qwatch log directory fills the root volume.",
            path: ["Products", "Queue Watcher"], parent: "ops.md#queue-watcher"),
        entry("ops.md", "Forum", path: ["Products"], parent: "ops.md#products"),
        entry(
            "ops.md", "DiskUsageWarning forum-apps (forum filesystem /dev/sda1)",
            text: "Low disk on the forum nodes often comes with the connection pooler failing.",
            aliases: ["[Pingdom] Forum production home page has an alert"],
            path: ["Products", "Forum"], parent: "ops.md#forum"),
        entry(
            "ops.md", "InvalidAccessKeyProduction apps (video-service critical)",
            text: "Instance credentials for the bucket went stale; refresh the instances.", path: ["Products"],
            parent: "ops.md#products"),
        entry(
            "ops.md", "AlternateInvalidAccessKeyProduction production (shop-ecommerce critical)",
            text: "Refresh the proxy credentials for the hosting platform.", path: ["Products"],
            parent: "ops.md#products"),
        entry(
            "ops.md", "MemoryUsageWarning operations-<ENVIRONMENT>",
            text: "Restart the configuration master service and check free memory.", path: ["Products"],
            parent: "ops.md#products"),
        entry(
            "monitoring/heartbeat.md", "Heartbeat monitor missing",
            text: "The alert pipeline stopped sending its heartbeat to the external monitor."),
        entry(
            "monitoring/heartbeat.md", "Possible checks",
            text: "Look for a silence on the heartbeat alert and read the pipeline logs.",
            path: ["Heartbeat monitor missing"], parent: "monitoring/heartbeat.md#heartbeat-monitor-missing"),
    ])
}
