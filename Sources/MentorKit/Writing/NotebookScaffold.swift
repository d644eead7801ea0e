import Foundation
import MentorTemplates

/// The files `mentor init` writes: settings with commented defaults, a README, a
/// `.gitignore`, a sample profile and copies of the default templates to edit.
public enum NotebookScaffold {
    public static func files() -> [NoteDraft] {
        var files = [
            NoteDraft(path: "mentor.yml", text: configuration),
            NoteDraft(path: "README.md", text: readme),
            NoteDraft(path: ".gitignore", text: "# Documents rendered from the notes: make them again any time.\n/out/\n*.eml\n*.ics\n"),
            NoteDraft(path: "people/example-mentee.md", text: sampleProfile),
        ]
        files += DefaultTemplates.files.map { NoteDraft(path: "templates/" + $0.name, text: $0.text) }
        return files
    }

    /// Writes the scaffold into `folder`; a folder with anything but hidden entries (a
    /// `.git`) in it is refused unless `force`, and then only missing files are added
    /// (existing ones are kept).
    public static func write(into folder: String, force: Bool) throws(WriteError) -> [String] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw WriteError("\(folder) is a file, not a folder") }
            let visible = ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }
            if !visible.isEmpty && !force {
                throw WriteError("\(folder) is not empty (\(visible.sorted().prefix(3).joined(separator: ", "))\(visible.count > 3 ? ", ..." : "")); pass --force to add the missing notebook files (existing files are kept)")
            }
        } else {
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw WriteError("cannot create \(folder): \(error.localizedDescription)")
            }
        }
        // With --force, files that exist are kept: init adds what is missing and replaces
        // nothing (a notebook's mentor.yml and README are the user's).
        let missing = files().filter { file in
            var info = stat()
            return lstat(folder + "/" + file.path, &info) != 0
        }
        for file in missing { try NotebookWriter.check(file, root: folder, force: false) }
        var written: [String] = []
        for file in missing {
            try NotebookWriter.write(file, root: folder, force: false)
            written.append(file.path)
        }
        return written
    }

    static let configuration = """
    # mentor settings. Every key is optional; the values below are the defaults.

    # The mentor of notes that name none.
    # mentor: Your Name

    # IANA time zone for "today" and calendar files (default: the system's).
    # timezone: Europe/London

    # The first day of a report's week: monday or sunday.
    week-starts: monday

    # Who owns an item that names no @owner: mentee, mentor or none.
    default-owner: mentee

    # Days without a held session before a mentorship counts as stalled.
    stalled-after: 21

    """

    static let readme = """
    # Mentoring notebook

    One Markdown note per mentoring session, kept in git and edited in any editor.
    The `mentor` command reads them all; it never changes a note.

    - `sessions/<mentee>/<YYYY-MM-DD>.md`: one note per session, with front matter
      (`date`, `time`, `mentee`, `location`, `link`, ...) and sections: Agenda, Check-in,
      Review, Notes, Challenges, Guidance, Key takeaways, Goals, Action items, Next
      session, Resources. A `## Private` section is yours alone.
    - `people/<mentee>.md`: a profile (`type: profile`): research before a first session.
    - `templates/`: the templates of the documents and of new notes; edit them to taste,
      delete one to get the default back.
    - `mentor.yml`: settings.

    Daily use:

        mentor new --first "Alex Chen"    # a first session and a profile to fill in
        mentor new alex-chen              # the next session, open items ready to tick
        mentor check                      # what in the notes needs fixing
        mentor agenda alex-chen           # before a session
        mentor followup alex-chen         # after it (--format eml for an email)
        mentor report                     # the week across all mentorships
        mentor status                     # one line per mentorship

    """

    static let sampleProfile = """
    ---
    type: profile
    name: Example Mentee
    role: mentee
    email: example.mentee@example.com
    organization: Example Org
    links:
      - https://www.example.com/example-mentee
    ---
    # Example Mentee

    Replace this with your research before the first session: current role, past work,
    what they want to learn. Rename the file after the mentee (people/alex-chen.md), or
    delete it.

    """
}
