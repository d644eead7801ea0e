/// A parsed Markdown body as a flat array of nodes in document (pre-)order.
///
/// Each node records where its subtree ends, so children and descendants are index
/// ranges: walking the tree needs no recursion, however deeply a note nests its lists.
public struct MarkdownTree: Sendable {
    public enum Kind: UInt8, Sendable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph
        case heading, thematicBreak
        case text, softBreak, lineBreak, code, htmlInline, customInline, emphasis, strong
        case link, image
    }

    public struct Node: Sendable {
        public var kind: Kind
        /// Heading level, or 1 for an ordered list and 0 for a bullet list.
        public var level: Int
        public var line: Int
        public var column: Int
        public var endLine: Int
        /// One past the index of this node's last descendant.
        public var end: Int
        public var literal: String?
        public var url: String?
    }

    public var nodes: [Node]

    public init(nodes: [Node]) { self.nodes = nodes }

    /// The indexes of the direct children of the node at `index`.
    public func children(of index: Int) -> [Int] {
        var result: [Int] = []
        var child = index + 1
        while child < nodes[index].end {
            result.append(child)
            child = nodes[child].end
        }
        return result
    }

    /// The first direct child of `index`, if any.
    public func firstChild(of index: Int) -> Int? {
        index + 1 < nodes[index].end ? index + 1 : nil
    }

    /// The text a reader sees in the subtree at `index`: text and code literals, breaks as
    /// spaces, inline HTML dropped, link and image text kept without their URL.
    public func plainText(of index: Int) -> String {
        var text = ""
        var position = index
        while position < nodes[index].end {
            let node = nodes[position]
            switch node.kind {
            case .text, .code:
                text += node.literal ?? ""
            case .softBreak, .lineBreak:
                text += " "
            case .paragraph, .heading, .codeBlock:
                guard position != index else { break }
                if !text.isEmpty { text += " " }
                if node.kind == .codeBlock { text += node.literal ?? "" }
            default:
                break
            }
            position += 1
        }
        return text
    }
}
