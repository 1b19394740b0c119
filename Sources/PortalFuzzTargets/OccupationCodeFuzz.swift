import PortalCodeRecognizer
import PortalContent

/// Runs the recognizer on arbitrary text; every mention must be a well-formed code standing where it says.
enum OccupationCodeFuzz {
    static func run(_ bytes: [UInt8]) -> Int {
        let text = String(decoding: bytes, as: UTF8.self)
        let characters = Array(text)
        var previousEnd = 0
        let mentions = OccupationCodeRecognizer.mentions(in: text)
        for mention in mentions {
            invariant(mention.code.wholeMatch(of: /[0-9]{4}-[0-9]{4}/) != nil, "not a code: \(mention.code)")
            invariant(mention.range.lowerBound >= previousEnd && mention.range.upperBound <= characters.count, "range \(mention.range) out of order or bounds")
            invariant(String(characters[mention.range]) == mention.code, "range \(mention.range) does not hold \(mention.code)")
            previousEnd = mention.range.upperBound
        }
        let cells = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        for mention in OccupationCodeRecognizer.mentions(inRow: cells, header: ["Title", "Occupation code", "Grade"]) {
            invariant(mention.code.wholeMatch(of: /[0-9]{4}-[0-9]{4}/) != nil, "not a code in a row: \(mention.code)")
        }
        return mentions.count
    }
}
