package dev.stepgym.envs.code.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.env.EnvSettings;
import dev.stepgym.protocol.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads task directories in the format described on {@link CodeTask}. Every problem is an
 * {@link IllegalArgumentException} whose message starts with the task directory and says what is
 * wrong, so a suite author can fix it without reading this code.
 *
 * <pre>{@code
 * CodeTask one = CodeTaskLoader.load(Path.of("tasks/my-task"));
 * List<CodeTask> suite = CodeTaskLoader.loadAll(BuiltInSuite.write(cacheDir.resolve("code-suite")));
 * }</pre>
 */
public final class CodeTaskLoader {
    public static final String TASK_FILE = "task.json";
    public static final String REPO_DIR = "repo";
    public static final String HIDDEN_DIR = "hidden";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final String DEFAULT_CATEGORY = "general";
    /** Where SWE-bench instances are prepared, under the cache folder ({@code stepgym.cache.dir}). */
    public static final String SWE_CACHE_DIR = "swe-instances";

    private static final long MAX_TASK_FILE_BYTES = 1L << 20;
    private static final long MAX_PATCH_BYTES = 8L << 20;
    private static final int MAX_TIMEOUT_SECONDS = 3600;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Set<String> FIELDS = Set.of("id", "instruction", "visible_tests", "hidden_tests",
            "target_files", "category", "timeout_seconds", "reference_patch");

    private CodeTaskLoader() {
    }

