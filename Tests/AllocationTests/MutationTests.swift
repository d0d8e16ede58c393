import Allocation
import AllocationReports
import AllotTestSupport
import Foundation
import GLPKBackend
import LinearModel
import LPReports
import Testing

/// Seeded mutants of the shipped scenarios and of LP files through the same path as the CLI
/// (load, solve by the recipe, render every report; read, solve with sensitivity): each must end
/// in an error or a plan (exit 0, 1, 2 or 3), with valid JSON, within a time budget, and never
/// with a signal (which would end this test process). `ALLOT_MUTANTS=100000` runs more.
@Suite("Mutants of the shipped inputs")
struct MutationTests {
    /// Hostile values and tokens the audit used: numbers at and past every edge, YAML and LP
    /// syntax in the wrong place.
    static let numbers = ["1e20", "-1", "0", "1e-300", "nan", ".nan", ".inf", "-.inf", "1.8e308", "1e308", "99999999999999999999", "-0",
                          "1e12", "1e-7", "2147483648", "-2147483649", "3.5", "0x10", "1_000", "+5", "inf", "-inf", "1e300", "5e-324"]
    static let tokens = ["&a ", "*a", "[", "{", "]", "}", "\"", "'", ": ", "- ", "!!binary ", "~", "null", "\t", "---\n", "<<: *a", "? ",
                         "#", ",", "=", "<=", ">=", "Bounds\n", "End\n", "Subject To\n", "General\n", "x", "-", "+"]

    struct Mutator {
        var random: SeededGenerator

        mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }

