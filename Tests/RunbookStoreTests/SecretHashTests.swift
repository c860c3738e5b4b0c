import RunbookStore
import Testing

struct SecretHashTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ])
    func hashesWithSHA256(secret: String, hash: String) {
        #expect(SecretHash.of(secret) == hash)
    }

    @Test(arguments: ["rbt_a", "rbt_b", "", "rbt_abc"])
    func matchesOnlyTheSameSecret(presented: String) {
        let stored = SecretHash.of("rbt_abc")
        #expect(SecretHash.matches(presented, storedHash: stored) == (presented == "rbt_abc"))
    }

    @Test
    func refusesAMalformedStoredHash() {
        #expect(!SecretHash.matches("rbt_abc", storedHash: "short"))
    }

    @Test
    func systemSecretsDiffer() {
        let generator = SecretGenerator()
        #expect(generator.make(prefix: "x_") != generator.make(prefix: "x_"))
    }
}
