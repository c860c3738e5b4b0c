/// Everyday words of chat messages and questions that say nothing about what failed.
///
/// The matcher learns how telling a word is from the library alone (idf), and a small library cannot know
/// that "yesterday", "someone" or "anything" are everyday English: in five documents they are as rare as
/// `pgbouncer`. These words, common in any English text and rarely the subject of a runbook entry, weigh a
/// fifth of other words in a query: a prior from ordinary language, not from any one library. Words that
/// name a failure or a remedy (`error`, `down`, `high`, `restart`, `check`) are deliberately not here.
enum ChatWords {
    /// How much a chat word counts, relative to other words of the same field.
    static let weight = 0.2

    /// Whether `term` (a lowercased, stemmed query term) is an everyday word.
    static func contains(_ term: String) -> Bool {
        stems.contains(term)
    }

    private static let stems: Set<String> = Set(words.map(MatchTokenizer.stem))

    private static let words: [String] = [
        // Time.
        "today", "tonight", "yesterday", "tomorrow", "morning", "afternoon", "evening", "night", "nightly",
        "week", "weeks", "weekend", "month", "months", "year", "years", "day", "days", "hour", "hours",
        "minute", "minutes", "ago", "already", "still", "soon", "later", "earlier", "recently", "lately",
        "always", "never", "sometimes", "often", "usually", "normally", "again", "anymore", "yet", "last",
        "next", "first", "second", "third", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "january", "february", "march", "april", "june", "july", "august",
        "september", "october", "november", "december", "2am", "3am",
        // People and conversation.
        "hi", "hello", "hey", "thanks", "thank", "team", "folks", "someone", "somebody", "anyone", "anybody",
        "everyone", "nobody", "people", "person", "colleague", "colleagues", "myself", "yourself", "ourselves",
        "say", "says", "said", "tell", "told", "ask", "asked", "asks", "asking", "wonder", "wondering", "think",
        "thought", "know", "knew", "guess", "seem", "seems", "seemed", "look", "looks", "looked", "feel",
        "want", "wants", "wanted", "need", "needs", "needed", "wish", "hope", "sure", "maybe", "perhaps",
        "probably", "actually", "really", "basically", "anyway", "though", "although", "instead", "else",
        "great", "good", "fine", "okay", "ok", "nice", "bad", "weird", "strange", "odd", "lot", "lots",
        "bit", "little", "thing", "things", "stuff", "something", "anything", "everything", "nothing",
        "somewhere", "anywhere", "everywhere", "way", "ways", "kind", "sort", "part", "whole", "right",
        "wrong", "able", "supposed", "expected", "happen", "happens", "happened", "happening",
        // Narrative verbs.
        "go", "goes", "going", "went", "gone", "come", "comes", "came", "coming", "make", "makes", "made",
        "take", "takes", "took", "taken", "give", "gives", "gave", "given", "keep", "keeps", "kept", "put",
        "send", "sends", "sent", "write", "wrote", "written", "find", "found", "try", "tried", "trying",
        "turn", "turned", "leave", "left", "bring", "brought", "seen", "saw", "see", "seeing", "mean", "means",
        "meant", "decide", "decides", "decided", "do", "done", "doing", "got", "gotten", "ran",
        // Quantity and degree.
        "many", "few", "several", "whole", "both", "two", "three", "four", "five", "ten", "half", "enough",
        "almost", "nearly", "quite", "rather", "pretty", "even", "ever", "exactly", "only", "also", "too",
        // Place and relation.
        "around", "about", "across", "against", "among", "within", "between", "during", "until", "since",
        "while",
        // Everyday verbs of a report.
        "sit", "sits", "sitting", "hold", "holds", "holding", "held",
    ]
}
