import PortalContent
import PortalRender
import StaffingModel

/// The staffing charts a dossier shows: those of every model and complement the consultation's
/// staffing blocks name, with the table each chart draws under it.
package enum ConsultationCharts {
    /// Figure contexts for the dossier of `letter` at `path`, in the order the blocks name them.
    package static func figures(_ letter: ContentDocument, enclosures: [ContentDocument], from path: String, model: SiteModel) -> [[String: Any]] {
        let related = model.site.documents(inConsultation: letter.path)
        var documents = Set<String>()
        var seen = Set<String>()
        var figures: [[String: Any]] = []
        for document in [letter] + enclosures + related where documents.insert(document.path).inserted {
            for info in model.generatedBlocks(of: document) {
                guard let request = try? StaffingBlockRequest.parse(infoString: info) else { continue }
                if let stem = request.parameters["model"], seen.insert("model:\(stem)").inserted,
                   let figure = StaffingCharts.scoreFigureWithTable(stem, from: path, model) {
                    figures.append(figure)
                }
                if let stem = request.parameters["complement"], seen.insert("complement:\(stem)").inserted,
                   let figure = StaffingCharts.complementFigureWithTable(stem, from: path, model) {
                    figures.append(figure)
                }
            }
        }
        return figures
    }
}
