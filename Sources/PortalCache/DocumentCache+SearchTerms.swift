import Foundation
import PortalBinaryCodec
import PortalBytes
import PortalContent
import PortalOutput
import PortalPages
import PortalSearch

extension DocumentCache {
    private var searchTermsURL: URL { directory.appendingPathComponent("search-terms.bin") }

    /// The terms the last build kept, when made under `contextKey` and intact; nil otherwise.
    ///
    /// One ``CacheFile``: the context key, each document's path and source hash in the snapshot's order, the
    /// snapshot's ``BuilderSnapshot`` bytes, and their CRC-32, which the snapshot's own checks do not replace.
    package func loadSearchTerms(contextKey: UInt64) -> SearchTermStore.Contents? {
        guard var reader = CacheFile.read(searchTermsURL, tag: "PTR3"), (try? reader.uint64()) == contextKey,
            let documents = try? reader.array({ reader in (path: try reader.string(), sourceHash: try reader.uint64()) }),
            let decoded = try? reader.bytes({ bytes -> (snapshot: BuilderSnapshot, checksum: UInt32)? in
                BuilderSnapshot(decoding: bytes).map { ($0, CRC32.checksum(bytes)) }
            }),
            (try? reader.uint64()) == UInt64(decoded.checksum), reader.isAtEnd
        else { return nil }
        return SearchTermStore.Contents(documents: documents, snapshot: decoded.snapshot)
    }

    /// Written a megabyte at a time: the whole file in one buffer would add its size to the build's peak memory.
    package func saveSearchTerms(_ changes: SearchTermStore.Changes, contextKey: UInt64) throws {
        try CacheFile.replace(searchTermsURL) { emit in
            var writer = CacheFile.writer(tag: "PTR3", capacity: 1 << 20)
            writer.write(contextKey)
            writer.write(changes.documents.count)
            for document in changes.documents {
                writer.write(document.path)
                writer.write(document.sourceHash)
            }
            // The snapshot's length first, as `BinaryReader.bytes` reads it; its bytes follow in pieces.
            writer.write(changes.snapshot.encodedCount(dictionary: changes.usedDictionary.terms))
            try emit(writer.bytes)
            var checksum: UInt32 = 0
            try changes.snapshot.encode(dictionary: changes.usedDictionary.terms, renumbering: changes.usedDictionary.numbers) { piece in
                checksum = piece.withUnsafeBytes { CRC32.checksum($0, continuing: checksum) }
                try emit(piece)
            }
            var trailer = BinaryWriter(capacity: 8)
            trailer.write(UInt64(checksum))
            try emit(trailer.bytes)
        }
    }
}
