/// Checks what one document says about others: enclosures, consultations, unique codes and paths.
enum ReferenceChecker {
    /// The checks, in the order their diagnostics are listed: each reads every document and none
    /// depends on another, so the loader runs them side by side.
    static let checks: [@Sendable (ContentSite) -> [Diagnostic]] = [outputPaths, positionVersions, references]

    static func check(_ site: ContentSite) -> [Diagnostic] {
        checks.flatMap { $0(site) }
    }

    /// Two documents that would write the same page.
    private static func outputPaths(_ site: ContentSite) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var seenOutputs: [String: ContentDocument] = [:]
        for document in site.documents {
            let key = document.outputPath.lowercased()
            if let first = seenOutputs[key] {
                diagnostics.append(Diagnostic(
                    path: document.displayPath, line: 1,
                    message: "output path '\(document.outputPath)' is also written by \(first.displayPath); rename one of the files"))
            } else {
                seenOutputs[key] = document
            }
        }
        return diagnostics
    }

    /// Two descriptions of one code's current (or proposed) version.
    private static func positionVersions(_ site: ContentSite) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var seenVersions: [String: ContentDocument] = [:]
        for document in site.documents {
            guard let position = document.position else { continue }
            let key = "\(position.occupationCode) \(position.version.rawValue)"
            if let first = seenVersions[key] {
                let location = document.location(ofField: "occupation_code")
                diagnostics.append(Diagnostic(
                    path: document.displayPath, line: location.line, column: location.column,
                    message: "occupation code \(position.occupationCode) version '\(position.version.rawValue)' is already described by \(first.displayPath); each code has at most one current and one proposed version"))
            } else {
                seenVersions[key] = document
            }
        }
        return diagnostics
    }

    /// Consultations and enclosures that name no document, the wrong kind, or the letter itself.
    ///
    /// A reference to a file that failed to load is not reported: that file has its own error, and
    /// one mistake should give one error. A position that failed is known by the code and version
    /// its file name claims (``DocumentDecoder/claimedPosition(path:)``).
    private static func references(_ site: ContentSite) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let paths = Set(site.documents.map(\.path))
        let failedPositions = Set(site.failedPaths.compactMap { path in
            DocumentDecoder.claimedPosition(path: path).map { "\($0.code) \($0.version.rawValue)" }
        })
        func failed(_ enclosure: EnclosureReference) -> Bool {
            switch enclosure.target {
            case .path(let path): site.failedPaths.contains(path)
            case .position(let code, let version): failedPositions.contains("\(code) \(version.rawValue)")
            }
        }
        for document in site.documents {
            if let consultation = document.consultation, !site.failedPaths.contains(consultation) {
                let location = document.location(ofField: "consultation")
                if !paths.contains(consultation) {
                    diagnostics.append(Diagnostic(
                        path: document.displayPath, line: location.line, column: location.column,
                        message: "consultation '\(consultation)' names no document; give the path of a letter relative to the content folder"))
                } else if site.document(at: consultation)?.kind != .letter {
                    diagnostics.append(Diagnostic(
                        path: document.displayPath, line: location.line, column: location.column,
                        message: "consultation '\(consultation)' is not a letter; name the letter that proposed this document"))
                }
            }
            for enclosure in document.letter?.enclosures ?? [] {
                if enclosure.target == .path(document.path) {
                    diagnostics.append(Diagnostic(
                        path: document.displayPath, line: enclosure.line, column: enclosure.column,
                        message: "enclosure names this letter itself; a letter cannot enclose itself, so name another document or remove the enclosure"))
                    continue
                }
                guard site.document(for: enclosure) == nil, !failed(enclosure) else { continue }
                let what: String
                switch enclosure.target {
                case .path(let path): what = "document '\(path)'"
                case .position(let code, let version): what = "\(version.rawValue) position description for \(code)"
                }
                diagnostics.append(Diagnostic(
                    path: document.displayPath, line: enclosure.line, column: enclosure.column,
                    message: "enclosure names a missing \(what); add that document or fix the reference"))
            }
        }
        return diagnostics
    }
}
