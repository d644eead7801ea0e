import Foundation

/// Reads whole files into byte arrays with `open(2)`/`read(2)`: one copy, straight into
/// the array the parser reads, and only regular files (a pipe would block).
enum FileBytes {
    enum Outcome {
        case bytes([UInt8])
        case tooLarge(Int)
        case unreadable
    }

    static func read(_ path: String, limit: Int) -> Outcome {
        read(path, relativeTo: AT_FDCWD, limit: limit)
    }

    /// `path` relative to the open folder `folder` (`openat`): the kernel looks up only the
    /// path below the folder, not the whole path from `/`, for each of thousands of notes.
    static func read(_ path: String, relativeTo folder: Int32, limit: Int) -> Outcome {
        let descriptor = openat(folder, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return .unreadable }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .unreadable }
        let size = Int(info.st_size)
        if size > limit { return .tooLarge(size) }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var offset = 0
            while offset < size {
                let result = Foundation.read(descriptor, buffer.baseAddress! + offset, size - offset)
                if result < 0 && errno == EINTR { continue }
                if result <= 0 { break }
                offset += result
            }
            // A file that shrank while being read keeps what was there.
            count = offset
            failed = offset == 0 && size > 0
        }
        return failed ? .unreadable : .bytes(bytes)
    }
}
