import Testing

@testable import RunbookServer

struct LibraryHolderTests {
    @Test
    func replacingReturnsThePreviousSnapshot() {
        let holder = LibraryHolder()
        #expect(holder.current == nil)
        #expect(holder.replace(with: TestServer.snapshot(entries: 1))?.revision == nil)
        #expect(holder.replace(with: TestServer.snapshot(entries: 2))?.revision == "rev-1")
        #expect(holder.current?.revision == "rev-2")
    }

    /// Readers run while a writer publishes snapshots of different sizes; every snapshot a reader takes must be
    /// whole: its revision, library and index all describe the same number of entries.
    @Test
    func concurrentReadersNeverSeeAHalfBuiltIndex() async {
        let holder = LibraryHolder(TestServer.snapshot(entries: 1))
        let torn = await withTaskGroup(of: Int.self) { group in
            group.addTask {
                for size in 2...60 {
                    holder.replace(with: TestServer.snapshot(entries: size))
                    await Task.yield()
                }
                return 0
            }
            for _ in 0..<4 {
                group.addTask {
                    var torn = 0
                    for _ in 0..<2_000 {
                        guard let snapshot = holder.current else { continue }
                        let size = snapshot.library.entries.count
                        if snapshot.revision != "rev-\(size)" || snapshot.entryCount != size { torn += 1 }
                    }
                    return torn
                }
            }
            return await group.reduce(0, +)
        }
        #expect(torn == 0)
        #expect(holder.current?.revision == "rev-60")
    }
}
