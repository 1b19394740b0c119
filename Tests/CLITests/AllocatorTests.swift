import Foundation
import Testing

/// The `portal` binary allocates with mimalloc, not glibc's malloc (see README, "Memory allocator").
///
/// Linking the library is not enough by itself: it replaces `malloc` only while the dynamic linker
/// finds its definition before libc's. glibc's own `LD_DEBUG=bindings` reports where each symbol was bound.
@Suite struct AllocatorTests {
    /// One line of `LD_DEBUG=bindings`: "binding file FROM [0] to TO [0]: normal symbol `NAME' [VERSION]".
    struct Binding {
        var from: String
        var to: String
        var symbol: String

        init?(_ line: Substring) {
            guard let file = line.range(of: "binding file "), let to = line.range(of: " to ", range: file.upperBound..<line.endIndex),
                let symbol = line.range(of: "symbol `", range: to.upperBound..<line.endIndex),
                let quote = line[symbol.upperBound...].firstIndex(of: "'")
            else { return nil }
            from = String(line[file.upperBound..<to.lowerBound].prefix { $0 != " " })
            self.to = String(line[to.upperBound...].prefix { $0 != " " })
            self.symbol = String(line[symbol.upperBound..<quote])
        }
    }

    @Test func bindingLinesAreRead() throws {
        let line: Substring = "     27401:\tbinding file /opt/swift/usr/lib/swift/linux/libswiftCore.so [0] to /lib/x86_64-linux-gnu/libmimalloc.so.2 [0]: normal symbol `malloc' [GLIBC_2.2.5]"
        let binding = try #require(Binding(line))
        #expect(binding.from == "/opt/swift/usr/lib/swift/linux/libswiftCore.so")
        #expect(binding.to == "/lib/x86_64-linux-gnu/libmimalloc.so.2")
        #expect(binding.symbol == "malloc")
        #expect(Binding("     27401:\tcalling init: /lib/x86_64-linux-gnu/libc.so.6") == nil)
    }

    @Test func theSwiftRuntimeAllocatesWithMimallocDuringABuild() throws {
        #if os(Linux)
        let folder = try makeSite(["notes/a.md": article("A note", body: "Allocated by mimalloc.")])
        let result = try PortalProcess.run(
            ["build", "--content", "Content", "--theme", "Theme", "--output", "Public", "--quiet"], in: folder,
            environment: ["LD_DEBUG": "bindings"])
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        #expect(try read(folder.appendingPathComponent("Public/notes/a.html")).contains("Allocated by mimalloc."))

        let bindings = result.stderr.split(separator: "\n").compactMap(Binding.init)
        for symbol in ["malloc", "free"] {
            let runtime = bindings.filter { $0.symbol == symbol && $0.from.hasSuffix("/libswiftCore.so") }
            #expect(!runtime.isEmpty, "the Swift runtime's \(symbol) was never bound")
            #expect(runtime.allSatisfy { $0.to.contains("/libmimalloc.so") }, "\(runtime.map(\.to))")
            let toLibc = bindings.filter { $0.symbol == symbol && $0.to.contains("/libc.so") }
            #expect(toLibc.isEmpty, "\(toLibc.count) bindings of \(symbol) to glibc, from \(toLibc.prefix(3).map(\.from)) …")
        }
        #endif
    }
}
