import Foundation
import Testing

@testable import PortalSite

/// The staffing overview and calculator pages are built from Content/data/, with one source of truth.
@Suite struct StaffingPagesTests {
    let output: URL

    init() throws {
        output = try temporaryFolder("staffing").appendingPathComponent("Public")
        _ = try SiteBuilder(options: .init(
            contentDirectory: repositoryRoot.appendingPathComponent("Content"),
            themeDirectory: repositoryRoot.appendingPathComponent("Theme"),
            outputDirectory: output, contentDisplayRoot: "Content")).build()
    }

    @Test func overviewHasEveryComputedTable() throws {
        let html = try read(output.appendingPathComponent("staffing/index.html"))
        #expect(html.contains("<h1>Staffing figures</h1>"))
        // Factors, bands, districts, complement and ratio tables, each with a caption.
        #expect(html.components(separatedBy: "<caption>").count - 1 == 5)
        #expect(html.contains("<th scope=\"row\">Texas</th>"))
        #expect(html.contains("above-maximum"))
        #expect(html.contains("Figures are illustrative"))
        #expect(html.contains("117") && html.contains("127") && html.contains("+10"))
        #expect(html.contains("Customer Relations Coordinator EAS-17"))
        #expect(!html.contains("CRS EAS-17"))
    }

    @Test func calculatorReadsParametersFromTheGeneratedDataScript() throws {
        let page = try read(output.appendingPathComponent("staffing/customer-relations-2022-calculator.html"))
        #expect(page.contains("<script src=\"../staffing/customer-relations-2022-calculator-data.js\"></script>"))
        #expect(page.contains("<script src=\"../assets/calculator.js\"></script>"))
        #expect(page.contains("id=\"count-c360_service_requests\""))
        #expect(page.contains("The default means are illustrative"))
        let data = try read(output.appendingPathComponent("staffing/customer-relations-2022-calculator-data.js"))
        #expect(data.hasPrefix("window.PortalStaffing = window.PortalStaffing || {};\nwindow.PortalStaffing[\"customer-relations-2022\"] = {"))
        #expect(data.contains("\"sums\":{\"bsn_requests\":\"17510\""))
        #expect(data.contains("\"districts\":12"))
        #expect(data.contains("\"label\":\"187.00–203.00\""))
        #expect(data.contains("\"weight\":40"))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("assets/calculator.js").path))
    }
}
