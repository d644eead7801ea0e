/// A calendar date without a time zone, as written in notes (`YYYY-MM-DD`).
///
/// Arithmetic is done on a day number (days since 1970-01-01) so that comparing and
/// counting days needs no calendar object and no clock.
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    // Stored small: dates are in every item, event and session, many thousands of them.
    private let storedYear: Int16
    private let storedMonth: UInt8
    private let storedDay: UInt8

    public var year: Int { Int(storedYear) }
    public var month: Int { Int(storedMonth) }
    public var day: Int { Int(storedDay) }

    /// Creates a date when the parts form a real calendar date in years 1...9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= LocalDate.daysIn(month: month, year: year) else { return nil }
        storedYear = Int16(year)
        storedMonth = UInt8(month)
        storedDay = UInt8(day)
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(_ text: some StringProtocol) {
        guard text.utf8.count == 10 else { return nil }
        let parts = text.utf8.withContiguousStorageIfAvailable(LocalDate.parts) ?? Array(text.utf8).withUnsafeBufferPointer(LocalDate.parts)
        guard let (year, month, day) = parts else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DD` in ASCII digits: its three numbers.
    private static func parts(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10])
        else { return nil }
        return (year, month, day)
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) {
        // Howard Hinnant's civil_from_days.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        // Clamped so that a day number far outside the years 1-9999 cannot trap.
        storedYear = Int16(clamping: yoe + era * 400 + (m <= 2 ? 1 : 0))
        storedMonth = UInt8(m)
        storedDay = UInt8(d)
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int { LocalDate.dayNumber(year: year, month: month, day: day) }

    /// Days since 1970-01-01 of any proleptic Gregorian date (Howard Hinnant's days_from_civil).
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Day of the week, 1 = Monday ... 7 = Sunday (ISO 8601).
    public var isoWeekday: Int {
        let weekday = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday
        return (weekday < 0 ? weekday + 7 : weekday) + 1
    }

    /// The English names of the days, Monday first: `weekdayNames[isoWeekday - 1]`.
    static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// The day's English name (`Tuesday`), as documents write it before a date.
    var weekdayName: String { LocalDate.weekdayNames[isoWeekday - 1] }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: LocalDate) -> Int { other.dayNumber - dayNumber }

    public var description: String {
        // Exports and reports write hundreds of thousands of dates: ten bytes straight into a
        // small string rather than five strings concatenated.
        if (0...9999).contains(year) {
            return String(unsafeUninitializedCapacity: 10) { text in
                text[0] = LocalDate.digit(year / 1000)
                text[1] = LocalDate.digit(year / 100 % 10)
                text[2] = LocalDate.digit(year / 10 % 10)
                text[3] = LocalDate.digit(year % 10)
                text[4] = UInt8(ascii: "-")
                text[5] = LocalDate.digit(month / 10)
                text[6] = LocalDate.digit(month % 10)
                text[7] = UInt8(ascii: "-")
                text[8] = LocalDate.digit(day / 10)
                text[9] = LocalDate.digit(day % 10)
                return 10
            }
        }
        let y = String(year), m = String(month), d = String(day)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-"
            + (m.count < 2 ? "0" : "") + m + "-" + (d.count < 2 ? "0" : "") + d
    }

    /// The ASCII digit of `value`, 0...9.
    static func digit(_ value: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value) }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The number ASCII digits spell; nil when a byte is no digit.
    static func number(_ digits: some Collection<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
