/// Submits each request from a task of its own, all at once, and gathers what came of each by request: how the group
/// committers' tests queue many callers behind one write.
func submitEach(
    _ requests: ClosedRange<Int>, _ submit: @escaping @Sendable (Int) async throws -> Int
) async -> [Int: Result<Int, any Error>] {
    await withTaskGroup(of: (Int, Result<Int, any Error>).self) { group in
        for request in requests {
            group.addTask {
                do {
                    return (request, .success(try await submit(request)))
                } catch {
                    return (request, .failure(error))
                }
            }
        }
        return await group.reduce(into: [Int: Result<Int, any Error>]()) { $0[$1.0] = $1.1 }
    }
}
