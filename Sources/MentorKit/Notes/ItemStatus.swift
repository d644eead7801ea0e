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
        guard scalars.count >= 3 else { return nil }
        var cursor = scalars.startIndex
        guard scalars[cursor] == "[" else { return nil }
        cursor = scalars.index(after: cursor)
        let mark = scalars[cursor]
        cursor = scalars.index(after: cursor)
        guard scalars[cursor] == "]" else { return nil }
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
}
