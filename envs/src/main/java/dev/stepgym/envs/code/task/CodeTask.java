package dev.stepgym.envs.code.task;

import dev.stepgym.envs.code.grading.SweBenchGrading;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One task of the {@code code-v1} environment, as read from a task directory by
 * {@link CodeTaskLoader}.
 *
 * <h2>Task format</h2>
 * A task is a directory:
 * <pre>
 * my-task/
 *   task.json          the description (below)
 *   repo/              the code the agent works on: a plain folder, or a Git repository (has .git)
 *   hidden/            optional: files copied over the workspace only when the hidden tests run at
 *                      submit, e.g. hidden/tests/test_hidden.py
 *   reference.patch    optional: a unified diff (git format, a/ and b/ prefixes) that solves the task
 * </pre>
 * {@code task.json} (snake_case; unknown fields are an error so that typos do not pass silently):
 * <pre>{@code
 * {
 *   "id": "inventory-fix-type-error",                               required, [A-Za-z0-9._-]{1,100}
 *   "instruction": "Make price_of raise KeyError ...",              required, not blank
 *   "visible_tests": ["python3", "-m", "unittest", "-q", "tests.test_visible"],   required argv
 *   "hidden_tests": ["python3", "-m", "unittest", "-q", "tests.test_hidden"],     optional argv
 *   "target_files": ["inventory/store.py"],                         optional, files of repo/
 *   "category": "fix-type-error",                                   optional, default "general"
 *   "timeout_seconds": 30,                                          optional, 1..3600, default 30
 *   "reference_patch": "reference.patch"                            optional, a file of the task dir
 * }
 * }</pre>
 * Test commands are argument vectors (never shell strings) run with the workspace root as working
 * directory; exit status 0 means the tests pass. {@code timeout_seconds} bounds one test run.
 * Paths in {@code target_files} and {@code reference_patch} are relative, use {@code /}, and may not
 * contain {@code ..}.
 *
 * <pre>{@code
 * CodeTask task = CodeTaskLoader.load(Path.of("suite/inventory-fix-type-error"));
 * ProcessBuilder pb = new ProcessBuilder(task.visibleTests()).directory(workspace.toFile());
 * }</pre>
 *
 * @param id             unique id within a suite
 * @param dir            the task directory (absolute, normalised)
 * @param repo           {@code dir/repo}
 * @param instruction    what the agent is asked to do
 * @param visibleTests   command the agent may run, non-empty
 * @param hiddenTests    command run at submit, after {@code hiddenDir} is copied in; empty when none
 * @param hiddenDir      {@code dir/hidden}, or {@code null} when the task has no hidden files
 * @param targetFiles    repository-relative files the task is about (opened first, diagnostics focus)
 * @param category       e.g. {@code fix-type-error}, {@code rename-symbol}
 * @param timeout        limit of one test-command run
 * @param referencePatch the text of the reference patch, or {@code null} when the task has none
 * @param grading        SWE-bench grading of the hidden run (FAIL_TO_PASS and PASS_TO_PASS must all pass),
 *                       or {@code null}: solved when the visible and hidden commands pass
 *                       ({@link SweBenchInstances} makes tasks with it)
 */
public record CodeTask(String id, Path dir, Path repo, String instruction, List<String> visibleTests,
                       List<String> hiddenTests, Path hiddenDir, List<String> targetFiles, String category,
                       Duration timeout, String referencePatch, SweBenchGrading grading) {

    /** A task in the directory format, graded by its commands' results. */
    public CodeTask(String id, Path dir, Path repo, String instruction, List<String> visibleTests,
                    List<String> hiddenTests, Path hiddenDir, List<String> targetFiles, String category,
                    Duration timeout, String referencePatch) {
        this(id, dir, repo, instruction, visibleTests, hiddenTests, hiddenDir, targetFiles, category, timeout, referencePatch, null);
    }

    public CodeTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(instruction, "instruction");
        visibleTests = List.copyOf(visibleTests);
        hiddenTests = List.copyOf(hiddenTests);
        targetFiles = List.copyOf(targetFiles);
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(timeout, "timeout");
        if (visibleTests.isEmpty()) {
            throw new IllegalArgumentException("task " + id + ": visible tests must not be empty");
        }
        if (grading != null && hiddenTests.isEmpty()) {
            throw new IllegalArgumentException("task " + id + ": SWE-bench grading needs a hidden test command");
        }
    }

    /** Whether {@link #hiddenDir()} exists and its files must be copied in before hidden tests run. */
    public boolean hasHiddenFiles() {
        return hiddenDir != null;
    }

    /** Whether the task carries a reference solution. */
    public boolean hasReferencePatch() {
        return referencePatch != null;
    }
}
