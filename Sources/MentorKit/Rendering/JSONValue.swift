/// A JSON value whose objects keep their key order, so that output is the same bytes
/// for the same model and reads in the order the spec lists the keys.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered() == rhs.rendered() }
    public func hash(into hasher: inout Hasher) { hasher.combine(rendered()) }

    /// `nil` becomes `null`.
    public static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    public static func int(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }
    public static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    /// Pretty-printed with two-space indentation and a final newline.
    public func rendered() -> String {
        var output = ""
        write(to: &output, indent: 0)
        output.append("\n")
        return output
    }

    func write(to output: inout String, indent: Int) {
        switch self {
        case .null: output.append("null")
        case .bool(let value): output.append(value ? "true" : "false")
        case .int(let value): output.append(String(value))
        case .string(let value): JSONValue.writeString(value, to: &output)
        case .array(let values):
            guard !values.isEmpty else { output.append("[]"); return }
            output.append("[\n")
            for (index, value) in values.enumerated() {
                output.append(String(repeating: " ", count: indent + 2))
                value.write(to: &output, indent: indent + 2)
                output.append(index + 1 < values.count ? ",\n" : "\n")
            }
            output.append(String(repeating: " ", count: indent) + "]")
        case .object(let pairs):
            guard !pairs.isEmpty else { output.append("{}"); return }
            output.append("{\n")
            for (index, (key, value)) in pairs.enumerated() {
                output.append(String(repeating: " ", count: indent + 2))
                JSONValue.writeString(key, to: &output)
                output.append(": ")
                value.write(to: &output, indent: indent + 2)
                output.append(index + 1 < pairs.count ? ",\n" : "\n")
            }
            output.append(String(repeating: " ", count: indent) + "}")
        }
    }

    private static func writeString(_ value: String, to output: inout String) {
        output.append("\"")
        // Most strings need no escaping: append them whole.
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x3C && $0 != 0x3E && $0 != 0x7F && $0 != 0xE2 }) {
            output.append(value)
            output.append("\"")
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output.append("\\\"")
            case "\\": output.append("\\\\")
            case "\n": output.append("\\n")
            case "\r": output.append("\\r")
            case "\t": output.append("\\t")
            // Escaped so that JSON pasted into a page can never open a tag.
            case "<": output.append("\\u003c")
            case ">": output.append("\\u003e")
            case "\u{2028}": output.append("\\u2028")
            case "\u{2029}": output.append("\\u2029")
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output.append("\"")
    }
}