    /**
     * Reads one task directory.
     *
     * @throws IllegalArgumentException naming {@code taskDir} and the problem: no task.json, bad JSON,
     *                                  a missing or mistyped field, a blank instruction, a test command
     *                                  that is not a list of strings, a target file absent from repo/, an
     *                                  absolute or {@code ..} path, a missing or non-applying reference patch
     */
    public static CodeTask load(Path taskDir) {
        Path dir = taskDir.toAbsolutePath().normalize();
        String where = "task " + dir;
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(where + ": not a directory");
        }
        JsonNode json = readJson(dir.resolve(TASK_FILE), where);
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown field '" + name + "' in " + TASK_FILE
                        + " (known: " + FIELDS.stream().sorted().toList() + ")");
            }
        }
        String id = requiredText(json, "id", where);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(where + ": id '" + id + "' must match " + ID.pattern());
        }
        String instruction = requiredText(json, "instruction", where);
        List<String> visible = command(json, "visible_tests", true, where);
        List<String> hidden = command(json, "hidden_tests", false, where);
        String category = json.has("category") ? requiredText(json, "category", where) : DEFAULT_CATEGORY;
        Duration timeout = timeout(json, where);

        Path repo = dir.resolve(REPO_DIR);
        if (!Files.isDirectory(repo, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(where + ": repo/ is missing (or not a plain directory)");
        }
        List<String> targets = targetFiles(json, repo, where);
        Path hiddenDir = dir.resolve(HIDDEN_DIR);
        if (Files.exists(hiddenDir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(hiddenDir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(where + ": hidden exists but is not a directory");
        }
        if (!Files.exists(hiddenDir, LinkOption.NOFOLLOW_LINKS)) {
            hiddenDir = null;
        }
        if (hiddenDir != null && hidden.isEmpty()) {
            throw new IllegalArgumentException(where + ": has hidden/ files but no hidden_tests command");
        }
        String patch = referencePatch(json, dir, repo, where);
        return new CodeTask(id, dir, repo, instruction, visible, hidden, hiddenDir, targets, category, timeout, patch);
    }

    /**
     * Reads every direct subdirectory of {@code suiteDir} that holds a task.json (others are skipped),
     * and the SWE-bench-style instances of its {@code instances.jsonl} or {@code instances.json}
     * ({@link SweBenchInstances}, prepared under the cache folder), sorted by id.
     *
     * @throws IllegalArgumentException when {@code suiteDir} is not a directory, a task is malformed,
     *                                  or two tasks share an id (both directories are named)
     */
    public static List<CodeTask> loadAll(Path suiteDir) {
        return loadAll(suiteDir, EnvSettings.cacheDirectory().resolve(SWE_CACHE_DIR));
    }

    /**
     * {@link #loadAll(Path)}, with the SWE-bench instances of the suite ({@value SweBenchInstances#JSONL} or
     * {@value SweBenchInstances#JSON}) prepared under {@code instanceCache}.
     */
    public static List<CodeTask> loadAll(Path suiteDir, Path instanceCache) {
        Path dir = suiteDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("suite " + dir + ": not a directory");
        }
        List<Path> taskDirs;
        try (Stream<Path> children = Files.list(dir)) {
            taskDirs = children.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> Files.isRegularFile(p.resolve(TASK_FILE)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("suite " + dir + ": cannot be listed: " + e.getMessage(), e);
        }
        Map<String, CodeTask> byId = new HashMap<>();
        List<CodeTask> tasks = new ArrayList<>();
        List<CodeTask> found = new ArrayList<>();
        for (Path taskDir : taskDirs) {
            found.add(load(taskDir));
        }
        Path instances = SweBenchInstances.file(dir);
        if (instances != null) {
            found.addAll(SweBenchInstances.load(instances, instanceCache));
        }
        for (CodeTask task : found) {
            CodeTask earlier = byId.putIfAbsent(task.id(), task);
            if (earlier != null) {
                throw new IllegalArgumentException("suite " + dir + ": id '" + task.id() + "' is used by both "
                        + earlier.dir() + " and " + task.dir());
            }
            tasks.add(task);
        }
        tasks.sort(Comparator.comparing(CodeTask::id));
        return List.copyOf(tasks);
    }

    private static JsonNode readJson(Path file, String where) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(where + ": missing " + TASK_FILE);
        }
        String text;
        try {
            if (Files.size(file) > MAX_TASK_FILE_BYTES) {
                throw new IllegalArgumentException(where + ": " + TASK_FILE + " is larger than " + MAX_TASK_FILE_BYTES + " bytes");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": cannot read " + TASK_FILE + ": " + e.getMessage(), e);
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": " + TASK_FILE + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": " + TASK_FILE + " must hold a JSON object");
        }
        return node;
    }

    private static String requiredText(JsonNode json, String field, String where) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException(where + ": missing field '" + field + "'");
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' must be a string, not " + node.getNodeType());
        }
        if (node.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' is empty");
        }
        return node.asText();
    }

    private static List<String> command(JsonNode json, String field, boolean required, String where) {
        List<String> strings = stringList(json, field, required, where, "a test command");
        if (required && strings.isEmpty()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' is an empty command");
        }
        return strings;
    }

    private static List<String> stringList(JsonNode json, String field, boolean required, String where, String what) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new IllegalArgumentException(where + ": missing field '" + field + "'");
            }
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' must be " + what
                    + " given as a list of strings, e.g. [\"python3\", \"-m\", \"unittest\"], not " + node.getNodeType());
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            if (!element.isTextual() || element.asText().isEmpty()) {
                throw new IllegalArgumentException(where + ": field '" + field + "' element " + i
                        + " must be a non-empty string, not " + element);
            }
            out.add(element.asText());
        }
        return out;
    }

    private static Duration timeout(JsonNode json, String where) {
        JsonNode node = json.get("timeout_seconds");
        if (node == null || node.isNull()) {
            return DEFAULT_TIMEOUT;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1 || node.asInt() > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException(where + ": field 'timeout_seconds' must be a whole number from 1 to "
                    + MAX_TIMEOUT_SECONDS + ", not " + node);
        }
        return Duration.ofSeconds(node.asInt());
    }

    private static List<String> targetFiles(JsonNode json, Path repo, String where) {
        List<String> targets = stringList(json, "target_files", false, where, "a file list");
        Path realRepo = realPath(repo, where);
        for (String target : targets) {
            UnifiedDiff.checkPath(target, where + ": target file");
            Path file = repo.resolve(target);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(where + ": target file '" + target + "' is not a file of repo/");
            }
            if (!realPath(file, where).startsWith(realRepo)) {
                throw new IllegalArgumentException(where + ": target file '" + target + "' leads out of repo/ through a link");
            }
        }
        return targets;
    }

    private static String referencePatch(JsonNode json, Path dir, Path repo, String where) {
        if (!json.has("reference_patch") || json.get("reference_patch").isNull()) {
            return null;
        }
        String name = requiredText(json, "reference_patch", where);
        UnifiedDiff.checkPath(name, where + ": reference_patch");
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(where + ": reference patch file '" + name + "' is missing");
        }
        String patch;
        try {
            if (Files.size(file) > MAX_PATCH_BYTES) {
                throw new IllegalArgumentException(where + ": reference patch '" + name + "' is larger than " + MAX_PATCH_BYTES + " bytes");
            }
            patch = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": cannot read reference patch '" + name + "': " + e.getMessage(), e);
        }
        try {
            if (UnifiedDiff.parse(patch).isEmpty()) {
                throw new IllegalArgumentException("it changes no file");
            }
            UnifiedDiff.applyAll(repo, patch);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": reference patch '" + name + "' does not apply to repo/: " + e.getMessage(), e);
        }
        return patch;
    }

    private static Path realPath(Path path, String where) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": cannot resolve " + path + ": " + e.getMessage(), e);
        }
    }
}
