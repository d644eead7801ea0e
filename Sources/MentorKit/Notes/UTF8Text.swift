/// A note's text made from its bytes when some are beyond ASCII.
///
/// `String(validating:)` checks the bytes one at a time once any of them is beyond ASCII,
/// about ten instructions a byte, where a plain ASCII note is checked eight bytes at a time.
/// Most notes beyond ASCII hold a few such characters (a 📅 due date, an accented name):
/// this makes their string from ASCII runs (checked eight bytes at a time) and the short
/// runs between them (checked alone: an ASCII byte is never inside a multi-byte character,
/// so each run is valid exactly when the whole is), and leaves notes with many such runs to
/// the one check.
enum UTF8Text {
    /// The text of `bytes`, nil when they are not valid UTF-8.
    static func string(validating bytes: UnsafeBufferPointer<UInt8>) -> String? {
        // Each run costs about as much as checking 64 bytes one at a time.
        let maximumRuns = max(4, bytes.count / 128)
        var result = ""
        result.reserveCapacity(bytes.count)
        var asciiStart = 0
        var runs = 0
        while true {
            let runStart = ByteScan.firstNonASCII(in: bytes, from: asciiStart)
            if runStart > asciiStart {
                result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[asciiStart..<runStart]), as: UTF8.self))
            }
            guard runStart < bytes.count else { return result }
            runs += 1
            if runs > maximumRuns { return String(validating: bytes, as: UTF8.self) }
            var runEnd = runStart + 1
            while runEnd < bytes.count, bytes[runEnd] >= 0x80 { runEnd += 1 }
            guard let run = String(validating: UnsafeBufferPointer(rebasing: bytes[runStart..<runEnd]), as: UTF8.self) else {
                return nil
            }
            result.append(run)
            asciiStart = runEnd
        }
    }
}
