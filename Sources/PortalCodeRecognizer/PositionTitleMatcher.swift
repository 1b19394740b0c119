/// Decides whether a title written in a letter names the same position as the catalog's title.
///
/// Letters and slides abbreviate and pluralize freely ("Customer Relations
/// Specialist (District)" for the catalog's "Customer Relations Spec
/// (District)", "Coordinators" for "Coordinator"), so words match when they are
/// equal, when one is a prefix of the other, or through the abbreviations
/// position descriptions use ("Mgr", "Ops", "Supv").
public enum PositionTitleMatcher {
    static let abbreviations: [String: String] = [
        "mgr": "manager", "spec": "specialist", "ops": "operations", "supv": "supervisor", "sr": "senior",
        "mgmt": "management", "asst": "assistant", "admin": "administrative", "coord": "coordinator",
        "dist": "district", "rep": "representative", "tech": "technician", "svc": "service", "svcs": "services",
        "cust": "customer", "opns": "operations", "prgm": "program",
    ]
    static let ignoredWords: Set<String> = ["and", "the", "of", "a"]

    /// True when `written` and `catalog` name the same position.
    public static func sameTitle(_ written: String, _ catalog: String) -> Bool {
        let a = words(written), b = words(catalog)
        return a.count == b.count && zip(a, b).allSatisfy(sameWord)
    }

    static func words(_ title: String) -> [String] {
        title.lowercased()
            .split { !($0.isLetter || $0.isNumber) }
            .map { abbreviations[String($0)] ?? String($0) }
            .filter { !ignoredWords.contains($0) }
    }

    static func sameWord(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        return short.count >= 3 && long.hasPrefix(short)
    }
}
