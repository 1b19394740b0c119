import PortalBytes
import PortalContent
import PortalRender

/// Which letters and responses link each letter in their text, for the letter's "Cited by" list.
///
/// A citation comes from another document's body, so a letter's page would not otherwise depend on it;
/// the pairs go into the site key instead (``hashed(with:)``), since they change rarely.
package struct Citations: Sendable {
    /// Citing documents' paths by the cited letter's path, each list in path order.
    private let citing: [String: [String]]

    package init(site: ContentSite, links: (String) -> [InternalLinks.Link]) {
        let letterByPage = Dictionary(
            site.documents.filter { $0.kind == .letter }.map { ($0.outputPath, $0.path) }, uniquingKeysWith: { first, _ in first })
        var citing: [String: [String]] = [:]
        for document in site.documents where document.kind == .letter || document.kind == .response {
            var cited = Set<String>()
            for link in links(document.path) {
                guard let page = link.page, let letter = letterByPage[page], letter != document.path, cited.insert(letter).inserted else { continue }
                citing[letter, default: []].append(document.path)
            }
        }
        self.citing = citing
    }

    /// `key` combined with every citation, in a fixed order.
    package func hashed(with key: UInt64) -> UInt64 {
        var hash = StableHash()
        hash.combine(key)
        for letter in citing.keys.sorted() {
            hash.combine(letter)
            for path in citing[letter]! { hash.combine(path) }
            hash.combine(-1)
        }
        return hash.value
    }

    /// The letters and responses whose text links the letter at `path`.
    package func documents(citing path: String) -> [String] {
        citing[path] ?? []
    }
}
