import Testing

@testable import RunbookCore

/// `JSONObject.fold`'s shortcut for keys already folded gives what lowercasing and filtering give.
struct JSONObjectFoldTests {
    static func slowFold(_ key: String) -> String {
        String(key.lowercased().filter { $0 != "_" && $0 != "-" && $0 != "$" })
    }

    @Test(arguments: [
        "", "alertname", "startsAt", "STARTS_AT", "starts-at", "$type", "generatorURL", "labels", "x.y/z:1",
        "Ärger", "straße", "İstanbul", "ΣΊΣΥΦΟΣ", "日本", "emoji🔥", "a_b-c$d", "ALL", "with space", "0123",
    ])
    func agreesWithLowercasingAndFiltering(_ key: String) {
        #expect(JSONObject.fold(key) == Self.slowFold(key))
    }

    @Test
    func looseLookupStillIgnoresCaseUnderscoresAndDashes() {
        var object = JSONObject()
        object.set("Alert_Name", .string("DiskFull"))
        object.set("startsat", .string("now"))
        #expect(object.loose(["alertname"])?.key == "Alert_Name")
        #expect(object.loose(["starts-At"])?.key == "startsat")
        #expect(object.loose(["missing"]) == nil)
    }
}
