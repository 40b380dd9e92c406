package dev.stepgym.envs.code.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.envs.code.grading.SweBenchGrading;
import dev.stepgym.protocol.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads SWE-bench-style instances into {@link CodeTask}s: a local Git repository at a base commit,
 * a test patch, and the tests that decide ({@code FAIL_TO_PASS}, {@code PASS_TO_PASS}), graded with
 * SWE-bench's rule ({@link SweBenchGrading}). A suite folder holding {@value #JSONL} (one instance
 * per line) or {@value #JSON} (an array, or one object) is read by {@link CodeTaskLoader#loadAll}.
 *
 * <pre>{@code
 * {"instance_id": "calc-1", "repo": "repos/calc", "base_commit": "4f2a...", "problem_statement": "add() ...",
 *  "test_patch": "diff --git a/tests/test_calc.py ...", "patch": "diff --git a/calc.py ...",
 *  "FAIL_TO_PASS": "[\"tests/test_calc.py::test_add_negative\"]", "PASS_TO_PASS": ["tests/test_calc.py::test_add"]}
 * }</pre>
 *
 * <p>Each instance becomes a task: {@code repo/} is the base commit's tree, exported with JGit (no
 * history, so the fix cannot be read from a later commit), {@code hidden/} holds the test patch's
 * files as the patch leaves them (copied over a snapshot of the agent's workspace at submit, so an
 * agent's edits to those files are undone, as SWE-bench's harness checks them out before applying
 * the test patch). Both are made once per instance under a cache folder and reused. The hidden
 * command (default {@code python3 -m pytest -rA <test patch files>}) runs on that snapshot; the
 * visible one (default: the same over those files that exist at the base) on the workspace.
 */
public final class SweBenchInstances {
    public static final String JSONL = "instances.jsonl";
    public static final String JSON = "instances.json";
    public static final String CATEGORY = "swe-bench";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
    static final List<String> PYTEST = List.of("python3", "-m", "pytest", "-rA");

    private static final long MAX_FILE_BYTES = 256L << 20;
    private static final int MAX_TIMEOUT_SECONDS = 3600;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final String COMPLETE = ".complete";
    /** Ours, read. */
    private static final Set<String> FIELDS = Set.of("instance_id", "repo", "repo_path", "base_commit", "patch", "test_patch",
            "problem_statement", "FAIL_TO_PASS", "PASS_TO_PASS", "test_cmd", "visible_test_cmd", "timeout_seconds", "target_files");
    /** SWE-bench's own, accepted and not used. */
    private static final Set<String> IGNORED = Set.of("hints_text", "created_at", "version", "environment_setup_commit",
            "difficulty", "FAIL_TO_FAIL", "PASS_TO_FAIL");

    private SweBenchInstances() {
    }

    /** The instances file of a suite folder, or null when it has none. */
    public static Path file(Path suiteDir) {
        for (String name : List.of(JSONL, JSON)) {
            Path f = suiteDir.resolve(name);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        return null;
    }

    /**
     * Reads every instance of {@code instancesFile}, materialising each under {@code cacheRoot}.
     *
     * @throws IllegalArgumentException naming the file, the instance and the problem: bad JSON, a
     *                                  missing or mistyped field, a repository that is not a local Git
     *                                  repository, an unknown base commit, a test patch or gold patch
     *                                  that does not apply to it, empty FAIL_TO_PASS, a duplicate id
     */
    public static List<CodeTask> load(Path instancesFile, Path cacheRoot) {
        Path file = instancesFile.toAbsolutePath().normalize();
        List<JsonNode> rows = read(file);
        List<CodeTask> tasks = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            String where = "instances " + file + " #" + (i + 1);
            if (!row.isObject()) {
                throw new IllegalArgumentException(where + ": not a JSON object");
            }
            if (row.hasNonNull("instance_id") && row.get("instance_id").isTextual()) {
                where += " (" + row.get("instance_id").asText() + ")";
            }
            CodeTask task = instance(row, file.getParent(), cacheRoot, where);
            if (!ids.add(task.id())) {
                throw new IllegalArgumentException(where + ": instance_id '" + task.id() + "' appears twice");
            }
            tasks.add(task);
        }
        return List.copyOf(tasks);
    }

