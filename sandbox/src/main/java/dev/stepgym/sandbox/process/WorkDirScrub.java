package dev.stepgym.sandbox.process;

import dev.stepgym.sandbox.SandboxException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes out of a work dir, after a run, what the run could leave for the host's tools to trip
 * on. Inside its sealed root a run may make any symlink it likes, but the server, Git and the
 * language server read the same folder on the host, with the server's rights: a link there to
 * {@code /etc} or to a task's reference patch would lead them outside. A named pipe would make
 * the next read of that path block forever. So every symlink that does not resolve to an entry
 * inside the work dir, and every pipe, socket or device, is removed. {@code .git} is skipped:
 * runs cannot write there (see {@link WorkDirAccess}).
 */
final class WorkDirScrub {
    private static final String GIT_DIR = ".git";

    private WorkDirScrub() {}

    /** Removes the unsafe entries under {@code workDir}; returns their relative paths, sorted. */
    static List<String> scrub(Path workDir) {
        List<String> removed = new ArrayList<>();
        Path root;
        try {
            root = workDir.toRealPath();
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.equals(root.resolve(GIT_DIR)) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    boolean unsafe = attrs.isSymbolicLink() ? !leadsInside(root, file) : attrs.isOther();
                    if (unsafe) {
                        Files.deleteIfExists(file);
                        removed.add(root.relativize(file).toString());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // gone meanwhile, or unreadable: nothing to follow
                }
            });
        } catch (IOException e) {
            throw new SandboxException(SandboxException.Kind.IO,
                    "cannot check the work dir after a run: " + e.getMessage(), e);
        }
        removed.sort(null);
        return removed;
    }

    /** The link resolves (through every further link) to an existing entry under the root. */
    private static boolean leadsInside(Path root, Path link) {
        try {
            return link.toRealPath().startsWith(root);
        } catch (IOException dangling) {
            return false;
        }
    }
}
