import ArgumentParser
import LPReports

/// `--csv` for every command that writes CSV: the separators Excel expects on the committee's computers.
struct CSVOptions: ParsableArguments {
    @Option(name: .customLong("csv"), help: ArgumentHelp(
        "CSV dialect: standard (comma, decimal point: 1234.5) or european (semicolon, decimal comma: 1234,5: what Excel expects in most of Europe).",
        valueName: "dialect"))
    var dialect: CSVDialect = .standard
}

extension CSVDialect: ExpressibleByArgument {}
