import Foundation
import Logging
import RunbookCore
import RunbookNotify
import RunbookStore

extension ServerConfiguration {
    /// The SQLite database file inside the data folder.
    public var databasePath: String {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent("runbook.sqlite").path
    }

    /// How incidents group, resolve and reopen, from these settings.
    public var incidentPolicy: IncidentPolicy {
        IncidentPolicy(
            autoResolve: autoResolveIncidents,
            reopenWindow: Double(reopenWindow.components.seconds)
                + Double(reopenWindow.components.attoseconds) / 1e18
        )
    }

    /// Opens (creating the data folder and database if needed) the store the server and admin commands share.
    ///
    /// The folder is made 0700 and the database files 0600 (they hold signing secrets and raw payloads); a mode
    /// that had to be tightened is logged as `data.permissions_tightened` on `logger`. `planner` decides the
    /// deliveries of incident changes (the server passes one it can reload); by default, `notificationPlanner`.
    public func openStore(logger: Logger? = nil, planner: (any DeliveryPlanning)? = nil) throws -> SQLiteStore {
        for path in try SQLiteStore.securePermissions(folder: dataDirectory, database: databasePath) {
            logger?.warning("data.permissions_tightened", metadata: ["path": .string(path)])
        }
        return try SQLiteStore(
            path: databasePath,
            configuration: StoreConfiguration(
                policy: incidentPolicy, planner: planner ?? notificationPlanner, maxQueuedWrites: limits.maxQueuedWrites
            )
        )
    }

    /// The planner the store calls for every incident change; nil when no channel is configured.
    public var notificationPlanner: NotificationPlanner? {
        guard notifications.isEnabled else { return nil }
        return NotificationPlanner(
            routes: notifications.routes, stormLimit: notifications.stormLimit, stormWindow: notifications.stormWindow
        )
    }
}
