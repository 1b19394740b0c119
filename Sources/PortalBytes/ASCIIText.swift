/// Text whose every byte is one `Character`, so that byte offsets are character offsets.
///
/// That is ASCII text without carriage returns (`"\r\n"` is one `Character`). Splitting such text into
/// `Character`s needs no grapheme breaking, which `Array(text)` does at every character.
public enum ASCIIText {
    /// `Array(text)`, made byte by byte; nil when `text` is not ASCII or holds a carriage return.
    public static func characters(of text: String) -> [Character]? {
        guard text.utf8.allSatisfy({ $0 < 0x80 && $0 != 13 }) else { return nil }
        return text.utf8.map { Character(Unicode.Scalar($0)) }
    }
}
