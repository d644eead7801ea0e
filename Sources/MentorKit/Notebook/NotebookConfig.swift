import Foundation

/// The notebook's settings from `mentor.yml` (all optional).
public struct NotebookConfig: Sendable, Hashable {
    public enum WeekStart: String, Sendable, Hashable { case monday, sunday }
    public enum DefaultOwner: String, Sendable, Hashable { case mentee, mentor, none }

    /// The mentor of notes that name none.
    public var mentor: String?
    /// IANA time zone identifier; nil means the system's.
    public var timeZone: String?

    /// The zone of an identifier as `timeZone` means it: the system's when nil or unknown.
    /// "Today", calendar times and email dates all go through this, so they agree.
    public static func zone(_ identifier: String?) -> TimeZone {
        identifier.flatMap(TimeZone.init(identifier:)) ?? .current
    }
    public var weekStarts: WeekStart
    public var defaultOwner: DefaultOwner
    /// Days without a held session before a mentorship counts as stalled.
    public var stalledAfter: Int

    public init(mentor: String? = nil, timeZone: String? = nil, weekStarts: WeekStart = .monday,
                defaultOwner: DefaultOwner = .mentee, stalledAfter: Int = 21) {
        self.mentor = mentor
        self.timeZone = timeZone
        self.weekStarts = weekStarts
        self.defaultOwner = defaultOwner
        self.stalledAfter = stalledAfter
    }

    public static let fileName = "mentor.yml"
    static let knownKeys = ["mentor", "timezone", "week-starts", "default-owner", "stalled-after"]

    /// Reads `mentor.yml`; what cannot be used is reported and left at its default.
    public static func parse(bytes: [UInt8], path: String = fileName) -> (NotebookConfig, [Diagnostic]) {
        var config = NotebookConfig()
        var diagnostics: [Diagnostic] = []
        func report(_ line: Int, _ column: Int, _ code: DiagnosticCode, _ message: String) {
            diagnostics.append(Diagnostic(file: path, line: line, column: column, code: code, message: message))
        }
        // A byte order mark, as some editors save, is no part of the settings (notes allow it too).
        let hasMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        guard let text = String(validating: bytes[(hasMark ? 3 : 0)...], as: UTF8.self) else {
            report(1, 1, .notUTF8, "mentor.yml is not valid UTF-8; save it as UTF-8")
            return (config, diagnostics)
        }
        let frontMatter: FrontMatter
        switch FrontMatter.parse(text, firstLine: 1) {
        case .success(let parsed): frontMatter = parsed
        case .failure(.yaml(let line, let column, let problem)):
            report(line, column, .badYAML, "mentor.yml is not valid YAML (\(problem)); fix it or delete it")
            return (config, diagnostics)
        case .failure(.notMap(let line)):
            report(line, 1, .frontMatterNotMap, "mentor.yml must be a map of `key: value` lines")
            return (config, diagnostics)
        }
        for entry in frontMatter.entries {
            let value = FrontMatter.string(entry.value)
            if value == nil, knownKeys.contains(entry.key) {
                if !entry.value.isScalar {
                    report(entry.line, entry.column, .badConfig, "`\(entry.key)` in mentor.yml should be a single value; write `\(entry.key): value`")
                    continue
                }
            }
            switch entry.key {
            case "mentor":
                config.mentor = value
            case "timezone":
                guard let value else { continue }
                if TimeZone(identifier: value) != nil {
                    config.timeZone = value
                } else {
                    report(entry.line, entry.column, .badConfig, "timezone '\(value)' is not an IANA time zone; write one like Europe/London")
                }
            case "week-starts":
                guard let value else { continue }
                if let start = WeekStart(rawValue: value.lowercased()) { config.weekStarts = start } else {
                    report(entry.line, entry.column, .badConfig, "week-starts '\(value)' must be monday or sunday")
                }
            case "default-owner":
                guard let value else { continue }
                if let owner = DefaultOwner(rawValue: value.lowercased()) { config.defaultOwner = owner } else {
                    report(entry.line, entry.column, .badConfig, "default-owner '\(value)' must be mentee, mentor or none")
                }
            case "stalled-after":
                guard let value else { continue }
                if let days = Int(value.trimmingCharacters(in: CharacterSet(charactersIn: "d "))), days > 0 {
                    config.stalledAfter = days
                } else {
                    report(entry.line, entry.column, .badConfig, "stalled-after '\(value)' must be a number of days, like 21")
                }
            default:
                report(entry.line, entry.column, .unknownKey,
                       "unknown key `\(entry.key)` in mentor.yml; known keys: \(knownKeys.joined(separator: ", "))")
            }
        }
        return (config, diagnostics)
    }
}
