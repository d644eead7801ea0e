import MentorTemplates
import Mustache

/// The Mustache templates a notebook renders with: the embedded defaults, each replaced by
/// the notebook's `templates/<name>.mustache` where it has one.
public struct TemplateSet: Sendable {
    private let library: MustacheLibrary
    /// Parse errors of the notebook's own templates (those templates are not used).
    public let diagnostics: [Diagnostic]
    /// Names of the templates that failed to parse.
    public let broken: Set<String>

    /// Template names are file names without `.mustache`: `agenda.md`, `report.html`, ...
    public init(overrides: [String: String]) {
        MarkdownContentType.registerOnce()
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        var broken: Set<String> = []
        for (file, text) in DefaultTemplates.files {
            // The defaults are tested; a failure here is a bug caught by the test suite.
            try? library.register(text, named: TemplateSet.name(of: file))
        }
        for (file, text) in overrides.sorted(by: { $0.key < $1.key }) {
            do {
                library.register(try MustacheTemplate(string: text), named: TemplateSet.name(of: file))
            } catch let error as MustacheTemplate.ParserError {
                broken.insert(TemplateSet.name(of: file))
                diagnostics.append(Diagnostic(
                    file: "templates/" + file, line: error.context.lineNumber, column: error.context.columnNumber,
                    code: .badTemplate,
                    message: "template does not parse (\(TemplateSet.describe(error.error))); fix it or delete it to use the default"))
            } catch {
                broken.insert(TemplateSet.name(of: file))
                diagnostics.append(Diagnostic(file: "templates/" + file, code: .badTemplate,
                                              message: "template does not parse (\(error)); fix it or delete it to use the default"))
            }
        }
        self.library = library
        self.diagnostics = diagnostics
        self.broken = broken
    }

    /// Renders `context` with the named template; nil when no such template exists.
    public func render(_ name: String, _ context: [String: Any]) -> String? {
        library.render(context, withTemplate: name)
    }

    static func name(of file: String) -> String {
        file.hasSuffix(".mustache") ? String(file.dropLast(".mustache".count)) : file
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "a section is closed with the wrong name"
        case .unfinishedName?: return "a tag is not closed with }}"
        case .expectedSectionEnd?: return "a section is never closed"
        case .invalidSetDelimiter?: return "bad set-delimiter tag"
        default: return "\(error)"
        }
    }
}

/// Text written into Markdown: characters that Markdown would read as syntax or HTML are
/// escaped, so a note's `<script>` stays text.
struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { MarkdownText.escape(text) }

    private static let registration: Void = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    }()

    static func registerOnce() { _ = registration }
}

/// Escaping for text placed in Markdown documents.
public enum MarkdownText {
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "|":
                result.append("\\")
                result.append(character)
            case "<": result.append("&lt;")
            case ">": result.append("&gt;")
            case "\n", "\r\n", "\r": result.append(" ")
            default: result.append(character)
            }
        }
        return result
    }
}
