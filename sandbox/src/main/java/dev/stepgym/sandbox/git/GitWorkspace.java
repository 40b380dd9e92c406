package dev.stepgym.sandbox.git;

import dev.stepgym.sandbox.SandboxException;
import dev.stepgym.sandbox.SandboxException.Kind;
import dev.stepgym.sandbox.jail.WorkspaceJail;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FileUtils;

/**
 * One episode's working copy of a task repository, under Git (JGit only). Made once, then
 * {@link #reset()} between episodes brings it back to the base commit in milliseconds.
 *
 * <pre>{@code
 * try (GitWorkspace ws = GitWorkspace.create(taskRepo, workRoot.resolve("ep-1"))) {
 *     ws.apply(List.of(FileEdit.write("calc.py", fixed)));
 *     String patch = ws.diff();          // unified diff against the base commit
 *     ws.reset();                        // next episode starts from the base again
 * }                                      // close deletes the directory
 * }</pre>
 *
 * <p>Not thread-safe: one episode owns it at a time, and no sandboxed process runs while a
 * change is applied (the jail's symlink checks hold at the moment of the call).
 */
public final class GitWorkspace implements AutoCloseable {
    /** Fixed identity and time, so the same folder always gives the same base commit id. */
    private static final PersonIdent BASE_IDENT = new PersonIdent("stepgym", "stepgym@localhost",
            Instant.parse("2000-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String BASE_MESSAGE = "task base";
    private static final Set<PosixFilePermission> NEW_FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");

    private final Path root;
    private final Git git;
    private final ObjectId base;
    private final WorkspaceJail jail;
    private final EditLimits limits;
    private boolean closed;

    private GitWorkspace(Path root, Git git, ObjectId base, EditLimits limits) {
        this.root = root;
        this.git = git;
        this.base = base;
        this.jail = new WorkspaceJail(root);
        this.limits = limits;
    }

    /** {@link #create(Path, Path, EditLimits)} with {@link EditLimits#DEFAULT}. */
    public static GitWorkspace create(Path source, Path workDir) {
        return create(source, workDir, EditLimits.DEFAULT);
    }

    /**
     * Makes a workspace in {@code workDir} (absent or empty). A Git repository (with a
     * {@code .git} directory, or bare) is cloned locally from its file URI, and its HEAD is the
     * base; a plain folder is copied and committed as "task base" with a fixed author and date.
     * Either way the tree then holds exactly the base commit (ignored files of a copied folder
     * are removed, as {@link #reset()} would).
     *
     * @throws SandboxException NOT_FOUND (no source), CONFLICT (work dir not empty), IO
     */
    public static GitWorkspace create(Path source, Path workDir, EditLimits limits) {
        if (!Files.isDirectory(source)) {
            throw new SandboxException(Kind.NOT_FOUND, "task source is not a directory: " + source);
        }
        Path from = source.toAbsolutePath().normalize();
        Path to = workDir.toAbsolutePath().normalize();
        if (to.startsWith(from) || from.startsWith(to)) {
            throw new SandboxException(Kind.CONFLICT, "work dir and task source contain each other: " + to + ", " + from);
        }
        prepareEmpty(workDir);
        Git git = null;
        try {
            if (isRepository(source)) {
                git = Git.cloneRepository()
                        .setURI(source.toAbsolutePath().toUri().toString())
                        .setDirectory(workDir.toFile())
                        .setCloneAllBranches(false)
                        .call();
                configure(git.getRepository());
            } else {
                copyTree(source, workDir, false);
                git = Git.init().setDirectory(workDir.toFile()).setInitialBranch("main").call();
                configure(git.getRepository());
                git.add().addFilepattern(".").call();
                git.commit().setMessage(BASE_MESSAGE).setAuthor(BASE_IDENT).setCommitter(BASE_IDENT)
                        .setSign(false).setAllowEmpty(true).call();
            }
            ObjectId head = git.getRepository().resolve("HEAD^{commit}");
            if (head == null) {
                throw new SandboxException(Kind.NOT_FOUND, "task repository has no commit: " + source);
            }
            GitWorkspace workspace = new GitWorkspace(workDir.toRealPath(), git, head, limits);
            workspace.clean();
            return workspace;
        } catch (GitAPIException | IOException | RuntimeException e) {
            if (git != null) {
                git.close();
            }
            deleteQuietly(workDir);
            if (e instanceof SandboxException se) {
                throw se;
            }
            throw new SandboxException(Kind.IO, "cannot create workspace from " + source + ": " + e.getMessage(), e);
        }
    }

    public WorkspaceJail jail() {
        return jail;
    }

    /** The canonical workspace directory. */
    public Path root() {
        return root;
    }

    /** The base commit id (40 hex digits). */
    public String baseCommit() {
        return base.name();
    }

    /**
     * Hard reset to the base commit, then removes every untracked file and directory, ignored
     * ones included: the tree is the base again, byte for byte.
     */
    public void reset() {
        ensureOpen();
        try {
            git.reset().setMode(ResetType.HARD).setRef(base.name()).call();
        } catch (GitAPIException | RuntimeException e) {
            throw new SandboxException(Kind.IO, "reset failed: " + e.getMessage(), e);
        }
        clean();
    }

    private void clean() {
        try {
            git.clean().setCleanDirectories(true).setIgnore(false).setForce(true).call();
        } catch (GitAPIException | RuntimeException e) {
            throw new SandboxException(Kind.IO, "clean failed: " + e.getMessage(), e);
        }
    }

    /**
     * Unified diff of the working tree against the base commit, untracked files included as
     * additions, files matched by {@code .gitignore} left out, in Git's path order (byte order
     * of the paths). Same tree, same text.
     */
    public String diff() {
        ensureOpen();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter formatter = formatter(out)) {
            formatter.format(baseTree(), new FileTreeIterator(git.getRepository()));
            formatter.flush();
        } catch (IOException | RuntimeException e) {
            throw new SandboxException(Kind.IO, "diff failed: " + e.getMessage(), e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Paths that differ from the base (added, modified, deleted), in Git's path order. */
    public List<String> changedPaths() {
        ensureOpen();
        try (DiffFormatter formatter = formatter(java.io.OutputStream.nullOutputStream())) {
            List<String> paths = new ArrayList<>();
            for (DiffEntry entry : formatter.scan(baseTree(), new FileTreeIterator(git.getRepository()))) {
                paths.add(entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath());
            }
            return paths;
        } catch (IOException | RuntimeException e) {
            throw new SandboxException(Kind.IO, "diff failed: " + e.getMessage(), e);
        }
    }

    private DiffFormatter formatter(java.io.OutputStream out) {
        DiffFormatter formatter = new DiffFormatter(out);
        formatter.setRepository(git.getRepository());
        formatter.setDetectRenames(false);
        return formatter;
    }

    private CanonicalTreeParser baseTree() throws IOException {
        Repository repo = git.getRepository();
        try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            RevCommit commit = walk.parseCommit(base);
            CanonicalTreeParser parser = new CanonicalTreeParser();
            parser.reset(reader, commit.getTree().getId());
            return parser;
        }
    }

    /**
     * Applies a change all or nothing. Every edit is checked first (jail, {@code .git}, sizes,
     * text, conflicts); then each file is written to a temporary file beside it and moved over
     * the target atomically. If a write fails, every file already written gets its old bytes
     * back (kept in memory) and directories made for the change are removed, so the tree is as
     * before; the exception says what failed.
     *
     * @throws SandboxException PATH_ESCAPE, GIT_DIR, INVALID_PATH, NOT_FOUND (deleting a missing
     *     file), TOO_LARGE, BINARY, CONFLICT (path twice, a file where a directory is needed or
     *     the reverse), IO (a write failed; rolled back)
     */
    public ApplyResult apply(List<FileEdit> edits) {
        ensureOpen();
        List<Planned> plan = new EditValidator(jail, limits).validate(edits);
        new Transaction(plan).run();
        List<String> written = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        long bytes = 0;
        for (Planned p : plan) {
            if (p.content() == null) {
                deleted.add(p.relative());
            } else {
                written.add(p.relative());
                bytes += p.content().length;
            }
        }
        written.sort(null);
        deleted.sort(null);
        return new ApplyResult(written, deleted, bytes);
    }

    /**
     * Copies the working tree as it is now, without {@code .git}, into a new folder {@code target}
     * (which must not exist): a snapshot that nothing done later in this workspace can touch.
     * Symlinks are copied as links and never followed; sockets, pipes and devices are skipped.
     */
    public void copyWorkTree(Path target) {
        ensureOpen();
        try {
            Files.createDirectory(target);
            copyTree(root, target, true);
        } catch (IOException e) {
            deleteQuietly(target);
            throw new SandboxException(Kind.IO, "cannot copy the work tree: " + e.getMessage(), e);
        }
    }

    /** Closes the repository and deletes the workspace directory. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        git.close();
        try {
            FileUtils.delete(root.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
        } catch (IOException e) {
            throw new SandboxException(Kind.IO, "cannot delete workspace " + root + ": " + e.getMessage(), e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("workspace is closed: " + root);
        }
    }

    /** One validated edit: where it goes, what it writes (null: delete), what was there before. */
    record Planned(Path target, String relative, byte[] content, byte[] previous, Set<PosixFilePermission> previousPermissions) {}

    /** Checks a whole change before anything is written. */
    private record EditValidator(WorkspaceJail jail, EditLimits limits) {

        List<Planned> validate(List<FileEdit> edits) {
            if (edits.size() > limits.maxFiles()) {
                throw new SandboxException(Kind.TOO_LARGE,
                        "change has " + edits.size() + " files, more than " + limits.maxFiles());
            }
            long total = 0;
            Set<Path> targets = new HashSet<>();
            List<Planned> plan = new ArrayList<>();
            for (FileEdit edit : edits) {
                Path target = jail.resolveForWrite(edit.path());
                String relative = jail.relative(target);
                if (!targets.add(target)) {
                    throw new SandboxException(Kind.CONFLICT, "path edited twice in one change: " + relative);
                }
                byte[] content = edit.newContent();
                if (content != null) {
                    checkText(relative, content);
                    total += content.length;
                    if (total > limits.maxChangeBytes()) {
                        throw new SandboxException(Kind.TOO_LARGE,
                                "change is larger than " + limits.maxChangeBytes() + " bytes");
                    }
                }
                checkParents(target, relative);
                plan.add(planOne(target, relative, content));
            }
            for (Path t : targets) {
                for (Path a = t.getParent(); a != null && a.startsWith(jail.root()); a = a.getParent()) {
                    if (targets.contains(a)) {
                        throw new SandboxException(Kind.CONFLICT, "change needs " + jail.relative(a)
                                + " as a file and as a directory");
                    }
                }
            }
            return plan;
        }

        private void checkText(String relative, byte[] content) {
            if (content.length > limits.maxFileBytes()) {
                throw new SandboxException(Kind.TOO_LARGE, relative + ": " + content.length
                        + " bytes, more than " + limits.maxFileBytes());
            }
            for (byte b : content) {
                if (b == 0) {
                    throw new SandboxException(Kind.BINARY, relative + ": content has NUL bytes (binary)");
                }
            }
            try {
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(content));
            } catch (CharacterCodingException e) {
                throw new SandboxException(Kind.BINARY, relative + ": content is not valid UTF-8");
            }
        }

        private void checkParents(Path target, String relative) {
            for (Path a = target.getParent(); a != null && a.startsWith(jail.root()) && !a.equals(jail.root()); a = a.getParent()) {
                if (Files.exists(a, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(a, LinkOption.NOFOLLOW_LINKS)) {
                    throw new SandboxException(Kind.CONFLICT, relative + ": " + jail.relative(a) + " is a file, not a directory");
                }
            }
        }

        private Planned planOne(Path target, String relative, byte[] content) {
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new SandboxException(Kind.CONFLICT, relative + " is a directory");
            }
            boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
            if (exists && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new SandboxException(Kind.CONFLICT, relative + " is not a regular file");
            }
            if (content == null && !exists) {
                throw new SandboxException(Kind.NOT_FOUND, "cannot delete " + relative + ": no such file");
            }
            try {
                return exists
                        ? new Planned(target, relative, content, Files.readAllBytes(target), Files.getPosixFilePermissions(target))
                        : new Planned(target, relative, content, null, null);
            } catch (IOException e) {
                throw new SandboxException(Kind.IO, "cannot read " + relative + ": " + e.getMessage(), e);
            }
        }
    }

    /** Writes a validated change; on failure puts back what it had written. */
    private final class Transaction {
        private final List<Planned> plan;
        private final List<Planned> done = new ArrayList<>();
        private final List<Path> createdDirs = new ArrayList<>();

        Transaction(List<Planned> plan) {
            this.plan = plan;
        }

        void run() {
            Planned current = null;
            try {
                for (Planned p : plan) {
                    current = p;
                    if (p.content() == null) {
                        Files.delete(p.target());
                    } else {
                        makeParents(p.target().getParent());
                        replace(p.target(), p.content(), p.previousPermissions() != null ? p.previousPermissions() : NEW_FILE_PERMISSIONS);
                    }
                    done.add(p);
                }
            } catch (IOException | RuntimeException e) {
                SandboxException failure = new SandboxException(Kind.IO, "writing "
                        + (current == null ? "the change" : current.relative()) + " failed, change rolled back: " + e, e);
                rollback(failure);
                throw failure;
            }
        }

        private void makeParents(Path dir) throws IOException {
            List<Path> missing = new ArrayList<>();
            for (Path a = dir; a != null && !Files.exists(a, LinkOption.NOFOLLOW_LINKS); a = a.getParent()) {
                missing.add(0, a);
            }
            for (Path d : missing) {
                Files.createDirectory(d);
                createdDirs.add(d);
            }
        }

        private void rollback(SandboxException failure) {
            for (int i = done.size() - 1; i >= 0; i--) {
                Planned p = done.get(i);
                try {
                    if (p.previous() == null) {
                        Files.deleteIfExists(p.target());
                    } else {
                        replace(p.target(), p.previous(), p.previousPermissions());
                    }
                } catch (IOException | RuntimeException e) {
                    failure.addSuppressed(new IOException("rollback of " + p.relative() + " failed", e));
                }
            }
            for (int i = createdDirs.size() - 1; i >= 0; i--) {
                try {
                    Files.deleteIfExists(createdDirs.get(i));
                } catch (IOException e) {
                    failure.addSuppressed(new IOException("rollback of directory " + createdDirs.get(i) + " failed", e));
                }
            }
        }
    }

    /** Writes beside the target, then renames over it: a reader sees the old or the new file, never half. */
    private static void replace(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".stepgym-", ".tmp");
        try {
            Files.write(tmp, content);
            Files.setPosixFilePermissions(tmp, permissions);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean isRepository(Path source) {
        return Files.isDirectory(source.resolve(".git"))
                || RepositoryCache.FileKey.isGitRepository(source.toFile(), FS.DETECTED);
    }

    /** Repository-level settings win over any user or system Git config on the machine. */
    private static void configure(Repository repo) throws IOException {
        StoredConfig config = repo.getConfig();
        config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOCRLF, false);
        config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_FILEMODE, true);
        config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_SYMLINKS, true);
        config.setInt(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTO, 0);
        config.setBoolean(ConfigConstants.CONFIG_COMMIT_SECTION, null, ConfigConstants.CONFIG_KEY_GPGSIGN, false);
        config.save();
    }

