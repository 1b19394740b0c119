/// Positions in a document list by path, by code and version, by consultation, and by what a reply answers; the first document wins a duplicate key.
///
/// Duplicates are content errors that ``ReferenceChecker`` reports; until then
/// the lookups answer as a scan from the start would.
struct DocumentIndex: Sendable {
    var byPath: [String: Int] = [:]
    /// Keyed by `"CODE VERSION"`, e.g. `"2345-5035 proposed"`.
    var byPosition: [String: Int] = [:]
    var byConsultation: [String: [Int]] = [:]
    /// Responses by the letter or decision they answer, and decisions by the letter they decide.
    var byRespondsTo: [String: [Int]] = [:]
    var byDecides: [String: [Int]] = [:]

    init(_ documents: [ContentDocument]) {
        byPath.reserveCapacity(documents.count)
        for (offset, document) in documents.enumerated() {
            if byPath[document.path] == nil { byPath[document.path] = offset }
            if let position = document.position {
                let key = "\(position.occupationCode) \(position.version.rawValue)"
                if byPosition[key] == nil { byPosition[key] = offset }
            }
            if let consultation = document.consultation {
                byConsultation[consultation, default: []].append(offset)
            }
            if let response = document.response { byRespondsTo[response.respondsTo, default: []].append(offset) }
            if let decision = document.decision { byDecides[decision.decides, default: []].append(offset) }
        }
    }
}
