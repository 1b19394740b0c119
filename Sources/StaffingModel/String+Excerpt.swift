extension String {
    /// The string as a message may quote it: at most 40 characters, then `…`, with control characters
    /// written as code points, so that a value read from a file cannot flood or break the message line.
    var excerpt: String {
        var text = ""
        for (offset, character) in enumerated() {
            if offset == 40 {
                text += "…"
                break
            }
            for scalar in character.unicodeScalars {
                if scalar.properties.generalCategory == .control {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    text += "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text
    }
}
