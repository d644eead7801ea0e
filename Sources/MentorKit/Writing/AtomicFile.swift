import Foundation

/// Writes files so that nothing is ever half-written or silently replaced.
///
/// Data goes to a temporary file in the destination's folder, then takes the final name:
/// with `link(2)` when the file must not exist yet (atomic, no clobbering), with
/// `rename(2)` when `overwrite` is set. A symbolic link at the destination is replaced,
/// never followed.
public enum AtomicFile {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case exists(String)
        case cannotWrite(String, String)

        public var description: String {
            switch self {
            case .exists(let path): return "\(path) already exists; pass --force to replace it"
            case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
            }
        }
    }

    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool) throws(Failure) {
        try write(to: path, overwrite: overwrite) { (append) throws(Failure) in
            // `withUnsafeBytes` rethrows untyped errors: carry the typed one out in a Result.
            try bytes.withUnsafeBytes { buffer in Result { () throws(Failure) in try append(buffer) } }.get()
        }
    }

    /// Writes what `contents` hands to `append`, a chunk at a time, so that a big file never
    /// has to be in memory whole. Whether the file may be written is decided before `contents`
    /// is called: an existing file without `overwrite` fails with `.exists` before anything is
    /// made or written. If a write fails, or `contents` throws, the temporary file is removed
    /// and the destination is left as it was.
    public static func write(
        to path: String, overwrite: Bool,
        contents: (_ append: (UnsafeRawBufferPointer) throws(Failure) -> Void) throws(Failure) -> Void
    ) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        if !overwrite, FileManager.default.fileExists(atPath: path) || isSymlink(path) {
            throw .exists(path)
        }
        // Only a regular file (or a link, which is replaced, not followed) may be replaced:
        // never a folder, a pipe or a device.
        var existing = stat()
        if lstat(path, &existing) == 0 {
            let type = existing.st_mode & S_IFMT
            guard type == S_IFREG || type == S_IFLNK else {
                throw .cannotWrite(path, "it exists and is not a regular file")
            }
        }
        // Short, so that a long file name still leaves room for it.
        let temporary = folder + "/.mentor-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(path, String(cString: strerror(errno))) }
        do throws(Failure) {
            try contents { (chunk) throws(Failure) in
                var written = 0
                while written < chunk.count {
                    let result = Foundation.write(descriptor, chunk.baseAddress! + written, chunk.count - written)
                    if result < 0 {
                        if errno == EINTR { continue }
                        throw .cannotWrite(path, String(cString: strerror(errno)))
                    }
                    written += result
                }
            }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        if fsync(descriptor) != 0 || close(descriptor) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .cannotWrite(path, reason)
        }
        if overwrite {
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw .cannotWrite(path, reason)
            }
        } else {
            let linked = link(temporary, path)
            let reason = linked == 0 ? "" : String(cString: strerror(errno))
            let existed = linked != 0 && errno == EEXIST
            unlink(temporary)
            if existed { throw .exists(path) }
            if linked != 0 { throw .cannotWrite(path, reason) }
        }
    }

    public static func write(_ text: String, to path: String, overwrite: Bool) throws(Failure) {
        try write(Array(text.utf8), to: path, overwrite: overwrite)
    }

    private static func isSymlink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }
}
