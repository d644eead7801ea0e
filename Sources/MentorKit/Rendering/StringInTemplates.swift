import Mustache

// swift-mustache asks every value on its context stack for a name, and a `String` that is
// neither a `MustacheParent` nor `MustacheCustomRenderable` costs it a `Mirror` (inside
// `{{#owner}} — @{{owner}}{{/owner}}`, the string is on top of the stack) and, when shown,
// four more dynamic casts and `String(describing:)`. These two conformances give the answers
// those paths give for a string — it has no children, and it renders as itself — on the
// cheap path: a tenth of a big report's rendering. A wrapper type would do the same but
// stops a value from naming a partial (`{{>*kind}}` takes only a `String`). Checked against
// swift-mustache 2.1.1: should it conform `String` itself one day, these become redundant
// (the test "Strings behave in templates as swift-mustache defines them" pins the behaviour).
extension String: @retroactive MustacheParent {
    public func child(named: String) -> Any? { nil }
}

extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}
