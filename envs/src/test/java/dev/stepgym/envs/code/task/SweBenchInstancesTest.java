package dev.stepgym.envs.code.task;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading SWE-bench-style instances: the base tree, the hidden test files, the commands, the lists, and every refusal. */
class SweBenchInstancesTest {

    @Test
    void anInstanceBecomesATaskAtItsBaseCommit(@TempDir Path temp) throws Exception {
        SweBenchFixture fx = new SweBenchFixture(temp.resolve("suite"));
        Path cache = temp.resolve("cache");
        List<CodeTask> tasks = CodeTaskLoader.loadAll(fx.suite, cache);
        assertEquals(1, tasks.size());
        CodeTask task = tasks.get(0);
        assertEquals("calc__calc-1", task.id());
        assertEquals(SweBenchInstances.CATEGORY, task.category());
        assertTrue(task.instruction().startsWith("absolute() returns"));
        // The base commit's tree, not HEAD's (which holds the fix), and no history to read the fix from.
        assertEquals(SweBenchFixture.OPS, Files.readString(task.repo().resolve("calc/ops.py")));
        assertFalse(Files.exists(task.repo().resolve(".git")));
        // The test patch's files as the patch leaves them, copied in only at submit.
        assertEquals(SweBenchFixture.TESTS_PATCHED, Files.readString(task.hiddenDir().resolve("tests/test_ops.py")));
        assertEquals(SweBenchFixture.TESTS, Files.readString(task.repo().resolve("tests/test_ops.py")));
        assertEquals(List.of("python3", "-m", "pytest", "-rA", "tests/test_ops.py"), task.hiddenTests());
        assertEquals(List.of("python3", "-m", "pytest", "-rA", "tests/test_ops.py"), task.visibleTests());
        assertEquals(List.of("tests/test_ops.py::test_absolute"), task.grading().failToPass());
        assertEquals(List.of("tests/test_ops.py::test_add"), task.grading().passToPass());
        assertEquals(fx.goldPatch, task.referencePatch());
        assertEquals(SweBenchInstances.DEFAULT_TIMEOUT, task.timeout());
        // Prepared once: a second load reuses the folder.
        assertEquals(task.dir(), CodeTaskLoader.loadAll(fx.suite, cache).get(0).dir());
        try (var left = Files.list(cache)) {
            assertEquals(1, left.count(), "no temporary folder is left behind");
        }
    }

    @Test
    void commandsAndTargetFilesMayBeGiven(@TempDir Path temp) throws Exception {
        SweBenchFixture fx = new SweBenchFixture(temp.resolve("suite"));
        fx.writeInstances(List.of(fx.instance(Map.of("test_cmd", List.of("python3", "-m", "pytest", "-q", "tests"),
                "visible_test_cmd", List.of("python3", "-m", "pytest", "-q", "tests/test_ops.py::test_add"),
                "target_files", List.of("calc/ops.py"), "timeout_seconds", 90))));
        CodeTask task = CodeTaskLoader.loadAll(fx.suite, temp.resolve("cache")).get(0);
        assertEquals(List.of("python3", "-m", "pytest", "-q", "tests"), task.hiddenTests());
        assertEquals(List.of("python3", "-m", "pytest", "-q", "tests/test_ops.py::test_add"), task.visibleTests());
        assertEquals(List.of("calc/ops.py"), task.targetFiles());
        assertEquals(90, task.timeout().toSeconds());
    }

    @Test
    void everyProblemNamesTheFileTheInstanceAndWhatIsWrong(@TempDir Path temp) throws Exception {
        SweBenchFixture fx = new SweBenchFixture(temp.resolve("suite"));
        Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("unknown field 'FAIL_TO_PAS'", Map.of("FAIL_TO_PAS", "[]"));
        cases.put("missing field 'base_commit'", nulls("base_commit"));
        cases.put("is not a commit of", Map.of("base_commit", "0123456789abcdef0123456789abcdef01234567"));
        cases.put("is not a directory", Map.of("repo", "repos/absent"));
        cases.put("FAIL_TO_PASS is empty", Map.of("FAIL_TO_PASS", "[]"));
        cases.put("field 'PASS_TO_PASS' is a string but not a JSON list", Map.of("PASS_TO_PASS", "tests/test_ops.py::test_add"));
        cases.put("test_patch does not apply to base_commit", Map.of("test_patch", fx.testPatch.replace(" def test_add", " def test_sub")));
        cases.put("the gold patch) does not apply", Map.of("patch", fx.goldPatch.replace("-    return x", "-    return y")));
        cases.put("must be a list of strings (an argument vector", Map.of("test_cmd", "pytest -q"));
        cases.put("instance_id 'bad id'", Map.of("instance_id", "bad id"));
        int i = 0;
        for (Map.Entry<String, Map<String, Object>> c : cases.entrySet()) {
            fx.writeInstances(List.of(fx.instance(c.getValue())));
            Path cache = temp.resolve("cache-" + i++);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CodeTaskLoader.loadAll(fx.suite, cache), c.getKey());
            assertTrue(e.getMessage().startsWith("instances " + fx.suite.toAbsolutePath().resolve(SweBenchInstances.JSONL)),
                    e.getMessage());
            assertTrue(e.getMessage().contains(c.getKey()), () -> "expected '" + c.getKey() + "' in: " + e.getMessage());
        }
        fx.writeInstances(List.of(fx.instance(Map.of()), fx.instance(Map.of())));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CodeTaskLoader.loadAll(fx.suite, temp.resolve("c2")))
                .getMessage().contains("appears twice"));
        Files.writeString(fx.suite.resolve(SweBenchInstances.JSONL), "{not json\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CodeTaskLoader.loadAll(fx.suite, temp.resolve("c3")))
                .getMessage().contains("line 1: not valid JSON"));
    }

    private static Map<String, Object> nulls(String field) {
        Map<String, Object> m = new HashMap<>();
        m.put(field, null);
        return m;
    }
}
