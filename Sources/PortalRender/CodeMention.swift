import Foundation

/// One place in a document that mentions an occupation code.
package struct CodeMention: Sendable, Equatable {
    package var code: String
    /// The mentioning document, relative to Content/.
    package var documentPath: String
    /// Body line of the place: the list item, table row or block holding the mention.
    package var placeLine: Int
    /// The sentence or table row around the mention, as plain text.
    package var context: String
    /// Where the code stands in the file, for warnings.
    package var fileLine: Int
    package var column: Int

    package init(code: String, documentPath: String, placeLine: Int, context: String, fileLine: Int, column: Int) {
        self.code = code
        self.documentPath = documentPath
        self.placeLine = placeLine
        self.context = context
        self.fileLine = fileLine
        self.column = column
    }
}
