/// How serious a diagnostic is: an error makes `mentor check` fail, a warning does not.
public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    case error
    case warning

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .error && rhs == .warning
    }
}

/// One finding about the notebook: where it is, how bad it is, and what to do about it.
///
/// `file` is relative to the notebook root with `/` separators; `line` and `column` are
/// 1-based and count the front matter.
public struct Diagnostic: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    /// Whether it stands in a private part of the note and its message quotes from there:
    /// the export leaves such a message out unless private parts are asked for.
    public var isPrivate: Bool

    public init(file: String, line: Int = 1, column: Int = 1, severity: Severity? = nil,
                code: DiagnosticCode, message: String, isPrivate: Bool = false) {
        self.isPrivate = isPrivate
        self.file = file
        self.line = max(1, line)
        self.column = max(1, column)
        self.severity = severity ?? code.defaultSeverity
        self.code = code
        // A value quoted from a note can be huge or hold line breaks: keep messages one
        // readable line. Most messages are short printable ASCII, kept as they are without
        // a walk by characters (which cost 50,000 instructions a message).
        if Diagnostic.isShortPrintableASCII(message, limit: 400) {
            self.message = message
            return
        }
        var cleaned = String(message.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
        if cleaned.count > 400 { cleaned = String(cleaned.prefix(400)) + "…" }
        self.message = cleaned
    }

    /// At most `limit` bytes, each printable ASCII: then each is a character of its own, and
    /// none is a control character.
    static func isShortPrintableASCII(_ text: String, limit: Int) -> Bool {
        let utf8 = text.utf8
        return utf8.count <= limit && utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// The line `mentor check` prints: `file:line:col: error: message [code]`.
    public var formatted: String {
        // A file name may hold a line break; printed, it must not split the line.
        let name = Diagnostic.isShortPrintableASCII(file, limit: .max) ? file
            : String(file.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
        return "\(name):\(line):\(column): \(severity.rawValue): \(message) [\(code.rawValue)]"
    }

    /// The order diagnostics are reported in: by file, line, column, then code.
    public static func reportOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        if lhs.file != rhs.file { return TextScanning.precedesInBytes(lhs.file, rhs.file) }
        if lhs.line != rhs.line { return lhs.line < rhs.line }
        if lhs.column != rhs.column { return lhs.column < rhs.column }
        if lhs.code != rhs.code { return lhs.code.rawValue < rhs.code.rawValue }
        return lhs.message < rhs.message
    }
}

extension Array where Element == Diagnostic {
    /// Diagnostics in report order (file, line, column), duplicates removed.
    public func sortedForReport() -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return sorted(by: Diagnostic.reportOrder).filter { seen.insert($0).inserted }
    }

    /// The number of errors among these diagnostics.
    public var errorCount: Int { filter { $0.severity == .error }.count }
    /// The number of warnings among these diagnostics.
    public var warningCount: Int { filter { $0.severity == .warning }.count }
}
