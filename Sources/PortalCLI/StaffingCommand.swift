import ArgumentParser
import Foundation
import PortalContent
import StaffingModel

/// `portal staffing`: computes every district's workload score and allocation, for what-if analysis.
struct StaffingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staffing",
        abstract: "Compute workload scores, bands and earned positions for every district in a CSV.",
        discussion: """
            The model YAML names the factors, weights, bands and exceptions (see \
            Content/data/customer-relations-2022.model.yaml). The CSV has the header 'district' \
            plus one column per factor key; each factor is indexed against the mean over the \
            districts in the file (mean = 100) and the score is the weighted sum, rounded half-up \
            to 2 decimals before the band lookup.

            JSON output is an array of objects with the keys district, indexes, score, band, \
            earned and flags.

            Each file may be at most \(CommandLineTextFile.limit / 1_048_576) MB, the limit a build \
            applies to every file; a larger one is refused without being read.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @Option(name: .long, help: "The staffing model YAML file.")
    var model: String

    @Option(name: .long, help: "The districts CSV file.")
    var districts: String

    @Option(name: .long, help: "Output format: table, csv or json.")
    var format: Format = .table

    func run() throws {
        let modelText = try readFile(model)
        let districtsText = try readFile(districts)
        do {
            let workloadModel = try WorkloadModel.parse(yaml: modelText, path: model)
            let counts = try DistrictCounts.parse(csv: districtsText, path: districts, model: workloadModel)
            switch format {
            case .json:
                print(try Staffing.json(workloadModel.compute(districts: counts)))
            case .table, .csv:
                let table = try StaffingTable.districts(model: workloadModel, districts: counts, catalog: nil)
                print(format == .csv ? table.csv : table.plainText, terminator: format == .csv ? "" : "\n")
            }
        } catch let errors as StaffingErrors {
            errors.errors.forEach { printError(Diagnostic(path: $0.path, line: $0.line, column: $0.column, message: $0.message).description) }
            throw ExitCode(1)
        } catch let error as StaffingBlockError {
            printError(Diagnostic(path: model, line: 1, message: error.message).description)
            throw ExitCode(1)
        }
    }

    /// The text of `path`, or a located error and exit 1; a file over the build's size limit is refused
    /// without being read whole.
    private func readFile(_ path: String) throws -> String {
        switch CommandLineTextFile.read(path) {
        case .success(let text):
            return text
        case .failure(.unreadable):
            printError(Diagnostic(path: path, line: 1, message: "cannot read this file; check the path").description)
        case .failure(.tooLarge(let size)):
            let limit = CommandLineTextFile.limit
            let found = size.map { "is \($0) bytes" } ?? "has more than \(limit) bytes"
            printError(Diagnostic(
                path: path, line: 1,
                message: "this file \(found); the limit is \(limit / 1_048_576) MB (\(limit) bytes), as for every file a build reads"
            ).description)
        case .failure(.notUTF8(let line, let column)):
            printError(Diagnostic(path: path, line: line, column: column, message: "file is not valid UTF-8; save it as UTF-8 text").description)
        }
        throw ExitCode(1)
    }
}
