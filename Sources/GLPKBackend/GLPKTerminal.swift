import CGLPK

/// GLPK's terminal output is per thread: every entry point silences it on the thread it runs on.
enum GLPKTerminal {
    static func silence() {
        _ = glp_term_out(GLP_OFF)
    }

    /// Runs `body` with GLPK's messages captured instead of printed, so that read and write
    /// errors (which GLPK only prints) can be passed on to the user.
    static func capturing<T>(_ body: () throws -> T) rethrows -> (result: T, output: String) {
        let buffer = TerminalBuffer()
        let unmanaged = Unmanaged.passRetained(buffer)
        glp_term_hook(captureTerminalLine, unmanaged.toOpaque())
        _ = glp_term_out(GLP_ON)
        defer {
            _ = glp_term_out(GLP_OFF)
            glp_term_hook(nil, nil)
            unmanaged.release()
        }
        let result = try body()
        return (result, buffer.text)
    }
}

/// Only ever touched on the thread that installed the hook.
private final class TerminalBuffer {
    var text = ""
}

/// A free function, not a closure: GLPK calls it as a C function pointer.
private func captureTerminalLine(_ info: UnsafeMutableRawPointer?, _ text: UnsafePointer<CChar>?) -> Int32 {
    if let info, let text {
        Unmanaged<TerminalBuffer>.fromOpaque(info).takeUnretainedValue().text += String(cString: text)
    }
    return 1 // non-zero: GLPK prints nothing itself
}
