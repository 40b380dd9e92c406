package dev.stepgym.envs.code;

import dev.stepgym.envs.code.task.SweBenchFixture;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Start;
import dev.stepgym.protocol.env.Transition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A SWE-bench-style instance over a temp Git repository, served by code-v1 from a suite folder
 * ({@code tasks_dir}) and graded with SWE-bench's rule through real pytest in the sandbox: solved
 * with the gold patch, not without it, and not by an agent that deletes the failing test.
 */
@Tag("heavy")
class SweBenchTasksTest {
    @TempDir
    static Path temp;
    private static CodeEnvironmentFactory factory;

    @BeforeAll
    static void open() throws Exception {
        SweBenchFixture fx = new SweBenchFixture(temp.resolve("suite"));
        factory = new CodeEnvironmentProvider().open(Map.of("tasks_dir", fx.suite.toString(), "max_servers", "1"));
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> hidden(Transition t) {
        return (Map<String, Object>) t.evidence().get(CodeEnvironment.HIDDEN_TESTS);
    }

    @Test
    void theGoldPatchResolvesTheInstance() {
        try (CodeEnvironment env = factory.newEpisode()) {
            Start start = env.reset(new ResetRequest(0, "calc__calc-1", Map.of(), true));
            assertEquals(1.0, start.context().get("baseline_pass_rate"), "the visible run holds the existing test only");
            Transition patched = env.step(Action.tool("apply_patch", Map.of("patch", start.info().get("reference_patch"))));
            assertNull(patched.observation().lastActionError());
            Transition submit = env.step(Action.tool("submit", Map.of()));
            String text = submit.observation().text();
            assertTrue(text.contains("hidden tests: 2/2 passed (exit 0; counted from JUnit XML)"), text);
            assertTrue(text.contains("FAIL_TO_PASS: 1/1 passed; PASS_TO_PASS: 1/1 passed"), text);
            assertTrue(text.endsWith("Solved.\n"), text);
            assertEquals(true, submit.info().get("solved"));
            assertEquals(Map.of("passed", 1, "total", 1), hidden(submit).get("fail_to_pass"));
            assertEquals(true, hidden(submit).get("resolved"));
        }
    }

    @Test
    void withoutTheFixTheInstanceIsNotResolved() {
        try (CodeEnvironment env = factory.newEpisode()) {
            env.reset(new ResetRequest(0, "calc__calc-1", Map.of(), false));
            Transition submit = env.step(Action.tool("submit", Map.of()));
            String text = submit.observation().text();
            assertTrue(text.contains("FAIL_TO_PASS: 0/1 passed; PASS_TO_PASS: 1/1 passed"), text);
            assertTrue(text.contains("failing: tests/test_ops.py::test_absolute"), text);
            assertTrue(text.endsWith("Not solved.\n"), text);
            assertEquals(0.5, submit.info().get("score"));
            assertEquals(0.5, submit.evidence().get("hidden_pass_rate"));
        }
    }

    @Test
    void editingTheTestFilesDoesNotHelp() {
        try (CodeEnvironment env = factory.newEpisode()) {
            env.reset(new ResetRequest(0, "calc__calc-1", Map.of(), false));
            // The agent writes a test_absolute that always passes: the test patch's files are put back over it at submit.
            env.step(Action.tool("write_file", Map.of("path", "tests/test_ops.py",
                    "content", SweBenchFixture.TESTS + "\n\ndef test_absolute():\n    pass\n")));
            Transition submit = env.step(Action.tool("submit", Map.of()));
            String text = submit.observation().text();
            assertTrue(text.contains("FAIL_TO_PASS: 0/1 passed"), text);
            assertTrue(text.endsWith("Not solved.\n"), text);
        }
    }
}
