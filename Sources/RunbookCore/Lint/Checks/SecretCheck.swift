/// `secret`: credentials pasted into a runbook, which every reader of the repository can then use.
struct SecretCheck: LintCheck {
    var rules: [LintRule] { [.secret] }

    func findings(in context: LintContext) -> [Finding] {
        context.library.documents.flatMap { document in
            SecretScanner.scan(document.lines).map { hit in
                LintRule.secret.finding(
                    document.file, line: hit.line,
                    "\(hit.kind) pasted into the document (\(SecretScanner.mask(hit.value))); revoke it, remove it "
                        + "from the file and its git history, and refer to where it is stored instead "
                        + "(e.g. a Vault path or a <PLACEHOLDER>)."
                )
            }
        }
    }
}
