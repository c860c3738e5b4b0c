extension LintRule {
    static let staleBinding = LintRule(
        id: "stale-binding", severity: .warning,
        summary: "An operator's binding of an alert key (runbook bindings list) names an entry this library no "
            + "longer has, removed or renamed; it is not applied and the key is matched instead. Checked with "
            + "`runbook lint --data DIR`."
    )

    /// The finding for a binding whose entry the library lacks; `nearest` are the ids it may have been renamed to.
    ///
    /// Placed on the file the entry id names (where the entry was), line 1.
    public static func staleBindingFinding(_ binding: Binding, nearest: [String]) -> Finding {
        let entryID = binding.entryID ?? ""
        let file = entryID.split(separator: "#", maxSplits: 1).first.map(String.init) ?? entryID
        var message = "the binding of alert key '\(binding.key)' (\(binding.chosenBy)) names \(entryID), which "
            + "this library does not have; alerts of that key are matched instead"
        if !nearest.isEmpty { message += "; renamed to one of: " + nearest.joined(separator: ", ") + "?" }
        message += ". Choose the entry again (POST /api/v1/incidents/{id}/entry) or run "
            + "`runbook bindings remove '\(binding.key)'`"
        return Finding(rule: staleBinding.id, severity: staleBinding.severity, file: file, line: 1, message: message)
    }
}
