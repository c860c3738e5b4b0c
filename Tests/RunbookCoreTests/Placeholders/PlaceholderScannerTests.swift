import Testing

@testable import RunbookCore

struct PlaceholderScannerTests {
    private func raws(_ text: String) -> [String] {
        PlaceholderScanner.placeholders(in: text).map(\.raw)
    }

    @Test func findsEveryForm() {
        let text = "ssh <ENVIRONMENT>-salt -l <your-username> ${task_type} $NAMESPACE "
            + "{{ .Labels.pod }} {{ $labels.job }}"
        let found = PlaceholderScanner.placeholders(in: text)
        #expect(found.map(\.raw) == [
            "<ENVIRONMENT>", "<your-username>", "${task_type}", "$NAMESPACE", "{{ .Labels.pod }}", "{{ $labels.job }}",
        ])
        #expect(found.map(\.name) == ["ENVIRONMENT", "your-username", "task_type", "NAMESPACE", "pod", "job"])
        #expect(found.map(\.syntax) == [.angle, .angle, .braced, .dollar, .template, .template])
    }

    @Test(arguments: [
        "line<br>break <details> <summary>x</summary>", "value <<<<<<<< here", "<a href=\"x\">link</a>",
        "echo $1 $? $$ $@ $(date) $# $*", "<<EOF> x", "echo $HOME $PATH $USER", "<https://example.com>",
        "a < b and c > d", "for pod in $(kubectl get pods); do echo $pod; done", "\\$ESCAPED",
        "{{#is_alert}} {{/is_alert}}", "cat <<EOF",
    ])
    func ignoresWhatIsNotAPlaceholder(text: String) {
        #expect(raws(text).isEmpty)
    }

    @Test func findsPlaceholdersGluedToAWord() {
        #expect(raws("git tag v<VERSION> && ssh ip-<IP>.internal") == ["<VERSION>", "<IP>"])
    }

    @Test func skipsVariablesTheSnippetAssignsItself() {
        #expect(raws("NS=$(kubectl get ns -o name)\necho $NS ${NS} $CLUSTER") == ["$CLUSTER"])
        #expect(raws("export TOKEN=abc; for NODE in a b; do ssh $NODE; done; curl -H $TOKEN") == [])
    }

    @Test func reportsEachPlaceholderOnceInOrderOfAppearance() {
        #expect(raws("<Y> <X> <Y> $C <X>") == ["<Y>", "<X>", "$C"])
    }
}
