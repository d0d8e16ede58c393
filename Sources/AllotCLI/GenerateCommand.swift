import Allocation
import ArgumentParser
import Foundation

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic scenario with the ITU baseline's structure, at any size.",
        discussion: """
        The ITU size is --sectors 4 --priorities 6 --offerings 8 --years 4 (the defaults); \
        --sectors 6 --priorities 10 --offerings 10 is about 3x, --sectors 8 --priorities 14 \
        --offerings 12 --years 6 about 10x. The same parameters give the same bytes.
        """)

    @Option(help: "Sectors.") var sectors = 4
    @Option(help: "Thematic priorities.") var priorities = 6
    @Option(help: "Product and service offerings.") var offerings = 8
    @Option(help: "Years.") var years = 4
    @Option(help: "Targets.") var targets = 10
    @Option(help: "Share of sector x priority x offering combinations in the mandate.") var density = 0.27
    @Option(help: "Seed of the coefficients.") var seed: UInt64 = 1
    @Option(help: "File to write (default: standard output).") var out: String?

    var generator: ScenarioGenerator {
        ScenarioGenerator(sectors: sectors, priorities: priorities, offerings: offerings, years: years, targets: targets, seed: seed, density: density)
    }

    func validate() throws {
        if let problem = generator.problem { throw ValidationError(problem) }
    }

    func run() throws {
        let text = generator.yaml()
        guard let out else { print(text, terminator: ""); return }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw AllotFailure("cannot write \(out): \(error.localizedDescription)")
        }
    }
}