        mutating func mutate(_ text: String) -> String {
            var lines = text.components(separatedBy: "\n")
            for _ in 0..<Int.random(in: 1...3, using: &random) where !lines.isEmpty {
                let index = Int.random(in: 0..<lines.count, using: &random)
                switch Int.random(in: 0..<12, using: &random) {
                case 0, 1, 8, 9, 10, 11:
                    // A number replaced by a hostile one (the most productive mutation).
                    let line = lines[index]
                    let numbers = line.matches(of: /-?[0-9][0-9_.eE+-]*/)
                    if let match = numbers.isEmpty ? nil : pick(numbers.map { $0 }) {
                        lines[index] = line.replacingCharacters(in: match.range, with: pick(MutationTests.numbers))
                    } else {
                        lines[index] += " " + pick(MutationTests.numbers)
                    }
                case 2: lines.remove(at: index)
                case 3: lines.insert(lines[index], at: index)
                case 4: lines.swapAt(index, Int.random(in: 0..<lines.count, using: &random))
                case 5:
                    var line = Array(lines[index])
                    line.insert(contentsOf: pick(MutationTests.tokens), at: Int.random(in: 0...line.count, using: &random))
                    lines[index] = String(line)
                case 6: lines[index] = (Bool.random(using: &random) ? "  " : "") + lines[index].drop { $0 == " " && Bool.random(using: &random) }
                default:
                    let joined = lines.joined(separator: "\n")
                    return String(joined.prefix(Int.random(in: 0...joined.count, using: &random)))
                }
            }
            return lines.joined(separator: "\n")
        }
    }

    /// How a mutant ended, as the CLI's exit code would say.
    enum Outcome: Sendable, Equatable { case plan(Int), error, slow(String), badJSON(String) }

    static var count: Int { ProcessInfo.processInfo.environment["ALLOT_MUTANTS"].flatMap(Int.init) ?? 2_000 }

    static func scenarioMutant(_ text: String, in root: URL, name: String) -> Outcome {
        let file = root.appendingPathComponent(name)
        guard (try? Data(text.utf8).write(to: file)) != nil else { return .error }
        let started = Date()
        let scenario: Scenario
        do { scenario = try Scenario.load(file).scenario } catch { return .error }
        let solved: SolvedScenario
        do { solved = try ScenarioDriver.solve(scenario, with: GLPKSolver()) } catch { return .plan(3) }
        let plan = solved.plan
        let json = plan.json().rendered()
        _ = plan.markdown(); _ = plan.text(); _ = plan.html(); _ = plan.allocationsCSV()
        _ = plan.appendixTables().map { $0.csv() }
        guard (try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil else { return .badJSON(String(json.prefix(200))) }
        let seconds = Date().timeIntervalSince(started)
        // Whole posts stop at the scenario's own time limit (at most a day); an LP at its budget.
        let budget = scenario.staff.wholePosts ? scenario.mip.timeLimit + 30 : 60
        if seconds > budget { return .slow("\(name): \(seconds) s") }
        switch plan.termination {
        case .optimal, .feasible: return .plan(0)
        case .infeasible, .unbounded, .infeasibleOrUnbounded: return .plan(1)
        default: return .plan(3)
        }
    }

    static func lpMutant(_ text: String, in root: URL, name: String) -> Outcome {
        let path = root.appendingPathComponent(name).path
        guard (try? Data(text.utf8).write(to: URL(fileURLWithPath: path))) != nil else { return .error }
        let model: Model
        do { model = try ModelFile.read(from: path, format: name.hasSuffix(".mps") ? .freeMPS : .cplexLP) } catch { return .error }
        var options = SolveOptions()
        options.computeSensitivity = true
        options.timeLimit = 30
        guard let solution = try? GLPKSolver().solve(model, options: options) else { return .plan(3) }
        let json = SolutionReport(model: model, solution: solution, solverName: "GLPK").json().rendered()
        guard (try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil else { return .badJSON(String(json.prefix(200))) }
        return .plan(solution.hasSolution ? 0 : 1)
    }

    @Test func everyMutantEndsInAPlanOrAnError() throws {
        let folder = try TemporaryDirectory()
        let root = folder.url
        // The scenarios with what they extend; whole posts on the tiny organisation only (the
        // ITU whole-posts search takes its 10 s a mutant).
        for file in try FileManager.default.contentsOfDirectory(atPath: TestPaths.shippedScenarios.path) where file.hasSuffix(".yaml") {
            try FileManager.default.copyItem(at: TestPaths.shippedScenarios.appendingPathComponent(file), to: root.appendingPathComponent(file))
        }
        for file in ["tiny.yaml", "tiny-whole-posts.yaml", "tiny-lexicographic.yaml", "tiny-previous-plan.yaml", "tiny-reachable.yaml"] {
            try FileManager.default.copyItem(at: TestPaths.testScenarios.appendingPathComponent(file), to: root.appendingPathComponent(file))
        }
        let example = try String(contentsOf: TestPaths.shippedScenarios.appendingPathComponent("examples/public-health-agency.yaml"), encoding: .utf8)
        var scenarios = try ["itu-2024-2027.yaml", "itu-cut-5-percent.yaml", "itu-maximin.yaml", "itu-tight-staff-freeze.yaml", "itu-conference-heavy-2026.yaml",
                             "tiny.yaml", "tiny-whole-posts.yaml", "tiny-lexicographic.yaml", "tiny-previous-plan.yaml", "tiny-reachable.yaml"].map {
            ($0, try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8))
        }
        scenarios.append(("public-health-agency.yaml", example))
        let sources = scenarios
        let tiny = try ScenarioDriver.compile(Scenario.load(HandSolvedTests.tinyURL).scenario).model
        try ModelFile.write(tiny, to: root.appendingPathComponent("tiny-model.lp").path, format: .cplexLP)
        let lps = try ["wyndor.lp", "knapsack.lp", "infeasible.lp", "wyndor.mps"].map {
            ($0, try String(contentsOf: TestPaths.lpFixtures.appendingPathComponent($0), encoding: .utf8))
        } + [("tiny-model.lp", try String(contentsOf: root.appendingPathComponent("tiny-model.lp"), encoding: .utf8))]

        let count = Self.count
        let outcomes = WorkerPool.map(Array(0..<count), jobs: 2, threadExit: GLPKSolver().releaseThreadResources) { index -> Outcome in
            var mutator = Mutator(random: SeededGenerator(seed: UInt64(index) &* 7919 &+ 17))
            // Two mutants in three are scenarios: the ITU files a third of those (slower), the rest small.
            if index % 3 != 2 {
                let text = index % 6 == 0 ? sources[(index / 6) % 5].1 : sources[5 + (index / 3) % (sources.count - 5)].1
                return Self.scenarioMutant(mutator.mutate(text), in: root, name: "mutant-\(index).yaml")
            }
            let (name, text) = lps[(index / 3) % lps.count]
            return Self.lpMutant(mutator.mutate(text), in: root, name: "mutant-\(index)" + (name.hasSuffix(".mps") ? ".mps" : ".lp"))
        }
        let problems = outcomes.enumerated().filter { if case .slow = $0.element { true } else if case .badJSON = $0.element { true } else { false } }
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        var tally: [String: Int] = [:]
        for outcome in outcomes {
            switch outcome {
            case .plan(let code): tally["exit \(code)", default: 0] += 1
            case .error: tally["exit 2", default: 0] += 1
            case .slow: tally["slow", default: 0] += 1
            case .badJSON: tally["bad JSON", default: 0] += 1
            }
        }
        print("mutants: \(count); " + tally.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))
        // The mutants reach the solver, not only the parser: a test of the whole path.
        #expect((tally["exit 0"] ?? 0) > count / 10)
    }
}
