import Hummingbird

extension Router where Context == RunbookRequestContext {
    /// Answers a known path with a wrong method by 405 and an `Allow` header, instead of Hummingbird's 404.
    ///
    /// Call after every route is added: it only covers the paths registered so far.
    func addMethodNotAllowedResponders() {
        let methods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]
        var allowed: [String: (path: RouterPath, methods: [HTTPRequest.Method])] = [:]
        for route in routes {
            allowed[route.path.description, default: (route.path, [])].methods.append(route.method)
        }
        for (path, served) in allowed.values {
            let allow = served.contains(.get) && !served.contains(.head) ? served + [.head] : served
            for method in methods where !served.contains(method) {
                on(path, method: method) { request, _ -> Response in
                    throw APIError.methodNotAllowed(request.method, allowed: allow)
                }
            }
        }
    }
}
