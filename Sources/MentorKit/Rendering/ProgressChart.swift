/// The report's progress chart over eight weeks: items closed against items open.
enum ProgressChart {
    /// A small text chart for Markdown, in a code block so it keeps its columns.
    static func text(_ weeks: [WeeklyReport.ChartWeek]) -> String {
        let largest = max(1, weeks.map { max($0.closed, $0.open) }.max() ?? 1)
        let width = 20
        func bar(_ value: Int, _ mark: Character) -> String {
            let length = value == 0 ? 0 : max(1, (value * width + largest / 2) / largest)
            return String(repeating: mark, count: length).padding(toLength: width, withPad: " ", startingAt: 0)
        }
        var lines = ["week       closed                 open"]
        for week in weeks {
            lines.append("\(week.label)  \(bar(week.closed, "#")) \(String(week.closed).leftPadded(3))  "
                         + "\(bar(week.open, "=")) \(String(week.open).leftPadded(3))")
        }
        return lines.joined(separator: "\n")
    }

    /// Inline SVG: a pair of bars a week, with labels and a legend; no scripts, no links.
    static func svg(_ weeks: [WeeklyReport.ChartWeek]) -> String {
        let width = 640, height = 240, left = 40, bottom = 40, top = 30
        let plotHeight = height - bottom - top
        let largest = max(1, weeks.map { max($0.closed, $0.open) }.max() ?? 1)
        let slot = (width - left - 10) / max(1, weeks.count)
        let barWidth = max(4, slot / 3)
        var parts: [String] = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-labelledby=\"chart-title\">",
            "<title id=\"chart-title\">Items closed and open, last \(weeks.count) weeks</title>",
            "<rect x=\"\(left + 4)\" y=\"6\" width=\"12\" height=\"12\" class=\"closed\"/><text x=\"\(left + 22)\" y=\"16\">closed</text>",
            "<rect x=\"\(left + 84)\" y=\"6\" width=\"12\" height=\"12\" class=\"open\"/><text x=\"\(left + 102)\" y=\"16\">open</text>",
            "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - 10)\" y2=\"\(height - bottom)\" class=\"axis\"/>",
            "<text x=\"\(left - 6)\" y=\"\(top + 4)\" text-anchor=\"end\">\(largest)</text>",
            "<text x=\"\(left - 6)\" y=\"\(height - bottom)\" text-anchor=\"end\">0</text>",
        ]
        for (index, week) in weeks.enumerated() {
            let x = left + index * slot + slot / 2 - barWidth
            for (offset, value, kind) in [(0, week.closed, "closed"), (barWidth, week.open, "open")] {
                let barHeight = value * plotHeight / largest
                parts.append("<rect x=\"\(x + offset)\" y=\"\(height - bottom - barHeight)\" width=\"\(barWidth - 2)\" height=\"\(barHeight)\" class=\"\(kind)\"><title>\(week.label): \(value) \(kind)</title></rect>")
                parts.append("<text x=\"\(x + offset + (barWidth - 2) / 2)\" y=\"\(height - bottom - barHeight - 3)\" text-anchor=\"middle\" class=\"value\">\(value)</text>")
            }
            parts.append("<text x=\"\(x + barWidth)\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\">\(week.label.dropFirst(5))</text>")
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }
}

extension String {
    func leftPadded(_ length: Int) -> String {
        count >= length ? self : String(repeating: " ", count: length - count) + self
    }
}
