/// A parsed Markdown body as a flat array of nodes in document (pre-)order.
///
/// Each node records where its subtree ends, so children and descendants are index
/// ranges: walking the tree needs no recursion, however deeply a note nests its lists.
/// Literals and link targets live in one byte buffer, so reading a note allocates a few
/// arrays instead of a string per text node.
public struct MarkdownTree: Sendable {
    public enum Kind: UInt8, Sendable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph
        case heading, thematicBreak
        case text, softBreak, lineBreak, code, htmlInline, customInline, emphasis, strong
        case link, image

        /// Blocks, as opposed to inline content.
        public var isBlock: Bool { rawValue < Kind.text.rawValue }
    }

    /// A node's position: line, column and end line of a block (1-based); 0 for an inline
    /// node (text, emphasis, links, breaks, ...), whose position nothing reads.
    public struct Node: Sendable {
        public var kind: Kind
        var storedLevel: UInt8
        var storedLine: Int32
        var storedColumn: Int32
        var storedEndLine: Int32
        var storedEnd: Int32
        /// The literal (text, code, HTML) as a range of `bytes`; count -1 when none.
        var literalStart: Int32
        var literalCount: Int32
        /// The link or image target as a range of `bytes`; count -1 when none.
        var urlStart: Int32
        var urlCount: Int32
        /// The index of the parent node, -1 for the document.
        var storedParent: Int32 = -1

        /// Heading level, or 1 for an ordered list and 0 for a bullet list.
        public var level: Int { Int(storedLevel) }
        public var line: Int { Int(storedLine) }
        public var column: Int { Int(storedColumn) }
        public var endLine: Int { Int(storedEndLine) }
        /// One past the index of this node's last descendant.
        public var end: Int {
            get { Int(storedEnd) }
            set { storedEnd = Int32(newValue) }
        }
    }

    public var nodes: [Node]
    /// Every literal and link target, back to back.
    public var bytes: [UInt8]

    public init(nodes: [Node], bytes: [UInt8]) {
        self.nodes = nodes
        self.bytes = bytes
    }

    public func end(of index: Int) -> Int { nodes[index].end }

    /// The index of the node's parent, nil for the document.
    public func parent(of index: Int) -> Int? {
        let parent = nodes[index].storedParent
        return parent >= 0 ? Int(parent) : nil
    }

    /// The nearest list item the node is nested in, if any.
    public func enclosingItem(of index: Int) -> Int? {
        var current = nodes[index].storedParent
        while current >= 0 {
            if nodes[Int(current)].kind == .item { return Int(current) }
            current = nodes[Int(current)].storedParent
        }
        return nil
    }

    public func literal(of index: Int) -> String? {
        let node = nodes[index]
        guard node.literalCount >= 0 else { return nil }
        return string(Int(node.literalStart), Int(node.literalCount))
    }

    public func url(of index: Int) -> String? {
        let node = nodes[index]
        guard node.urlCount >= 0 else { return nil }
        return string(Int(node.urlStart), Int(node.urlCount))
    }

    private func string(_ start: Int, _ count: Int) -> String {
        String(decoding: bytes[start..<(start + count)], as: UTF8.self)
    }

    /// The indexes of the direct children of the node at `index`.
    public func children(of index: Int) -> [Int] {
        // Counted first, so the array is allocated once instead of growing (a note's body
        // has dozens of top-level blocks).
        let stop = end(of: index)
        var count = 0
        var child = index + 1
        while child < stop {
            count += 1
            child = end(of: child)
        }
        return [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
            var child = index + 1
            for position in 0..<count {
                buffer[position] = child
                child = end(of: child)
            }
            initialized = count
        }
    }

    /// The first direct child of `index`, if any.
    public func firstChild(of index: Int) -> Int? {
        index + 1 < end(of: index) ? index + 1 : nil
    }

    /// The text a reader sees in the subtree at `index`: text and code literals, breaks as
    /// spaces, inline HTML dropped, link and image text kept without their URL.
    public func plainText(of index: Int) -> String {
        String(decoding: plainTextBytes(of: index), as: UTF8.self)
    }

    /// The pieces `plainText(of:)` is made of, in order: literals, and a space (nil) for each
    /// break and before a nested block that follows text. `piece` returns false to stop.
    /// The one definition of the plain text, which the readers below consume in their ways.
    @inline(__always)
    private func forEachPlainTextPiece(of index: Int, in buffer: UnsafeBufferPointer<UInt8>,
                                       _ piece: (UnsafeBufferPointer<UInt8>?) -> Bool) {
        forEachPlainTextPiece(of: index, in: buffer) { text, _ in piece(text) }
    }

    /// The same, telling which pieces are code spans.
    @inline(__always)
    private func forEachPlainTextPiece(of index: Int, in buffer: UnsafeBufferPointer<UInt8>,
                                       _ piece: (UnsafeBufferPointer<UInt8>?, _ isCode: Bool) -> Bool) {
        var appended = false
        func literal(_ node: Node) -> Bool {
            guard node.literalCount > 0 else { return true }
            appended = true
            return piece(UnsafeBufferPointer(rebasing: buffer[Int(node.literalStart)..<Int(node.literalStart + node.literalCount)]),
                         node.kind == .code)
        }
        let stop = end(of: index)
        var position = index
        while position < stop {
            let node = nodes[position]
            switch node.kind {
            case .text, .code:
                if !literal(node) { return }
            case .softBreak, .lineBreak:
                appended = true
                if !piece(nil, false) { return }
            case .paragraph, .heading, .codeBlock:
                guard position != index else { break }
                if appended, !piece(nil, false) { return }
                if node.kind == .codeBlock, !literal(node) { return }
            default:
                break
            }
            position += 1
        }
    }

    /// `collapse(plainText(of:))`, the text an entry or heading shows: made in one pass
    /// into the string, with no plain text in between.
    func collapsedText(of index: Int) -> String {
        let capacity = plainTextCapacity(of: index)
        guard capacity > 0 else { return "" }
        return bytes.withUnsafeBufferPointer { buffer in
            String(unsafeUninitializedCapacity: capacity) { output in
                var collapser = TextScanning.Collapser(output: output)
                forEachPlainTextPiece(of: index, in: buffer) { piece in
                    if let piece { collapser.append(piece) } else { collapser.appendSpace() }
                    return true
                }
                return collapser.count
            }
        }
    }

    /// An upper bound of the bytes of `plainText(of:)`: literals and one per break or block.
    private func plainTextCapacity(of index: Int) -> Int {
        var capacity = 0
        for position in index..<end(of: index) {
            let node = nodes[position]
            switch node.kind {
            case .text, .code, .codeBlock: capacity += Int(max(node.literalCount, 0)) + 1
            case .softBreak, .lineBreak, .paragraph, .heading: capacity += 1
            default: break
            }
        }
        return capacity
    }

    /// The checkbox `plainTextBytes(of:)` starts with once spaces are dropped, found from
    /// its first four bytes: no text is made for the many items that have none.
    func leadingCheckbox(of index: Int) -> ItemStatus? {
        var prefix: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        var count = 0
        var skippingSpaces = true
        // Stops once four bytes are in: nothing after them decides the box.
        func take(_ byte: UInt8) -> Bool {
            if skippingSpaces && byte == 0x20 { return true }
            skippingSpaces = false
            switch count {
            case 0: prefix.0 = byte
            case 1: prefix.1 = byte
            case 2: prefix.2 = byte
            default: prefix.3 = byte
            }
            count += 1
            return count < 4
        }
        bytes.withUnsafeBufferPointer { buffer in
            forEachPlainTextPiece(of: index, in: buffer) { piece in
                guard let piece else { return take(0x20) }
                for byte in piece where !take(byte) { return false }
                return true
            }
        }
        return withUnsafeBytes(of: prefix) { raw in
            ItemStatus.checkboxStatus(in: UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[..<count]))
        }
    }

    /// `body` given `plainTextBytes(of:)` in a buffer on the stack, for text that is read
    /// and not kept.
    func withPlainTextBytes<Result>(of index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(plainTextCapacity(of: index), 1)) { output in
            var count = 0
            bytes.withUnsafeBufferPointer { buffer in
                forEachPlainTextPiece(of: index, in: buffer) { piece in
                    guard let piece else {
                        output[count] = 0x20
                        count += 1
                        return true
                    }
                    for byte in piece {
                        output[count] = byte
                        count += 1
                    }
                    return true
                }
            }
            return body(UnsafeBufferPointer(rebasing: output[..<count]))
        }
    }

    /// Whether the inline content of `index` holds a code span.
    func containsCodeSpan(_ index: Int) -> Bool {
        for position in index..<end(of: index) where nodes[position].kind == .code { return true }
        return false
    }

    /// The characters that stand for code spans in `plainTextHidingCode(of:)`: the private
    /// use area, whose characters no field can start with or hold; the n-th span is U+E000 + n.
    static let codePlaceholders: ClosedRange<UInt32> = 0xE000...0xF8FF

    /// Whether `text` holds a character of `codePlaceholders`.
    static func holdsCodePlaceholder(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains { codePlaceholders.contains($0.value) }
    }

    /// `plainTextBytes(of:)` with each code span one character of `codePlaceholders`, and
    /// the code spans' text in order: what an item's fields are read from, since a code span
    /// is literal (`` `@MainActor` `` names no owner). Nil when the text holds such a
    /// character itself, which could then not be told from a code span (or has more spans).
    func plainTextHidingCode(of index: Int) -> (bytes: [UInt8], code: [[UInt8]])? {
        var text: [UInt8] = []
        var code: [[UInt8]] = []
        var ambiguous = false
        bytes.withUnsafeBufferPointer { buffer in
            forEachPlainTextPiece(of: index, in: buffer) { piece, isCode in
                guard let piece else {
                    text.append(0x20)
                    return true
                }
                if isCode {
                    guard let placeholder = Unicode.Scalar(MarkdownTree.codePlaceholders.lowerBound + UInt32(code.count)),
                          MarkdownTree.codePlaceholders.contains(placeholder.value) else {
                        ambiguous = true
                        return false
                    }
                    code.append(Array(piece))
                    text += UTF8.encode(placeholder)!
                } else {
                    // Private-use characters are three bytes from EE 80 80 to EF A3 BF.
                    ambiguous = MarkdownTree.holdsCodePlaceholder(String(decoding: piece, as: UTF8.self))
                    if ambiguous { return false }
                    text.append(contentsOf: piece)
                }
                return true
            }
        }
        return ambiguous ? nil : (text, code)
    }

    /// `plainText(of:)` as UTF-8 bytes, for readers that work on bytes.
    func plainTextBytes(of index: Int) -> [UInt8] {
        withPlainTextBytes(of: index) { Array($0) }
    }
}
