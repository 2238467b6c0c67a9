/// Escaped JSON text of strings a report repeats once per finding — a rule's
/// title and remediation stand in every one of its findings, and a
/// remediation alone is about half of a large report's bytes — kept per
/// slot so that the same text is escaped once and then copied.
///
/// A slot holds the last text written under its key; a different text under
/// the same key replaces it, so a rule whose remediation varies per finding
/// is still written correctly (and merely escaped each time).
struct JSONEscapeMemo {
    private var slots: [String: (text: String, escaped: [UInt8])] = [:]

    /// The escaped text (with its quotes) last stored under `key`, when it was stored for `text`.
    func escaped(_ text: String, key: String) -> [UInt8]? {
        // Equal strings that share storage compare without reading their bytes.
        guard let slot = slots[key], slot.text == text else { return nil }
        return slot.escaped
    }

    /// Remembers `escaped` as the text written for `text` under `key`.
    mutating func store(_ text: String, key: String, escaped: [UInt8]) {
        slots[key] = (text, escaped)
    }
}

extension JSONTextWriter {
    /// `string(text)`, copying the escaped text `memo` holds for `text` under
    /// `key` instead of escaping it again (the bytes written are the same).
    mutating func string(_ text: String, key: String, memo: inout JSONEscapeMemo) {
        if let escaped = memo.escaped(text, key: key) {
            append(raw: escaped)
            return
        }
        let start = count
        string(text)
        memo.store(text, key: key, escaped: written(from: start))
    }
}
