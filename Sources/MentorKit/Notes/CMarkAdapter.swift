import CCmark
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place that talks to the cmark C library.
///
/// It parses a Markdown body, copies every node into a `MarkdownTree` and frees the cmark
/// tree before it returns, so no C pointer outlives the call. The tree is allocated in the
/// calling thread's `NoteArena` and freed all at once.
enum CMarkAdapter {
    static func parse(_ markdown: Substring) -> MarkdownTree {
        // cmark takes a pointer and a length: the note's own bytes, no copy.
        if let tree = markdown.utf8.withContiguousStorageIfAvailable(parse) { return tree }
        return Array(markdown.utf8).withUnsafeBufferPointer(parse)
    }

    /// The tree of Markdown given as its UTF-8 bytes.
    static func parse(_ markdown: UnsafeBufferPointer<UInt8>) -> MarkdownTree {
        let empty = MarkdownTree(nodes: [
            .init(kind: .document, storedLevel: 0, storedLine: 1, storedColumn: 1, storedEndLine: 1, storedEnd: 1,
                  literalStart: 0, literalCount: -1, urlStart: 0, urlCount: -1),
        ], bytes: [])
        // Everything cmark allocated for this note goes at once, whichever way this returns;
        // nothing of it is used after the copy.
        defer { NoteArena.reset() }
        guard let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, NoteArena.allocator) else { return empty }
        markdown.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        let document = cmark_parser_finish(parser)
        cmark_parser_free(parser)
        guard let document else { return empty }

