import Allocation
import ArgumentParser
import Foundation
import GLPKBackend

/// Exit codes shared by every command, now and later.
public enum AllotExitCode: Int32, Sendable {
    /// Optimal, or a MIP within its gap.
    case success = 0
    /// Infeasible or unbounded; the answer is still printed.
    case noSolution = 1
    /// Invalid input or usage; one line on stderr.
    case invalidInput = 2
    /// A limit stopped the solve, or it failed numerically.
    case limitOrFailure = 3
}

/// A failure to report to the user as one line on stderr, with its exit code.
public struct AllotFailure: Error, CustomStringConvertible {
    public var message: String
    public var exitCode: AllotExitCode

    public init(_ message: String, exitCode: AllotExitCode = .invalidInput) {
        self.message = message
        self.exitCode = exitCode
    }

    public var description: String { message }
}

extension AllotFailure {
    /// A scenario error lists its diagnostics, one per line; every other analysis error is one
    /// line. All are the user's to fix (exit 2), a refused recipe included.
    init(analysisError error: any Error) {
        switch error {
        case let error as AnalysisError:
            if case .scenario(let scenarioError) = error {
                self.init(scenarioError.diagnostics.map(\.description).joined(separator: "\n"))
            } else {
                self.init(error.description)
            }
        case let error as ScenarioError: self.init(error.diagnostics.map(\.description).joined(separator: "\n"))
        default: self.init("\(error)")
        }
    }
}

/// Entry point: parses the command line, runs the command and turns every outcome into an exit code.
public enum AllotMain {
    public static func run(arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        do {
            var command = try Allot.parseAsRoot(arguments)
            try command.run()
            exit(AllotExitCode.success.rawValue)
        } catch let failure as AllotFailure {
            printError(failure.message)
            exit(failure.exitCode.rawValue)
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            let parserCode = Allot.exitCode(for: error)
            if parserCode == .success {
                print(Allot.fullMessage(for: error))
                exit(0)
            }
            let message = Allot.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            printError(message)
            exit(AllotExitCode.invalidInput.rawValue)
        }
    }

    /// One line per problem, each starting `allot: `.
    static func printError(_ message: String) {
        let text = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
        let lines = text.split(separator: "\n").map { "allot: \($0)\n" }.joined()
        FileHandle.standardError.write(Data(lines.utf8))
    }
}

/// Allot's release, which `allot --version` prints with the GLPK it runs on: together they say
/// which figures a report can be reproduced with.
public enum AllotVersion {
    public static let number = "0.9.0"
    public static var text: String { "allot \(number) (GLPK \(GLPKSolver.version))" }
}

struct Allot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allot",
        abstract: "Allocate budget and staff for maximum weighted impact, with GLPK.",
        discussion: "Exit codes: 0 optimal (or MIP within its gap); 1 infeasible or unbounded; 2 invalid input or usage; 3 limit reached or numerical failure.",
        version: AllotVersion.text,
        subcommands: [RunCommand.self, SolveCommand.self, SensitivityCommand.self, CostCommand.self, SweepCommand.self, CurveCommand.self, ExploreCommand.self, RobustCommand.self, MergeCommand.self, ChangesCommand.self, BenchCommand.self, GenerateCommand.self, LPCommand.self]
    )
}

struct LPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lp",
        abstract: "Work with linear programs in CPLEX LP or free MPS files.",
        subcommands: [LPSolveCommand.self]
    )
}
