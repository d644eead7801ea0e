/// Reads a duration as notes write it: `45`, `45m`, `45 min`, `1h`, `1h30m`, `1h 30m`, `1.5h`.
enum DurationText {
    /// Longest spelling first, so `hours` is not read as `h` followed by `ours`.
    private static let units: [(String, Double)] = [
        ("hours", 60), ("hour", 60), ("hrs", 60), ("hr", 60), ("h", 60),
        ("minutes", 1), ("minute", 1), ("mins", 1), ("min", 1), ("m", 1),
    ]

    static func minutes(_ raw: some StringProtocol) -> Int? {
        if let ascii = raw.utf8.withContiguousStorageIfAvailable(asciiMinutes), let ascii { return ascii }
        return minutesByDefinition(raw)
    }

    /// `minutes(_:)` of ASCII text on bytes, with no string made but the numbers; nil when
    /// the text is not ASCII (and `.some(nil)` when it is no duration).
    private static func asciiMinutes(_ raw: UnsafeBufferPointer<UInt8>) -> Int?? {
        guard raw.allSatisfy({ $0 < 0x80 }) else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(raw.count, 1)) { text in
            // Lower-cased, white space dropped: what the definition reads.
            var count = 0
            for byte in raw where !(byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)) {
                text[count] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                count += 1
            }
            guard count > 0 else { return .some(nil) }
            let bytes = UnsafeBufferPointer(rebasing: text[..<count])
            func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
            if bytes.allSatisfy(isDigit) {
                guard let plain = Int(String(decoding: bytes, as: UTF8.self)), plain > 0, plain < 100_000 else { return .some(nil) }
                return plain
            }
            var total = 0.0
            var numberStart = 0
            var sawUnit = false
            var index = 0
            while index < bytes.count {
                if isDigit(bytes[index]) || bytes[index] == 0x2E {
                    index += 1
                    continue
                }
                guard let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[numberStart..<index]), as: UTF8.self)),
                      let (unit, factor) = asciiUnits.first(where: { unit in
                          index + unit.0.count <= bytes.count && unit.0.indices.allSatisfy { bytes[index + $0] == unit.0[$0] }
                      }) else { return .some(nil) }
                total += value * factor
                index += unit.count
                numberStart = index
                sawUnit = true
            }
            if numberStart < bytes.count {
                // "1h30" means 1 h 30 min.
                guard sawUnit,
                      let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[numberStart...]), as: UTF8.self))
                else { return .some(nil) }
                total += value
            }
            guard sawUnit, total.isFinite, total >= 0.5, total < 100_000 else { return .some(nil) }
            return Int(total.rounded())
        }
    }

    private static let asciiUnits: [([UInt8], Double)] = units.map { (Array($0.0.utf8), $0.1) }

    /// `minutes(_:)` by its definition, on characters.
    static func minutesByDefinition(_ raw: some StringProtocol) -> Int? {
        let text = asciiNormalized(raw) ?? raw.lowercased().filter { !$0.isWhitespace }
        guard !text.isEmpty else { return nil }
        if text.allSatisfy(\.isNumber) {
            guard let plain = Int(text), plain > 0, plain < 100_000 else { return nil }
            return plain
        }
        var total = 0.0
        var number = ""
        var sawUnit = false
        var rest = Substring(text)
        while let character = rest.first {
            if character.isNumber || character == "." {
                number.append(character)
                rest = rest.dropFirst()
                continue
            }
            guard let value = Double(number) else { return nil }
            guard let (unit, factor) = units.first(where: { rest.hasPrefix($0.0) }) else { return nil }
            total += value * factor
            rest = rest.dropFirst(unit.count)
            number = ""
            sawUnit = true
        }
        if !number.isEmpty {
            // "1h30" means 1 h 30 min.
            guard sawUnit, let value = Double(number) else { return nil }
            total += value
        }
        guard sawUnit, total.isFinite, total >= 0.5, total < 100_000 else { return nil }
        return Int(total.rounded())
    }

    /// Lower-cased without white space, on bytes, for ASCII text; nil for anything else.
    private static func asciiNormalized(_ raw: some StringProtocol) -> String? {
        var bytes: [UInt8] = []
        for byte in raw.utf8 {
            guard byte < 0x80 else { return nil }
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { continue }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
