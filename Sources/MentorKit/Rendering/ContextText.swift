import Mustache

/// A string as an item context hands it to the template engine: it renders, transforms and
/// opens a section exactly as the string does, but the engine finds at once that it has no
/// values of its own. A `String` on top of the context stack (inside `{{#owner}}`, say)
/// sends every name looked up there through `Mirror` reflection first, and rendering a
/// `String` takes casts this type answers directly: together a few percent of a big
/// report's time.
struct ContextText: MustacheCustomRenderable, MustacheParent, MustacheTransformable, CustomStringConvertible,
    Sendable {
    let text: String

    var renderText: String { text }
    var isNull: Bool { false }
    func child(named: String) -> Any? { nil }
    func transform(_ name: String) -> Any? { text.transform(name) }
    var description: String { text }
}
