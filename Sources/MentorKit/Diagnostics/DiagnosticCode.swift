/// Every diagnostic the tool can give, with a stable identifier users can search for.
///
/// The raw values are part of the JSON contract (`check --format json`, `export`):
/// never rename one, only add.
public enum DiagnosticCode: String, Sendable, Hashable, Codable, CaseIterable {
    // Reading a file
    case unreadableFile = "unreadable-file"
    case tooLarge = "too-large"
    case tooComplex = "too-complex"
    case notUTF8 = "not-utf8"
    case unterminatedFrontMatter = "unterminated-front-matter"
    case badYAML = "bad-yaml"
    case frontMatterNotMap = "front-matter-not-map"
    case unknownKey = "unknown-key"
    case badValue = "bad-value"
    // Session front matter
    case missingDate = "missing-date"
    case badDate = "bad-date"
    case badTime = "bad-time"
    case missingMentee = "missing-mentee"
    case badStatus = "bad-status"
    case badDuration = "bad-duration"
    case plannedInPast = "planned-in-past"
    case heldInFuture = "held-in-future"
    // Profiles
    case missingName = "missing-name"
    case duplicateProfile = "duplicate-profile"
    // Items
    case badFieldDate = "bad-field-date"
    case unclosedCodeBlock = "unclosed-code-block"
    // The chain
    case badPrevious = "bad-previous"
    case ambiguousPrevious = "ambiguous-previous"
    case previousOtherSeries = "previous-other-series"
    case previousCycle = "previous-cycle"
    case previousShared = "previous-shared"
    case sameTimeConflict = "same-time"
    case noNextSession = "no-next-session"
    // Configuration and templates
    case badConfig = "bad-config"
    case badTemplate = "bad-template"
    case unknownTemplate = "unknown-template"
    case unknownItemID = "unknown-item-id"
    case unknownSection = "unknown-section"
    case unmatchedUpdate = "unmatched-update"
    case itemIDMismatch = "item-id-mismatch"
    case badEmail = "bad-email"
    case strayNote = "stray-note"

    /// The severity a diagnostic of this code has unless the finder says otherwise.
    public var defaultSeverity: Severity {
        switch self {
        case .unknownKey, .badDuration, .plannedInPast, .heldInFuture, .duplicateProfile,
             .badFieldDate, .previousOtherSeries, .noNextSession, .unclosedCodeBlock, .unknownTemplate, .unknownItemID, .unknownSection,
             .unmatchedUpdate, .itemIDMismatch, .badEmail, .strayNote:
            return .warning
        default:
            return .error
        }
    }
}
