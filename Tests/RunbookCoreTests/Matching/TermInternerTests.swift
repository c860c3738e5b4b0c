import Testing

@testable import RunbookCore

struct TermInternerTests {
    /// The index reads fields through `TermInterner`, queries through `MatchTokenizer.tokens`: both must agree.
    @Test(arguments: [
        "DiskUsageWarning on ip-10-7-0-78 (xqwatcher filesystem /dev/root ext4)",
        "Pull mirrors are failing; see https://gitlab.example.com/a/b and gitlab.com for the status page.",
        "hubspot_xpro.tasks.sync_contact_with_hubspot failed 3 times in 5m — retrying… “quoted” café-Übung",
        "The of and a I x: odl-video-service HighHTTP5xxRate KubePodCrashLooping api.example.io",
    ])
    func internsTheTermsTheTokenizerEmits(text: String) {
        var interner = TermInterner()
        interner.read([text, text], bigrams: true)
        // Pairs too (`KubePodCrashLooping` → `crashloop`), but a chunk of two parts (`HighHTTP` → `highhttp`) once:
        // its pair and its compound are one term.
        var tokens: [MatchTokenizer.Token] = []
        for token in MatchTokenizer.tokens(text, bigrams: true, pairs: true) {
            if token.kind == .compound, token.width == 2, let last = tokens.last, last.kind == .pair,
               last.term == token.term {
                continue
            }
            tokens.append(token)
        }
        let interned = interner.occurrences.map { id -> String in
            let bytes = interner.vocabulary.bytes(id)
            if !bytes.isEmpty { return String(decoding: bytes, as: UTF8.self) }
            let key = interner.bigrams.pairs.first { $0.id == id }?.key ?? 0
            let first = String(decoding: interner.vocabulary.bytes(Int32(truncatingIfNeeded: key >> 32)), as: UTF8.self)
            let second = String(decoding: interner.vocabulary.bytes(Int32(truncatingIfNeeded: key)), as: UTF8.self)
            return first + " " + second
        }
        #expect(interned == (tokens + tokens).map(\.term))
        #expect(interner.length == 2 * tokens.filter { $0.kind == .part }.count)
    }
}