        var copy = TreeCopy(sizedFor: markdown.count)
        // Pre-order by the node links (first child, next sibling, parent), with no
        // `cmark_iter`: about half the C calls of its enter and exit events. The open
        // containers: a note nests a handful deep; one allocation, not one per doubling.
        var open: [(node: OpaquePointer, index: Int)] = []
        open.reserveCapacity(32)
        var current = document
        walk: while true {
            let type = cmark_node_get_type(current)
            let index = copy.append(current, type: type, parent: open.last?.index ?? -1)
            if !isLeaf(type), let child = cmark_node_first_child(current) {
                open.append((current, index))
                current = child
                continue
            }
            // Next the sibling, or that of the nearest open container with one.
            while true {
                if !open.isEmpty, let next = cmark_node_next(current) {
                    current = next
                    continue walk
                }
                guard let (parent, parentIndex) = open.popLast() else { break walk }
                copy.nodes[parentIndex].end = copy.nodes.count
                current = parent
            }
        }
        return MarkdownTree(nodes: copy.nodes, bytes: copy.bytes)
    }

    /// The tree being copied. Its arrays are a struct's, changed by its mutating methods:
    /// as local variables captured by nested functions, each literal stored paid a dynamic
    /// exclusivity check.
    private struct TreeCopy {
        var nodes: [MarkdownTree.Node] = []
        var bytes: [UInt8] = []

        /// Room for the usual note, so the arrays rarely grow: notes of short list items have
        /// a node per 11 to 12 bytes, and literals are at most the text itself.
        init(sizedFor byteCount: Int) {
            nodes.reserveCapacity(byteCount / 10 + 16)
            bytes.reserveCapacity(byteCount)
        }

        /// Appends a C string to the byte buffer: (start, count), or count -1 for none.
        mutating func store(_ pointer: UnsafePointer<CChar>?) -> (Int32, Int32) {
            guard let pointer else { return (0, -1) }
            let start = bytes.count
            let length = strlen(pointer)
            pointer.withMemoryRebound(to: UInt8.self, capacity: length) { raw in
                bytes.append(contentsOf: UnsafeBufferPointer(start: raw, count: length))
            }
            return (Int32(start), Int32(length))
        }

        /// Appends the node (its children come after it); returns its index.
        mutating func append(_ node: OpaquePointer, type: cmark_node_type, parent: Int) -> Int {
            let kind = CMarkAdapter.kind(of: type)
            var level: UInt8 = 0
            var literal: (Int32, Int32) = (0, -1)
            var url: (Int32, Int32) = (0, -1)
            switch kind {
            case .heading:
                level = UInt8(clamping: cmark_node_get_heading_level(node))
            case .list:
                level = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST ? 1 : 0
            case .text, .code, .htmlInline, .htmlBlock, .codeBlock:
                literal = store(cmark_node_get_literal(node))
            case .link, .image:
                url = store(cmark_node_get_url(node))
            default:
                break
            }
            let index = nodes.count
            // Positions of blocks only: the reader places everything by its block, and
            // inline nodes are most of a note's nodes (three C calls each saved).
            let isBlock = kind.isBlock
            nodes.append(.init(kind: kind, storedLevel: level,
                               storedLine: isBlock ? Int32(cmark_node_get_start_line(node)) : 0,
                               storedColumn: isBlock ? Int32(cmark_node_get_start_column(node)) : 0,
                               storedEndLine: isBlock ? Int32(cmark_node_get_end_line(node)) : 0,
                               storedEnd: Int32(index + 1), literalStart: literal.0, literalCount: literal.1,
                               urlStart: url.0, urlCount: url.1, storedParent: Int32(parent)))
            return index
        }
    }

    private static func isLeaf(_ type: cmark_node_type) -> Bool {
        switch type {
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK,
             CMARK_NODE_TEXT, CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE,
             CMARK_NODE_HTML_INLINE:
            return true
        default:
            return false
        }
    }

    private static func kind(of type: cmark_node_type) -> MarkdownTree.Kind {
        switch type {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: return .customBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: return .customInline
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        default: return .customInline
        }
    }

    // MARK: - Rendering note Markdown safely

    /// Markdown rendered to HTML in cmark's safe mode, with more taken out: raw HTML is
    /// omitted, images become their alt text (no request leaves the page, no tracking
    /// pixel in an email), links with unsafe schemes become their text, and headings are
    /// moved down `headingOffset` levels to sit below the document's own.
    static func safeHTML(_ markdown: String, headingOffset: Int = 0) -> String {
        withSanitizedDocument(markdown, headingOffset: headingOffset) { document in
            guard let html = cmark_render_html(document, CMARK_OPT_DEFAULT) else { return "" }
            defer { free(html) }
            return String(cString: html)
        }
    }

    /// The same clean-up, written back as CommonMark, so a Markdown document built from
    /// notes carries no script or remote image into whatever renders it.
    static func safeCommonMark(_ markdown: String, headingOffset: Int = 0) -> String {
        withSanitizedDocument(markdown, headingOffset: headingOffset) { document in
            guard let text = cmark_render_commonmark(document, CMARK_OPT_DEFAULT, 0) else { return "" }
            defer { free(text) }
            return String(cString: text)
        }
    }

    private static func withSanitizedDocument(_ markdown: String, headingOffset: Int,
                                              _ body: (OpaquePointer) -> String) -> String {
        var utf8 = markdown.utf8CString
        let parsed: OpaquePointer? = utf8.withUnsafeMutableBufferPointer { buffer in
            cmark_parse_document(buffer.baseAddress, buffer.count - 1, CMARK_OPT_DEFAULT)
        }
        guard let document = parsed else { return "" }
        defer { cmark_node_free(document) }
        var remove: [OpaquePointer] = []
        var unwrap: [OpaquePointer] = []
        if let iterator = cmark_iter_new(document) {
            while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
                guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                      let node = cmark_iter_get_node(iterator) else { continue }
                switch cmark_node_get_type(node) {
                case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                    remove.append(node)
                case CMARK_NODE_IMAGE:
                    unwrap.append(node)
                case CMARK_NODE_LINK:
                    let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                    if !isSafeURL(url) { unwrap.append(node) }
                case CMARK_NODE_HEADING where headingOffset > 0:
                    cmark_node_set_heading_level(node, min(6, cmark_node_get_heading_level(node) + Int32(headingOffset)))
                default:
                    break
                }
            }
            cmark_iter_free(iterator)
        }
        // The tree is changed after the walk: changing it under an iterator is unsafe.
        // Inner nodes first, so an image inside a link is unwrapped before the link.
        for node in unwrap.reversed() {
            while let child = cmark_node_first_child(node) {
                cmark_node_insert_before(node, child)
            }
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        for node in remove {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        return body(document)
    }

    /// The link schemes cmark's own safe mode allows (`data:` only for images, not here).
    static func isSafeURL(_ url: String) -> Bool {
        let lowered = url.trimmingCharacters(in: .whitespaces).lowercased()
        for scheme in ["javascript:", "vbscript:", "file:", "data:"] where lowered.hasPrefix(scheme) {
            return false
        }
        return true
    }
}
