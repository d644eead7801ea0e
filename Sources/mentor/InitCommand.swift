import ArgumentParser
import Foundation
import MentorKit

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a notebook: mentor.yml, a README, a .gitignore, a sample profile and templates to edit.",
        discussion: """
        DIR defaults to the working directory. A folder with anything in it but hidden entries \
        (such as .git) is refused unless --force, which then adds the files that are missing and \
        keeps every file that exists.

        Examples:
          mentor init ~/mentoring
          mentor init . --force
        """
    )

    @Argument(help: "The folder to start the notebook in.") var directory: String?
    @Flag(name: .long, help: "Write into a folder that is not empty.") var force = false

    func run() throws {
        try reportingFailures {
            let folder = NotebookLocator.absolute(directory ?? ".", from: FileManager.default.currentDirectoryPath)
            do {
                let written = try NotebookScaffold.write(into: folder, force: force)
                try StandardOutput.write("started a notebook in \(folder) (\(written.count) files)\n"
                                         + "next: mentor new --first \"Mentee Name\" --notebook \(folder)\n")
            } catch let error as WriteError {
                throw Failure(error.description)
            }
        }
    }
}