    private static void prepareEmpty(Path workDir) {
        try {
            if (Files.exists(workDir, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(workDir, LinkOption.NOFOLLOW_LINKS)) {
                    throw new SandboxException(Kind.CONFLICT, "work dir is not a directory: " + workDir);
                }
                try (var entries = Files.list(workDir)) {
                    if (entries.findAny().isPresent()) {
                        throw new SandboxException(Kind.CONFLICT, "work dir is not empty: " + workDir);
                    }
                }
            } else {
                Files.createDirectories(workDir);
            }
        } catch (IOException e) {
            throw new SandboxException(Kind.IO, "cannot prepare work dir " + workDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies files, directories and symlinks (as links, never followed); skips sockets and devices,
     * and the top-level {@code .git} when {@code skipGit}.
     */
    private static void copyTree(Path source, Path target, boolean skipGit) throws IOException {
        Path git = source.resolve(".git");
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (skipGit && dir.equals(git)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if ((attrs.isRegularFile() || attrs.isSymbolicLink()) && !(skipGit && file.equals(git))) {
                    Files.copy(file, target.resolve(source.relativize(file).toString()),
                            LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteQuietly(Path dir) {
        try {
            FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
        } catch (IOException ignored) {
            // creation already failed; that error is the one to report
        }
    }
}
