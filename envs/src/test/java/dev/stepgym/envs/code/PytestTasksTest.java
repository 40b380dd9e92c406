package dev.stepgym.envs.code;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Start;
import dev.stepgym.protocol.env.Transition;
import dev.stepgym.protocol.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three pytest tasks of the report, in the documented task format (test resources
 * code-pytest/), graded through code-v1 with real pytest in the sealed sandbox: tests are counted
 * from the JUnit XML report, a solved task is "n/n passed … Solved.", a failing one counts its
 * failures, and the reference patch whose hunk header is one line off applies.
 */
@Tag("heavy")
class PytestTasksTest {
    private static CodeEnvironmentFactory factory;

    @BeforeAll
    static void open() throws URISyntaxException {
        Path suite = Path.of(PytestTasksTest.class.getResource("/code-pytest").toURI());
        factory = new CodeEnvironmentProvider().open(Map.of("tasks_dir", suite.toString(), "max_servers", "1"));
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> hidden(Transition t) {
        return (Map<String, Object>) t.evidence().get(CodeEnvironment.HIDDEN_TESTS);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> visible(Transition t) {
        return (Map<String, Object>) t.evidence().get("visible_tests");
    }

    private static Transition solveWithReferencePatch(String task) {
        try (CodeEnvironment env = factory.newEpisode()) {
            Start start = env.reset(new ResetRequest(0, task, Map.of(), true));
            assertEquals(0.5, start.context().get("baseline_pass_rate"), "one of the two visible tests fails at the base");
            Transition patched = env.step(Action.tool("apply_patch", Map.of("patch", start.info().get("reference_patch"))));
            assertNull(patched.observation().lastActionError(), patched.observation().text());
            Transition run = env.step(Action.tool("run_tests", Map.of()));
            assertTrue(run.observation().text().contains("visible tests: 2/2 passed (exit 0; counted from JUnit XML)"),
                    run.observation().text());
            assertFalse(run.observation().text().contains(".stepgym-junit-0") , "the report folder's random name is normalised");
            return env.step(Action.tool("submit", Map.of()));
        }
    }

    @Test
    void aSolvedPytestTaskIsCountedAndSolved() {
        Transition submit = solveWithReferencePatch("triangle-area");
        String text = submit.observation().text();
        assertTrue(text.contains("hidden tests: 4/4 passed (exit 0; counted from JUnit XML)"), text);
        assertTrue(text.endsWith("Solved.\n"), text);
        assertEquals(Map.of("ran", 4, "passed", 4, "failed", 0, "pass_rate", 1.0, "timed_out", false, "exit_code", 0,
                "counted_by", "junit_xml"), hidden(submit));
        assertEquals(1.0, submit.info().get("score"));
        assertEquals(true, submit.info().get("solved"));
    }

    @Test
    void aFailingPytestTaskCountsItsFailures() {
        try (CodeEnvironment env = factory.newEpisode()) {
            env.reset(new ResetRequest(0, "word-count", Map.of(), false));
            Transition run = env.step(Action.tool("run_tests", Map.of()));
            assertEquals(0.5, visible(run).get("pass_rate"));
            Transition submit = env.step(Action.tool("submit", Map.of()));
            String text = submit.observation().text();
            // "word" passes; "" gives 1, tabs/newlines give 1, a leading space gives 4: three failures.
            assertTrue(text.contains("hidden tests: 1/4 passed (exit 1; counted from JUnit XML)"), text);
            assertTrue(text.endsWith("Not solved.\n"), text);
            assertEquals(0.25, submit.info().get("score"));
            assertEquals(0.25, submit.evidence().get("hidden_pass_rate"));
        }
    }

    @Test
    void theReferencePatchWithAnOffByOneHunkHeaderAppliesAndSolves() {
        Transition submit = solveWithReferencePatch("clamp-offset");
        String text = submit.observation().text();
        assertTrue(text.contains("hidden tests: 4/4 passed (exit 0; counted from JUnit XML)"), text);
        assertTrue(text.endsWith("Solved.\n"), text);
    }

    @Test
    void pytestLeavesNothingInTheWorkspace() throws IOException {
        try (CodeEnvironment env = factory.newEpisode()) {
            env.reset(new ResetRequest(0, "word-count", Map.of(), false));
            env.step(Action.tool("run_tests", Map.of()));
            Transition list = env.step(Action.tool("list_files", Map.of()));
            String text = list.observation().text();
            assertFalse(text.contains(".pytest_cache") || text.contains(".stepgym-junit"), text);
        }
    }

    /** A task whose command prints no count: judged by its exit status, recorded as such. */
    @Test
    void aCommandWithoutCountsIsJudgedByItsExitStatus(@TempDir Path temp) throws IOException {
        Path task = temp.resolve("suite/exit-only");
        Files.createDirectories(task.resolve("repo"));
        Files.writeString(task.resolve("repo/check.py"), "import sys\nsys.exit(0 if open('answer.txt').read().strip() == '42' else 3)\n");
        Files.writeString(task.resolve("repo/answer.txt"), "41\n");
        Files.writeString(task.resolve("task.json"), Json.write(Map.of("id", "exit-only", "instruction", "make answer.txt say 42",
                "visible_tests", List.of("python3", "check.py"))));
        try (CodeEnvironmentFactory f = new CodeEnvironmentProvider().open(Map.of("tasks_dir", temp.resolve("suite").toString(),
                "max_servers", "1")); CodeEnvironment env = f.newEpisode()) {
            Start start = env.reset(new ResetRequest(0, "exit-only", Map.of(), false));
            assertEquals(0.0, start.context().get("baseline_pass_rate"));
            env.step(Action.tool("write_file", Map.of("path", "answer.txt", "content", "42\n")));
            Transition submit = env.step(Action.tool("submit", Map.of()));
            String text = submit.observation().text();
            assertTrue(text.contains("visible tests: passed by exit status (exit 0; tests not counted)"), text);
            assertTrue(text.endsWith("Solved.\n"), text);
            assertEquals(1.0, visible(submit).get("pass_rate"));
            assertEquals("exit_status", visible(submit).get("counted_by"));
        }
        try (Stream<Path> left = Files.list(temp)) {
            assertEquals(1, left.count());
        }
    }
}
