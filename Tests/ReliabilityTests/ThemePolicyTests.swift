import Foundation
import Testing

/// The theme's templates hold nothing the Content-Security-Policy would block: no inline script, handler or style.
///
/// The browser checks catch this on the built site; this catches it in a
/// template before any page is built, with the template's name.
@Suite struct ThemePolicyTests {
    @Test func templatesHaveNoInlineScriptHandlerOrStyle() throws {
        let folder = themeFolder.appendingPathComponent("templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }.sorted()
        #expect(names.contains("layout.mustache"))
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for tag in InjectionTests.tags(in: text) {
                let lowered = tag.lowercased()
                if lowered.hasPrefix("<script") {
                    #expect(lowered.contains(" src=") || lowered.contains("type=\"application/"), "\(name): inline \(tag)")
                }
                #expect(!lowered.hasPrefix("<style"), "\(name): \(tag)")
                for (attribute, _) in InjectionTests.attributes(of: tag) {
                    #expect(!attribute.hasPrefix("on") && attribute != "style", "\(name): \(attribute) in \(tag)")
                }
            }
        }
    }

    @Test func layoutSetsThePolicyBeforeAnyResource() throws {
        let layout = try String(contentsOf: themeFolder.appendingPathComponent("templates/layout.mustache"), encoding: .utf8)
        let policy = try #require(layout.range(of: "<meta http-equiv=\"Content-Security-Policy\""))
        for resource in ["<link rel=\"stylesheet\"", "<script"] {
            if let first = layout.range(of: resource) {
                #expect(policy.lowerBound < first.lowerBound, "\(resource) comes before the policy")
            }
        }
    }
}
