import MentorKit

/// A document written a chunk at a time, so that a big one never has to be in memory whole.
protocol ChunkedDocument {
    /// Hands the document's bytes to `sink` in order; each buffer is valid only during its call.
    func write<WriteFailure: Error>(to sink: (UnsafeRawBufferPointer) throws(WriteFailure) -> Void) throws(WriteFailure)
}

/// A document already made as text.
struct TextDocument: ChunkedDocument {
    var text: String

    func write<WriteFailure: Error>(to sink: (UnsafeRawBufferPointer) throws(WriteFailure) -> Void) throws(WriteFailure) {
        var text = self.text
        // `withUTF8` rethrows untyped errors: carry the typed one out in a Result.
        try text.withUTF8 { bytes in Result { () throws(WriteFailure) in try sink(UnsafeRawBufferPointer(bytes)) } }.get()
    }
}

/// The report's JSON, written a chunk at a time.
struct ReportJSON: ChunkedDocument {
    var report: WeeklyReport
    var jobs = 1

    func write<WriteFailure: Error>(to sink: (UnsafeRawBufferPointer) throws(WriteFailure) -> Void) throws(WriteFailure) {
        try ReportDocument.writeJSON(report, jobs: jobs, to: sink)
    }
}
