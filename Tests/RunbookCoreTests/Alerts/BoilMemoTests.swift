import Testing

@testable import RunbookCore

struct BoilMemoTests {
    static let texts = [
        "[Prometheus]: [FIRING:1] DiskUsageWarning mitx-production (xqwatcher filesystem /dev/root ext4)",
        "DiskUsageWarning: DiskUsageWarning on node-0", "checkout-worker", "", "FIRING 2 - KafkaConsumerLag",
        String(repeating: "LongTitleWord ", count: 60),
    ]

    @Test(arguments: texts)
    func rememberedTextsBoilAsBoilingDoes(text: String) {
        let memo = BoilMemo()
        #expect(memo.boiled(text) == AlertKey.boil(text))
        #expect(memo.boiled(text) == AlertKey.boil(text))
    }

    @Test
    func aFullMemoStartsAfreshAndStaysRight() {
        let memo = BoilMemo()
        for number in 0...BoilMemo.capacity {
            _ = memo.boiled("Alert\(number) on host-\(number)")
        }
        #expect(memo.boiled("Alert7 on host-7") == AlertKey.boil("Alert7 on host-7"))
        #expect(memo.boiled("QueueBacklogGrowing") == "QueueBacklogGrowing")
    }
}
