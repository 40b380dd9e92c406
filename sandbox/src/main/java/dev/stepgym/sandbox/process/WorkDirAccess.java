package dev.stepgym.sandbox.process;

import dev.stepgym.sandbox.SandboxException;
import dev.stepgym.sandbox.SandboxException.Kind;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Lends a work directory to a run's uid and takes it back afterwards (only used when the JVM is
 * root and runs drop to a uid of their own).
 *
 * <p>While lent: the work dir itself stays owned by the JVM's user, with group = the run's gid
 * and mode {@code 1770}, so the run can create entries but, because of the sticky bit, cannot
 * rename or delete the JVM-owned {@code .git} (nor can any other uid get in); everything else in
 * the tree is chowned to the run's uid so its tests can write files. {@code .git} stays owned by
 * the JVM's user, readable but not writable, so a test cannot rewrite the history a reset goes
 * back to. The work dir's ancestors are left as they are: a sealed run reaches it as
 * {@code /workspace}, bound before the uid is dropped, never by its host path.
 *
 * <p>On close every entry still owned by the run's uid goes back to the JVM's user and the work
 * dir gets its old owner and mode back, so a later run under the same uid, in another
 * workspace, owns nothing here. Symlinks are never followed and files with more than one hard
 * link are left alone, so nothing outside the tree changes owner.
 */
final class WorkDirAccess implements AutoCloseable {
    private static final String GIT_DIR = ".git";

    private final Path workDir;
    private final int runUid;
    private final int ownerUid;
    private final int ownerGid;
    private final int originalMode;
    private final int originalGid;

    private WorkDirAccess(Path workDir, int runUid, int ownerUid, int ownerGid, int originalMode, int originalGid) {
        this.workDir = workDir;
        this.runUid = runUid;
        this.ownerUid = ownerUid;
        this.ownerGid = ownerGid;
        this.originalMode = originalMode;
        this.originalGid = originalGid;
    }

    static WorkDirAccess lend(Path workDir, int runUid) {
        try {
            Path dir = workDir.toRealPath();
            int ownerUid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            int ownerGid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
            int mode = (Integer) Files.getAttribute(dir, "unix:mode") & 07777;
            int gid = (Integer) Files.getAttribute(dir, "unix:gid");
            WorkDirAccess access = new WorkDirAccess(dir, runUid, ownerUid, ownerGid, mode, gid);
            Files.setAttribute(dir, "unix:gid", runUid);
            Files.setAttribute(dir, "unix:mode", 01770);
            chownTree(dir, ownerUid, runUid, runUid);
            return access;
        } catch (IOException e) {
            throw new SandboxException(Kind.IO, "cannot lend work dir " + workDir + " to uid " + runUid + ": " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            chownTree(workDir, runUid, ownerUid, ownerGid);
            Files.setAttribute(workDir, "unix:gid", originalGid);
            Files.setAttribute(workDir, "unix:mode", originalMode);
        } catch (IOException e) {
            throw new SandboxException(Kind.IO, "cannot take back work dir " + workDir + ": " + e, e);
        }
    }

    /** Gives every entry owned by {@code from} to {@code toUid:toGid}; skips .git, links, hard links. */
    private static void chownTree(Path dir, int from, int toUid, int toGid) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (d.equals(dir)) {
                    return FileVisitResult.CONTINUE;
                }
                if (d.getFileName().toString().equals(GIT_DIR)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                chown(d, from, toUid, toGid);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isSymbolicLink() && !f.getFileName().toString().equals(GIT_DIR)
                        && (attrs.isDirectory() || (Integer) Files.getAttribute(f, "unix:nlink", LinkOption.NOFOLLOW_LINKS) == 1)) {
                    chown(f, from, toUid, toGid);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                return FileVisitResult.CONTINUE; // vanished or unreadable: nothing to give
            }
        });
    }

    private static void chown(Path p, int from, int toUid, int toGid) throws IOException {
        if ((Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS) == from) {
            Files.setAttribute(p, "unix:uid", toUid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(p, "unix:gid", toGid, LinkOption.NOFOLLOW_LINKS);
        }
    }
}
