import Foundation

/// Counts finished jobs across ``WorkerPool`` threads, so that progress can be reported as each
/// one ends. `@unchecked Sendable` because every access goes through `lock`.
public final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    public init() {}

    /// The count after this job's increment.
    public func increment() -> Int { lock.withLock { value += 1; return value } }
}
