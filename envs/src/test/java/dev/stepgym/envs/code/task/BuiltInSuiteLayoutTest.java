package dev.stepgym.envs.code.task;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-in suite's shape, checked without running Python (the heavy {@link BuiltInSuiteTest} runs it). */
class BuiltInSuiteLayoutTest {

    @Test
    void writesThirtyThreeLoadableTasksInSixCategories(@TempDir Path suite) {
        List<CodeTask> tasks = CodeTaskLoader.loadAll(BuiltInSuite.write(suite));
        assertEquals(33, tasks.size());
        assertEquals(BuiltInSuite.taskIds(), tasks.stream().map(CodeTask::id).toList());
        Map<String, Long> perCategory = tasks.stream().collect(Collectors.groupingBy(CodeTask::category, TreeMap::new, Collectors.counting()));
        assertEquals(Map.of("fix-type-error", 6L, "fix-failing-test", 6L, "rename-symbol", 6L, "implement-function", 6L,
                "remove-unused-imports", 6L, "add-type-annotations", 3L), perCategory);
        // Each of the main categories is spread over the six mini repositories.
        for (String category : List.of("fix-type-error", "fix-failing-test", "rename-symbol", "implement-function", "remove-unused-imports")) {
            Set<String> packages = tasks.stream().filter(t -> t.category().equals(category))
                    .map(t -> t.id().substring(0, t.id().indexOf('-'))).collect(Collectors.toSet());
            assertEquals(Set.of("inventory", "geometry", "textutils", "bank", "graph", "dates"), packages, category);
        }
    }

    @Test
    void everyTaskHasTestsAHiddenFolderAndAPatchThatTouchesItsTargets(@TempDir Path suite) throws IOException {
        for (CodeTask task : CodeTaskLoader.loadAll(BuiltInSuite.write(suite))) {
            assertEquals(BuiltInSuite.VISIBLE_TESTS, task.visibleTests());
            assertEquals(BuiltInSuite.HIDDEN_TESTS, task.hiddenTests());
            assertTrue(Files.isRegularFile(task.repo().resolve("tests/test_visible.py")), task.id());
            assertTrue(Files.isRegularFile(task.hiddenDir().resolve("tests/test_hidden.py")), task.id());
            assertFalse(Files.exists(task.repo().resolve("tests/test_hidden.py")), task.id() + ": hidden tests leaked into repo/");
            assertEquals(MiniRepo.PYRIGHT_CONFIG, Files.readString(task.repo().resolve("pyrightconfig.json")));
            assertTrue(task.instruction().length() > 40, task.id());
            Map<String, String> patched = UnifiedDiff.applyAll(task.repo(), task.referencePatch());
            assertTrue(patched.keySet().containsAll(task.targetFiles()), task.id() + ": patch " + patched.keySet() + " misses a target " + task.targetFiles());
            assertTrue(patched.keySet().stream().noneMatch(path -> path.startsWith("tests/")), task.id() + ": the patch must not edit tests");
            assertFalse(patched.containsValue(null), task.id());
        }
    }

    @Test
    void writingIsIdempotentAndAVersionChangeRewritesTheSuite(@TempDir Path suite) throws IOException {
        BuiltInSuite.write(suite);
        Path module = suite.resolve("bank-implement-compound/repo/bank/interest.py");
        String original = Files.readString(module);
        Files.writeString(module, "tampered\n");
        BuiltInSuite.write(suite);
        assertEquals("tampered\n", Files.readString(module), "a current stamp means nothing is rewritten");

        Files.writeString(suite.resolve(BuiltInSuite.STAMP_FILE), "stepgym-code-builtin-suite/0\n");
        Path stale = Files.createDirectories(suite.resolve("retired-task"));
        Files.writeString(stale.resolve(CodeTaskLoader.TASK_FILE), "{}");
        BuiltInSuite.write(suite);
        assertEquals(original, Files.readString(module));
        assertFalse(Files.exists(stale), "tasks of an older suite version are removed");
        assertEquals(BuiltInSuite.VERSION + "\n", Files.readString(suite.resolve(BuiltInSuite.STAMP_FILE)));
    }
}
