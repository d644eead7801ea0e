// The default templates, embedded in the binary so a copied `mentor` works alone.
// This folder is the one source of truth: edit the `.mustache` files beside this one.

/// The default Mustache templates shipped inside `mentor`, by file name.
public enum DefaultTemplates {
    /// Every default template: file name (e.g. `agenda.md.mustache`) and text.
    public static let files: [(name: String, text: String)] = [
        ("agenda.md.mustache", text(PackageResources.agenda_md_mustache)),
        ("agenda.html.mustache", text(PackageResources.agenda_html_mustache)),
        ("followup.md.mustache", text(PackageResources.followup_md_mustache)),
        ("followup.html.mustache", text(PackageResources.followup_html_mustache)),
        ("report.md.mustache", text(PackageResources.report_md_mustache)),
        ("report.html.mustache", text(PackageResources.report_html_mustache)),
        ("html-style.mustache", text(PackageResources.html_style_mustache)),
        ("session.md.mustache", text(PackageResources.session_md_mustache)),
        ("first-session.md.mustache", text(PackageResources.first_session_md_mustache)),
        ("profile.md.mustache", text(PackageResources.profile_md_mustache)),
    ]

    private static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
