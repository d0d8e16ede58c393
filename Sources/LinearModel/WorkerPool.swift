import Foundation

/// Runs independent jobs on dedicated threads.
///
/// Dedicated threads, not Swift tasks: a solver's per-thread state (GLPK's environment, each
/// problem object) must stay on one OS thread, which a task resumed after an `await` does not
/// guarantee. Each job runs start to finish on one thread; each thread calls `threadExit` before
/// it ends, so the backend can free what it kept for that thread.
public enum WorkerPool {
    /// `work` applied to every input on up to `jobs` threads; outputs in input order.
    /// Blocks the calling thread until every job is done.
    public static func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], jobs: Int, threadExit: @escaping @Sendable () -> Void = {},
        _ work: @escaping @Sendable (Input) -> Output
    ) -> [Output] {
        map(inputs, jobs: jobs, threadExit: threadExit, shouldStop: { false }, work).map { $0! }
    }

    /// Like ``map(_:jobs:threadExit:_:)``, but no new job starts once `shouldStop` returns true
    /// (jobs already running finish); outputs of jobs never started are nil.
    public static func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], jobs: Int, threadExit: @escaping @Sendable () -> Void = {},
        shouldStop: @escaping @Sendable () -> Bool, _ work: @escaping @Sendable (Input) -> Output
    ) -> [Output?] {
        mapPerThread(count: inputs.count, jobs: jobs, threadExit: threadExit) { next, store in
            while !shouldStop(), let index = next() {
                store(index, work(inputs[index]))
            }
        }
    }
}

extension WorkerPool {
    /// The pool itself, for work that keeps state from one input to the next (a solver session
    /// with its model loaded): each of up to `jobs` threads calls `worker` once; `worker` takes
    /// input indices from `next` until it returns nil (or it stops taking them), and hands each
    /// output to `store`. Outputs are in input order; an index never taken or never stored is nil.
    public static func mapPerThread<Output: Sendable>(
        count: Int, jobs: Int, threadExit: @escaping @Sendable () -> Void = {},
        _ worker: @escaping @Sendable (_ next: () -> Int?, _ store: (Int, Output) -> Void) -> Void
    ) -> [Output?] {
        guard count > 0 else { return [] }
        let outputs = Slots<Output>(count: count)
        let group = DispatchGroup()
        for _ in 0..<max(1, min(jobs, count)) {
            group.enter()
            let thread = Thread {
                worker({ outputs.claimNext() }, { outputs.store($1, at: $0) })
                threadExit()
                group.leave()
            }
            // GLPK's branch-and-cut recurses; the default secondary-thread stack is small.
            thread.stackSize = 16 << 20
            thread.start()
        }
        group.wait()
        return outputs.collected()
    }
}

/// Output slots shared by the worker threads. `@unchecked Sendable` because every access goes
/// through `lock`.
private final class Slots<Output>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Output?]
    private var next = 0

    init(count: Int) {
        values = Array(repeating: nil, count: count)
    }

    func claimNext() -> Int? {
        lock.withLock {
            guard next < values.count else { return nil }
            next += 1
            return next - 1
        }
    }

    func store(_ value: Output, at index: Int) {
        lock.withLock { values[index] = value }
    }

    func collected() -> [Output?] {
        lock.withLock { values }
    }
}
