package dev.stepgym.sandbox.jail;

import dev.stepgym.sandbox.SandboxException;
import dev.stepgym.sandbox.SandboxException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Confines user-given paths to one directory tree. Paths are relative, normalised, and every
 * existing prefix is resolved through its symlinks; the result must stay under the root. A
 * symlink inside the workspace that points inside is followed; one that points outside is
 * refused.
 *
 * <pre>{@code
 * WorkspaceJail jail = new WorkspaceJail(workspaceRoot);
 * Path file = jail.resolve("pkg/util.py");          // <root>/pkg/util.py (real path)
 * jail.resolve("../etc/passwd");                     // SandboxException PATH_ESCAPE
 * jail.resolveForWrite(".git/config");               // SandboxException GIT_DIR
 * String shown = jail.relative(file);                // "pkg/util.py"
 * }</pre>
 *
 * <p>The check is made when the method is called: a process that swaps a directory for a
 * symlink afterwards is not seen. Callers resolve right before they read or write, and no
 * sandboxed process runs while an edit is applied.
 */
public final class WorkspaceJail {
    /** Linux's PATH_MAX; longer names cannot be opened anyway. */
    private static final int MAX_PATH_CHARS = 4096;
    private static final String GIT_DIR = ".git";

    private final Path root;

    /**
     * @param root an existing directory; it is canonicalised here, so a root reached through a
     *     symlink is fine
     */
    public WorkspaceJail(Path root) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new SandboxException(Kind.NOT_FOUND, "workspace root does not exist: " + root, e);
        }
        if (!Files.isDirectory(this.root)) {
            throw new SandboxException(Kind.NOT_FOUND, "workspace root is not a directory: " + root);
        }
    }

    /** The canonical root every resolved path lies under. */
    public Path root() {
        return root;
    }

    /**
     * Resolves a path for reading: the real path of the deepest existing prefix, with the rest
     * appended. The file need not exist.
     *
     * @throws SandboxException INVALID_PATH (empty, NUL, too long, root itself), PATH_ESCAPE
     */
    public Path resolve(String userPath) {
        return walk(userPath).path();
    }

    /**
     * Resolves a path for writing: as {@link #resolve}, and in addition nothing under
     * {@code .git} (by name or through a symlink) and no write through a symlink: the named file
     * itself must not be a symlink.
     *
     * @throws SandboxException INVALID_PATH, PATH_ESCAPE, GIT_DIR
     */
    public Path resolveForWrite(String userPath) {
        Resolution resolution = walk(userPath);
        if (resolution.lastIsSymlink()) {
            throw new SandboxException(Kind.PATH_ESCAPE,
                    "refusing to write through a symbolic link: " + userPath);
        }
        if (isUnderGitDir(resolution.lexical()) || isUnderGitDir(relativeNames(resolution.path()))) {
            throw new SandboxException(Kind.GIT_DIR, "refusing to write under .git: " + userPath);
        }
        return resolution.path();
    }

    /**
     * The path relative to the root with forward slashes, as shown in observations; "." for the
     * root itself.
     *
     * @throws SandboxException PATH_ESCAPE when {@code path} is not under the root
     */
    public String relative(Path path) {
        List<String> names = relativeNames(path.toAbsolutePath().normalize());
        return names.isEmpty() ? "." : String.join("/", names);
    }

    private List<String> relativeNames(Path absolute) {
        if (!absolute.startsWith(root)) {
            throw new SandboxException(Kind.PATH_ESCAPE, "not inside the workspace: " + absolute);
        }
        List<String> names = new ArrayList<>();
        for (Path name : root.relativize(absolute)) {
            if (!name.toString().isEmpty()) {
                names.add(name.toString());
            }
        }
        return names;
    }

    private static boolean isUnderGitDir(List<String> names) {
        // Case-insensitive: harmless on Linux, and keeps a checkout on a case-folding file system safe.
        return names.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(GIT_DIR));
    }

    private Resolution walk(String userPath) {
        List<String> lexical = lexicalNames(userPath);
        Path current = root;
        boolean lastIsSymlink = false;
        for (int i = 0; i < lexical.size(); i++) {
            Path next = current.resolve(lexical.get(i));
            lastIsSymlink = Files.isSymbolicLink(next);
            if (lastIsSymlink) {
                current = followLink(next, userPath);
            } else if (Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                current = next; // current is real and next is no link, so next is real too
            } else {
                // The rest does not exist: nothing more to follow.
                for (int j = i; j < lexical.size(); j++) {
                    current = current.resolve(lexical.get(j));
                }
                break;
            }
        }
        return new Resolution(current, lexical, lastIsSymlink);
    }

    private Path followLink(Path link, String userPath) {
        Path target;
        try {
            target = link.toRealPath();
        } catch (IOException dangling) {
            // A dangling link: judge where it points; writing there would create the file there.
            try {
                target = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
            } catch (IOException | InvalidPathException e) {
                throw new SandboxException(Kind.IO, "cannot read symbolic link " + userPath, e);
            }
        }
        if (!target.startsWith(root)) {
            throw new SandboxException(Kind.PATH_ESCAPE,
                    "path leaves the workspace through a symbolic link: " + userPath);
        }
        return target;
    }

    private static List<String> lexicalNames(String userPath) {
        if (userPath == null || userPath.isBlank()) {
            throw new SandboxException(Kind.INVALID_PATH, "empty path");
        }
        if (userPath.indexOf('\0') >= 0) {
            throw new SandboxException(Kind.INVALID_PATH, "path contains a NUL byte");
        }
        if (userPath.length() > MAX_PATH_CHARS) {
            throw new SandboxException(Kind.INVALID_PATH,
                    "path longer than " + MAX_PATH_CHARS + " characters");
        }
        Path path;
        try {
            path = Path.of(userPath);
        } catch (InvalidPathException e) {
            throw new SandboxException(Kind.INVALID_PATH, "not a valid path: " + e.getMessage(), e);
        }
        if (path.isAbsolute()) {
            throw new SandboxException(Kind.PATH_ESCAPE, "absolute paths are not allowed: " + userPath);
        }
        Path normal = path.normalize();
        if (normal.startsWith("..")) {
            throw new SandboxException(Kind.PATH_ESCAPE, "path leaves the workspace: " + userPath);
        }
        List<String> names = new ArrayList<>();
        for (Path name : normal) {
            if (!name.toString().isEmpty()) {
                names.add(name.toString());
            }
        }
        if (names.isEmpty()) {
            throw new SandboxException(Kind.INVALID_PATH, "path names the workspace root itself: " + userPath);
        }
        return names;
    }

    private record Resolution(Path path, List<String> lexical, boolean lastIsSymlink) {}
}
