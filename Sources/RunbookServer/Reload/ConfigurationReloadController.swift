import Hummingbird
import RunbookStore

/// `POST /-/reload` (admin): re-reads the configuration file as SIGHUP does, and says what happened.
///
/// 200 with the routes now in force and the settings that wait for a restart; 422 `reload_failed` with the reason
/// when the file is refused (the old configuration stays); 409 when the server has no reloader (built without
/// `ConfigurationReloadService`, as in tests).
struct ConfigurationReloadController: Sendable {
    let reloader: ConfigurationReloader?
    let authenticator: OperatorAuthenticator

    func addRoutes(to router: Router<RunbookRequestContext>) {
        router.group("-/reload").requiring(.admin, authenticator).post { _, _ in try reload() }
    }

    private func reload() throws -> Response {
        guard let reloader else {
            throw APIError.conflict("this server has no configuration to reload (it was not started by runbook serve)")
        }
        do {
            return try APIResponse.json(try reloader.reload())
        } catch {
            throw APIError(
                status: .unprocessableContent, code: "reload_failed",
                detail: "the configuration was not reloaded, the previous one stays in use: \(error)",
                field: "config")
        }
    }
}
