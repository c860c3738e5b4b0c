import Foundation
@testable import RunbookCore
import Testing

/// Titles from a name and a headline: the ASCII fast paths give what the general code gives.
struct AlertTitleTests {
    @Test(arguments: [
        ("DiskFull", "Disk is almost full", "DiskFull: Disk is almost full"),
        ("DiskFull", "diskfull on host-1", "diskfull on host-1"),
        ("diskfull", "DISKFULL on host-1", "DISKFULL on host-1"),
        ("  DiskFull\n", "\tDisk  is\talmost full  ", "DiskFull: Disk is almost full"),
        ("DiskFull", nil, "DiskFull"),
        (nil, "Disk is almost full", "Disk is almost full"),
        ("", "   ", ""),
        ("Straße", "STRASSE voll", "STRASSE voll"),
        ("Ärger", "ärger on db", "ärger on db"),
        ("Node", "first line\nsecond line", "Node: first line"),
    ] as [(String?, String?, String)])
    func joinSkipsEmptyAndRepeatedParts(name: String?, headline: String?, expected: String) {
        #expect(AlertTitle.join(name, headline) == expected)
    }

    @Test(arguments: [
        ("plain title", "plain title"),
        (" leading", "leading"),
        ("trailing ", "trailing"),
        ("double  space", "double space"),
        ("tab\there", "tab here"),
        ("", ""),
        ("\n\nsecond", "second"),
        ("é accent", "é accent"),
    ])
    func cleanCollapsesWhitespaceToOneLine(text: String, expected: String) {
        #expect(AlertTitle.clean(text) == expected)
    }

    @Test
    func cleanKeepsTitlesOfTheLimitAndCutsLongerOnesAtAWord() {
        let words = String(repeating: "abcd ", count: 39)
        let atLimit = words + "abcde"
        #expect(atLimit.count == AlertTitle.limit)
        #expect(AlertTitle.clean(atLimit) == atLimit)
        #expect(AlertTitle.clean(atLimit + "f") == words.dropLast() + "…")
    }
}
