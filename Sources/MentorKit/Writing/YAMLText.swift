/// Scalars written into front matter: plain when YAML reads them back as the same string,
/// double-quoted otherwise.
enum YAMLText {
    static func scalar(_ value: String) -> String {
        let reserved: Set<String> = ["", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n"]
        let risky = value.first.map { "-?:,[]{}#&*!|>'\"%@`".contains($0) || $0.isWhitespace } ?? true
        let inner = value.contains(": ") || value.contains(" #") || value.last?.isWhitespace == true
            || value.last == ":" || value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        let numeric = Double(value) != nil || LocalDate(value.prefix(10)) != nil || value.contains(":") && LocalTime(value) != nil
        guard risky || inner || numeric || reserved.contains(value.lowercased()) else { return value }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case "\r": quoted += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }
}
