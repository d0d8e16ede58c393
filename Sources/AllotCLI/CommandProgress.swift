import ArgumentParser
import Foundation

/// `--quiet` for every command that can run longer than 2 s.
struct ProgressOptions: ParsableArguments {
    @Flag(help: "No progress line on the terminal (progress is never written into a pipe or file).")
    var quiet = false
}

/// One line of progress on stderr for a command that can run longer than 2 s: what it is doing,
/// how far it is (when the work is counted) and for how long. Only when stderr is a terminal and
/// `--quiet` is not given, and only once the command has run for 2 s, so that quick commands and
/// pipes see nothing. The line is rewritten in place and cleared before the command prints.
///
/// A background thread draws the line, so that a long single call (a whole-posts MIP, a curve)
/// still shows it is alive; `@unchecked Sendable` because every access goes through `lock`.
final class CommandProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let start = Date()
    private let delay: TimeInterval
    private var phase: String
    private var detail: String?
    private var running: Bool
    private var shown = false

    private init(phase: String, active: Bool, delay: TimeInterval) {
        self.phase = phase
        self.delay = delay
        running = active
        if active { Thread.detachNewThread { [self] in self.draw() } }
    }

    /// `ALLOT_PROGRESS_AFTER` (seconds) moves the 2 s threshold, for tests.
    static func start(_ phase: String, options: ProgressOptions) -> CommandProgress {
        let delay = ProcessInfo.processInfo.environment["ALLOT_PROGRESS_AFTER"].flatMap(Double.init).map { max(0, $0) } ?? 2
        return CommandProgress(phase: phase, active: !options.quiet && isatty(STDERR_FILENO) == 1, delay: delay)
    }

    /// What the command does now ("solving", "walking the curve").
    func set(phase: String, detail: String? = nil) {
        lock.withLock { self.phase = phase; self.detail = detail }
    }

    /// How far it is, e.g. "piece 12, at CHF 640,000k".
    func set(detail: String) {
        lock.withLock { self.detail = detail }
    }

    /// A counter for work done in jobs: "3 of 10 scenarios".
    func counter(_ noun: String) -> @Sendable (Int, Int) -> Void {
        { [self] finished, total in set(detail: "\(finished) of \(total) \(noun)") }
    }

    /// Stops the line and clears it; call before printing the result.
    func finish() {
        let clear = lock.withLock { () -> Bool in
            defer { running = false; shown = false }
            return running && shown
        }
        if clear { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    private func draw() {
        while true {
            Thread.sleep(forTimeInterval: 0.2)
            let line = lock.withLock { () -> String? in
                guard running else { return nil }
                let elapsed = Date().timeIntervalSince(start)
                guard elapsed >= delay else { return "" }
                shown = true
                return "\rallot: \(phase)" + (detail.map { ": \($0)" } ?? "") + String(format: " (%.0f s)", elapsed) + "\u{1B}[K"
            }
            guard let line else { return }
            if !line.isEmpty { FileHandle.standardError.write(Data(line.utf8)) }
        }
    }
}
