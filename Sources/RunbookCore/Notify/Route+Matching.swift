extension Route {
    /// True when every condition the route gives holds for the subject.
    ///
    /// A subject without a severity (or a document) fails a route that lists severities (or documents).
    /// Severities compare case-insensitively; documents compare exactly.
    public func fits(_ subject: RoutingSubject) -> Bool {
        guard matchers.allSatisfy({ $0.matches(subject.labels) }) else { return false }
        if !sources.isEmpty, !sources.contains(subject.source) { return false }
        if !severities.isEmpty {
            guard let severity = subject.severity, severities.contains(where: { $0.lowercased() == severity })
            else { return false }
        }
        if !documents.isEmpty {
            guard let document = subject.document, documents.contains(document) else { return false }
        }
        return true
    }
}
