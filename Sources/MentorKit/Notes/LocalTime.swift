import Foundation

/// A wall-clock time of day (`HH:MM`), in the notebook's time zone.
public struct LocalTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    private let storedHour: UInt8
    private let storedMinute: UInt8

    public var hour: Int { Int(storedHour) }
    public var minute: Int { Int(storedMinute) }

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        storedHour = UInt8(hour)
        storedMinute = UInt8(minute)
    }

    /// Parses `HH:MM` or `H:MM`, with optional `:SS` seconds (dropped).
    public init?(_ text: some StringProtocol) {
        let parsed = text.utf8.withContiguousStorageIfAvailable(LocalTime.parse)
            ?? Array(text.utf8).withUnsafeBufferPointer(LocalTime.parse)
        guard let (hour, minute) = parsed else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// `H:MM` or `HH:MM`, then optionally `:SS` up to 59, in ASCII digits: the hour and minute.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        func digits(_ range: Range<Int>) -> Int? { LocalDate.number(bytes[range]) }
        guard let colon = bytes.firstIndex(of: 0x3A), colon == 1 || colon == 2,
              bytes.count == colon + 3 || bytes.count == colon + 6,
              let hour = digits(0..<colon), let minute = digits((colon + 1)..<(colon + 3)) else { return nil }
        if bytes.count == colon + 6 {
            guard bytes[colon + 3] == 0x3A, let seconds = digits((colon + 4)..<(colon + 6)), seconds <= 59 else { return nil }
        }
        return (hour, minute)
    }

    /// `init(_:)` by its definition, on characters.
    static func byDefinition(_ text: some StringProtocol) -> LocalTime? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              parts.count == 2 || parts[2].count == 2,
              let hour = Int(parts[0]), let minute = Int(parts[1]) else { return nil }
        if parts.count == 3, let seconds = Int(parts[2]), seconds > 59 { return nil }
        return LocalTime(hour: hour, minute: minute)
    }

    /// Minutes since midnight.
    public var minutes: Int { hour * 60 + minute }

    public var description: String {
        // As `LocalDate.description`: straight into a small string.
        String(unsafeUninitializedCapacity: 5) { text in
            text[0] = LocalDate.digit(hour / 10)
            text[1] = LocalDate.digit(hour % 10)
            text[2] = UInt8(ascii: ":")
            text[3] = LocalDate.digit(minute / 10)
            text[4] = LocalDate.digit(minute % 10)
            return 5
        }
    }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { lhs.minutes < rhs.minutes }
}

/// Parses the date forms notes use: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DD HH:MM`.
enum DateTimeText {
    static func parse(_ raw: some StringProtocol) -> (date: LocalDate, time: LocalTime?)? {
        let text = raw.trimmedOfSpaces()
        if text.utf8.count == 10 {
            return LocalDate(text).map { ($0, nil) }
        }
        guard text.utf8.count > 11 else { return nil }
        let datePart = text.prefix(10)
        let rest = text.dropFirst(10)
        guard let separator = rest.first, separator == "T" || separator == " " || separator == "t",
              let date = LocalDate(datePart) else { return nil }
        let timeText = rest.dropFirst().trimmedOfSpaces()
        guard let time = LocalTime(timeText) else { return nil }
        return (date, time)
    }

    /// A plan's date (`When:`, `next: {date: }`) may start with its day of the week, as the
    /// follow-up writes it (`Tuesday 2026-11-17 16:00`, `Tue, 2026-11-17`), so that it can be
    /// pasted into the next note. The day's ISO number (1 Monday ... 7 Sunday), nil when the
    /// text starts with none, and the text after it.
    static func splitWeekday(_ text: Substring) -> (weekday: Int?, rest: Substring) {
        // Most plans start with the date: no word to look up.
        guard let first = text.utf8.first, first >= UInt8(ascii: "A"), let cut = text.firstIndex(where: { $0 == " " || $0 == "," }) else { return (nil, text) }
        let word = text[..<cut].lowercased()
        guard let day = weekdays.firstIndex(where: { $0 == word || $0.prefix(3) == word }) else { return (nil, text) }
        return (day + 1, text[cut...].drop { $0 == " " || $0 == "," })
    }

    /// A plan's date and time (`When:`, `next: {date: }`): `parse`'s forms, or a date and a
    /// time after ` at ` or a comma (`2026-11-17 at 16:00`), each after the date's own day of
    /// the week if one is written (`splitWeekday`). Nil when it does not read, or the day is
    /// another date's.
    static func parsePlan(_ text: some StringProtocol) -> (date: LocalDate, time: LocalTime?)? {
        let (weekday, dated) = splitWeekday(Substring(text))
        let read = parse(dated) ?? LocalDate(dated.prefix(10)).flatMap { date in
            LocalTime(dated.dropFirst(10).trimmingCharacters(in: CharacterSet(charactersIn: " ,at"))).map { (date, $0) }
        }
        guard let read, weekday.map({ $0 == read.date.isoWeekday }) ?? true else { return nil }
        return read
    }

    /// What is wrong with a plan's date that `parsePlan` does not read, for the message
    /// "next session date '…'" + this: the day of the week, or else the form to write.
    static func planDateProblem(_ text: some StringProtocol, form: String) -> String {
        weekdayMismatch(text).map { ": \($0); fix the day or the date" } ?? " is not a date; write \(form)"
    }

    /// The names documents write (`LocalDate.weekdayNames`), lower-cased to compare.
    private static let weekdays = LocalDate.weekdayNames.map { $0.lowercased() }

    /// Why a plan's date that reads but for its day of the week is refused: "2026-11-10 is a
    /// Tuesday, not a Monday"; nil when that is not what is wrong.
    static func weekdayMismatch(_ text: some StringProtocol) -> String? {
        let (weekday, rest) = splitWeekday(Substring(text.trimmedOfSpaces()))
        guard let weekday, let date = LocalDate(rest.prefix(10)), date.isoWeekday != weekday else { return nil }
        return "\(date) is a \(date.weekdayName), not a \(LocalDate.weekdayNames[weekday - 1])"
    }

    /// Words that say a date is not known yet (`When: tbd`): a plan without a date, not a
    /// malformed one.
    static func isNotYetKnown(_ raw: some StringProtocol) -> Bool {
        var text = Substring(raw.trimmedOfSpaces().lowercased())
        if text.isEmpty { return true }
        while let last = text.last, ".!?)]*_".contains(last) { text.removeLast() }
        while let first = text.first, "([*_".contains(first) { text.removeFirst() }
        let whole = String(text).trimmedOfSpaces()
        if whole.isEmpty || notYetKnown.contains(whole) { return true }
        // `tbd - we'll see`, `TBD, after the holidays`: the first words say it, unless
        // digits follow (`tbd 2026-12-01` holds a date, read or mistyped: never dropped).
        guard !whole.contains(where: \.isNumber) else { return false }
        let separators: Set<Character> = [" ", "-", "–", "—", ",", ";", ":", "("]
        guard let cut = whole.firstIndex(where: { separators.contains($0) }) else { return false }
        let head = whole[..<cut]
        return notYetKnown.contains(String(head)) && head.count >= 2
    }

    private static let notYetKnown: Set<String> = [
        "tbd", "tba", "tbc", "?", "??", "???", "-", "--", "—", "n/a", "na", "none", "unknown",
        "not yet", "not set", "not scheduled", "not planned", "to be decided", "to be confirmed",
        "to be announced", "to be agreed", "to be arranged", "to be scheduled", "later",
    ]
}
