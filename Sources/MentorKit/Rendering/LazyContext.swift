import Mustache

/// A template context that makes each value when a template names it, instead of a
/// dictionary of every value made up front. A big notebook's report offers tens of
/// thousands of items, of which a template shows a few fields of some; making them all was
/// most of the report's time and memory.
///
/// It stands for the dictionary it replaces as `ContextValues.withPresenceFlags` would leave
/// it: the same values, the same `hasX` flags, nil for any other name (so the template
/// looks further up the stack) and the same transforms (`count`, `sorted`, ...).
protocol LazyContext: MustacheParent, MustacheTransformable, CustomStringConvertible {
    /// The names it may have values for; the `hasX` flags come from these.
    var names: [String] { get }
    /// The value of `name`, nil when there is none.
    func value(named name: String) -> Any?
}

extension LazyContext {
    func child(named name: String) -> Any? {
        value(named: name) ?? ContextValues.presenceFlag(named: name, in: value(named:))
    }

    /// Every value and flag in a dictionary: for transforms, descriptions and tests.
    var dictionary: [String: Any] {
        ContextValues.withPresenceFlags(ContextValues.values(names, value(named:)))
    }

    func transform(_ name: String) -> Any? { dictionary.transform(name) }

    var description: String { dictionary.description }
}
