/// Where a goal or action item stands. Raw values are the JSON export's.
public enum ItemStatus: String, Sendable, Hashable, Codable {
    case open
    case done
    case dropped
    case inProgress = "in-progress"

    /// Open or in progress: still something to do.
    public var isActive: Bool { self == .open || self == .inProgress }

    /// Reads a task-list marker at the start of an item's text: `[ ]`, `[x]`, `[X]`,
    /// `[-]` or `[/]` followed by white space or the end. Returns the status and the text
    /// after the marker.
    static func checkbox(at text: Substring) -> (ItemStatus, Substring)? {
        let scalars = text.unicodeScalars
        var cursor = scalars.startIndex
        guard cursor < scalars.endIndex, scalars[cursor] == "[" else { return nil }
        cursor = scalars.index(after: cursor)
        guard cursor < scalars.endIndex else { return nil }
        let mark = scalars[cursor]
        cursor = scalars.index(after: cursor)
        guard cursor < scalars.endIndex, scalars[cursor] == "]" else { return nil }
        cursor = scalars.index(after: cursor)
        if cursor < scalars.endIndex {
            let next = scalars[cursor]
            guard next == " " || next == "\t" || next == "\n" else { return nil }
        }
        let status: ItemStatus
        switch mark {
        case " ": status = .open
        case "x", "X": status = .done
        case "-": status = .dropped
        case "/": status = .inProgress
        default: return nil
        }
        return (status, text[cursor...])
    }

    /// `checkbox(in:)` on a buffer: the status, when the buffer starts with a box (three
    /// bytes; the text after it starts at index 3). A CR after it ends the line too: a note's
    /// written bytes may have CRLF line ends.
    static func checkboxStatus(in bytes: UnsafeBufferPointer<UInt8>) -> ItemStatus? {
        guard bytes.count >= 3, bytes[0] == UInt8(ascii: "["), bytes[2] == UInt8(ascii: "]") else { return nil }
        if bytes.count > 3 {
            let next = bytes[3]
            guard next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D else { return nil }
        }
        switch bytes[1] {
        case UInt8(ascii: " "): return .open
        case UInt8(ascii: "x"), UInt8(ascii: "X"): return .done
        case UInt8(ascii: "-"): return .dropped
        case UInt8(ascii: "/"): return .inProgress
        default: return nil
        }
    }

    /// `checkbox(at:)` on UTF-8 bytes: the status and the bytes after the box.
    static func checkbox(in bytes: ArraySlice<UInt8>) -> (ItemStatus, ArraySlice<UInt8>)? {
        let start = bytes.startIndex
        guard bytes.count >= 3, bytes[start] == UInt8(ascii: "["), bytes[start + 2] == UInt8(ascii: "]") else {
            return nil
        }
        let after = start + 3
        if after < bytes.endIndex {
            let next = bytes[after]
            guard next == 0x20 || next == 0x09 || next == 0x0A else { return nil }
        }
        let status: ItemStatus
        switch bytes[start + 1] {
        case UInt8(ascii: " "): status = .open
        case UInt8(ascii: "x"), UInt8(ascii: "X"): status = .done
        case UInt8(ascii: "-"): status = .dropped
        case UInt8(ascii: "/"): status = .inProgress
        default: return nil
        }
        return (status, bytes[after...])
    }
}