    private static List<JsonNode> read(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("instances " + file + ": larger than " + MAX_FILE_BYTES + " bytes");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("instances " + file + ": cannot be read: " + e.getMessage(), e);
        }
        List<JsonNode> rows = new ArrayList<>();
        if (file.getFileName().toString().endsWith(".jsonl")) {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    rows.add(parse(lines[i], "instances " + file + " line " + (i + 1)));
                }
            }
        } else {
            JsonNode node = parse(text, "instances " + file);
            if (node.isArray()) {
                node.forEach(rows::add);
            } else {
                rows.add(node);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("instances " + file + ": holds no instance");
        }
        return rows;
    }

    private static JsonNode parse(String text, String where) {
        try {
            JsonNode node = Json.mapper().readTree(text);
            if (node == null) {
                throw new IllegalArgumentException(where + ": empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static CodeTask instance(JsonNode row, Path baseDir, Path cacheRoot, String where) {
        for (Iterator<String> names = row.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name) && !IGNORED.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown field '" + name + "' (known: "
                        + FIELDS.stream().sorted().toList() + ")");
            }
        }
        String id = text(row, "instance_id", where);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(where + ": instance_id '" + id + "' must match " + ID.pattern());
        }
        String statement = text(row, "problem_statement", where);
        String repoField = row.hasNonNull("repo_path") ? "repo_path" : "repo";
        Path source = baseDir.resolve(text(row, repoField, where)).normalize();
        String baseCommit = text(row, "base_commit", where);
        String testPatch = text(row, "test_patch", where);
        String gold = row.hasNonNull("patch") ? text(row, "patch", where) : null;
        List<String> failToPass = testList(row, "FAIL_TO_PASS", where);
        List<String> passToPass = testList(row, "PASS_TO_PASS", where);
        if (failToPass.isEmpty()) {
            throw new IllegalArgumentException(where + ": FAIL_TO_PASS is empty: the instance would be solved by doing nothing");
        }
        List<FilePatch> testFiles;
        try {
            testFiles = UnifiedDiff.parse(testPatch);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": test_patch does not parse: " + e.getMessage(), e);
        }
        if (testFiles.isEmpty()) {
            throw new IllegalArgumentException(where + ": test_patch changes no file");
        }
        Path dir = materialise(id, source, baseCommit, testPatch, testFiles, cacheRoot, repoField, where);
        Path repo = dir.resolve(CodeTaskLoader.REPO_DIR);
        if (gold != null) {
            try {
                UnifiedDiff.applyAll(repo, gold);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": patch (the gold patch) does not apply to base_commit: " + e.getMessage(), e);
            }
        }
        List<String> patchFiles = testFiles.stream().filter(f -> f.change() != FilePatch.Change.DELETE).map(FilePatch::path).toList();
        List<String> hiddenCommand = command(row, "test_cmd", where);
        if (hiddenCommand.isEmpty()) {
            hiddenCommand = new ArrayList<>(PYTEST);
            hiddenCommand.addAll(patchFiles);
        }
        List<String> visibleCommand = command(row, "visible_test_cmd", where);
        if (visibleCommand.isEmpty()) {
            if (row.hasNonNull("test_cmd")) {
                visibleCommand = hiddenCommand;
            } else {
                visibleCommand = new ArrayList<>(PYTEST);
                patchFiles.stream().filter(p -> Files.isRegularFile(repo.resolve(p))).forEach(visibleCommand::add);
            }
        }
        List<String> targets = stringList(row, "target_files", where);
        for (String target : targets) {
            UnifiedDiff.checkPath(target, where + ": target file");
            if (!Files.isRegularFile(repo.resolve(target), LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException(where + ": target file '" + target + "' is not a file of the base commit");
            }
        }
        return new CodeTask(id, dir, repo, statement, visibleCommand, hiddenCommand, dir.resolve(CodeTaskLoader.HIDDEN_DIR),
                targets, CATEGORY, timeout(row, where), gold, new SweBenchGrading(failToPass, passToPass));
    }

    /**
     * The instance's folder under {@code cacheRoot}: {@code repo/} (the base tree) and {@code hidden/}
     * (the test patch's files), made once in a temporary folder and moved in whole.
     */
    private static Path materialise(String id, Path source, String baseCommit, String testPatch, List<FilePatch> testFiles,
                                    Path cacheRoot, String repoField, String where) {
        if (!Files.isDirectory(source)) {
            throw new IllegalArgumentException(where + ": " + repoField + " '" + source + "' is not a directory (a local Git repository is needed)");
        }
        try (Git git = openGit(source, repoField, where); RevWalk walk = new RevWalk(git.getRepository())) {
            Repository repository = git.getRepository();
            ObjectId commitId;
            try {
                commitId = repository.resolve(baseCommit + "^{commit}");
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(where + ": base_commit '" + baseCommit + "' is not a commit of " + source + " ("
                        + e.getMessage() + ")", e);
            }
            if (commitId == null) {
                throw new IllegalArgumentException(where + ": base_commit '" + baseCommit + "' is not a commit of " + source);
            }
            String key = Json.sha256Hex(source.toRealPath() + "\0" + commitId.name() + "\0" + testPatch).substring("sha256:".length()).substring(0, 16);
            Path dir = cacheRoot.toAbsolutePath().normalize().resolve(id + "-" + key);
            if (Files.isRegularFile(dir.resolve(COMPLETE))) {
                return dir;
            }
            Files.createDirectories(cacheRoot);
            Path temp = cacheRoot.resolve(".tmp-" + UUID.randomUUID());
            try {
                Path repo = temp.resolve(CodeTaskLoader.REPO_DIR);
                Files.createDirectories(repo);
                export(repository, walk.parseCommit(commitId), repo);
                writeHidden(repo, temp.resolve(CodeTaskLoader.HIDDEN_DIR), testFiles, where);
                Files.writeString(temp.resolve(COMPLETE), commitId.name() + "\n");
                try {
                    Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                    // another loader finished the same instance first: theirs is the same
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, dir);
                }
            } finally {
                deleteTree(temp);
            }
            return dir;
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": cannot prepare the instance under " + cacheRoot + ": " + e.getMessage(), e);
        }
    }

    private static Git openGit(Path source, String repoField, String where) {
        try {
            return Git.open(source.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(where + ": " + repoField + " '" + source + "' is not a Git repository: " + e.getMessage(), e);
        }
    }

    /** Writes the commit's tree: files with their executable bit, links that stay inside; submodules are left out. */
    private static void export(Repository repository, RevCommit commit, Path root) throws IOException {
        try (TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                FileMode mode = tree.getFileMode(0);
                String path = tree.getPathString();
                if (mode == FileMode.GITLINK || path.equals(".git") || path.startsWith(".git/") || path.contains("/.git/")) {
                    continue;
                }
                Path target = root.resolve(path).normalize();
                if (!target.startsWith(root)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                byte[] bytes = repository.open(tree.getObjectId(0)).getBytes();
                if (mode == FileMode.SYMLINK) {
                    Path link = Path.of(new String(bytes, StandardCharsets.UTF_8));
                    if (!link.isAbsolute() && target.getParent().resolve(link).normalize().startsWith(root)) {
                        Files.createSymbolicLink(target, link);
                    }
                    continue;
                }
                Files.write(target, bytes);
                if (mode == FileMode.EXECUTABLE_FILE) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    /** The test patch's files as it leaves them; a patch that deletes a test file is refused. */
    private static void writeHidden(Path repo, Path hidden, List<FilePatch> testFiles, String where) throws IOException {
        Files.createDirectories(hidden);
        for (FilePatch file : testFiles) {
            if (file.change() == FilePatch.Change.DELETE) {
                throw new IllegalArgumentException(where + ": test_patch deletes " + file.path() + ", which is not supported");
            }
            Path base = repo.resolve(file.path());
            String original = Files.isRegularFile(base, LinkOption.NOFOLLOW_LINKS) ? Files.readString(base, StandardCharsets.UTF_8) : null;
            String after;
            try {
                after = UnifiedDiff.apply(original, file);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": test_patch does not apply to base_commit: " + e.getMessage(), e);
            }
            Path out = hidden.resolve(file.path());
            Files.createDirectories(out.getParent());
            Files.writeString(out, after, StandardCharsets.UTF_8);
        }
    }

    private static String text(JsonNode row, String field, String where) {
        JsonNode node = row.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException(where + ": missing field '" + field + "'");
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' must be a non-empty string, not " + abbreviate(node));
        }
        return node.asText();
    }

    /** A list of test ids: a JSON array of strings, or (as in the SWE-bench dataset) a string holding one. */
    private static List<String> testList(JsonNode row, String field, String where) {
        JsonNode node = row.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException(where + ": missing field '" + field + "'");
        }
        if (node.isTextual()) {
            try {
                node = Json.mapper().readTree(node.asText());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(where + ": field '" + field + "' is a string but not a JSON list: " + e.getOriginalMessage(), e);
            }
        }
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' must be a list of test ids (or a string holding one)");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual() || element.asText().isBlank()) {
                throw new IllegalArgumentException(where + ": field '" + field + "' holds " + abbreviate(element) + ", not a test id");
            }
            ids.add(element.asText());
        }
        return ids;
    }

    private static List<String> command(JsonNode row, String field, String where) {
        List<String> command = stringList(row, field, where);
        if (row.hasNonNull(field) && command.isEmpty()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' is an empty command");
        }
        return command;
    }

    private static List<String> stringList(JsonNode row, String field, String where) {
        JsonNode node = row.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' must be a list of strings (an argument vector, never a shell line)");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual() || element.asText().isEmpty()) {
                throw new IllegalArgumentException(where + ": field '" + field + "' holds " + abbreviate(element) + ", not a non-empty string");
            }
            out.add(element.asText());
        }
        return out;
    }

    private static Duration timeout(JsonNode row, String where) {
        JsonNode node = row.get("timeout_seconds");
        if (node == null || node.isNull()) {
            return DEFAULT_TIMEOUT;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1 || node.asInt() > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException(where + ": field 'timeout_seconds' must be a whole number from 1 to " + MAX_TIMEOUT_SECONDS);
        }
        return Duration.ofSeconds(node.asInt());
    }

    private static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary folder only takes space
        }
    }
}
