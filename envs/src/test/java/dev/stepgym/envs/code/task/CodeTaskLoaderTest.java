package dev.stepgym.envs.code.task;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodeTaskLoaderTest {
    private static final String MODULE = "def answer() -> int:\n    return 41\n";
    private static final String PATCH = UnifiedDiff.diff("pkg/mod.py", MODULE, "def answer() -> int:\n    return 42\n");
    private static final String FULL_JSON = """
            {
              "id": "pkg-answer",
              "instruction": "Make answer() return 42.",
              "visible_tests": ["python3", "-m", "unittest", "-q", "tests.test_visible"],
              "hidden_tests": ["python3", "-m", "unittest", "-q", "tests.test_hidden"],
              "target_files": ["pkg/mod.py"],
              "category": "fix-failing-test",
              "timeout_seconds": 12,
              "reference_patch": "reference.patch"
            }
            """;

    /** A complete, valid task directory that each malformed case then breaks in one way. */
    private static Path writeTask(Path dir, String json) throws IOException {
        Files.createDirectories(dir.resolve("repo/pkg"));
        Files.createDirectories(dir.resolve("repo/tests"));
        Files.createDirectories(dir.resolve("hidden/tests"));
        Files.writeString(dir.resolve("repo/pkg/mod.py"), MODULE);
        Files.writeString(dir.resolve("repo/tests/test_visible.py"), "import unittest\n");
        Files.writeString(dir.resolve("hidden/tests/test_hidden.py"), "import unittest\n");
        Files.writeString(dir.resolve("reference.patch"), PATCH);
        Files.writeString(dir.resolve("task.json"), json);
        return dir;
    }

    @Test
    void loadsEveryField(@TempDir Path temp) throws IOException {
        Path dir = writeTask(temp.resolve("answer"), FULL_JSON);
        CodeTask task = CodeTaskLoader.load(dir);
        assertEquals("pkg-answer", task.id());
        assertEquals(dir.toAbsolutePath(), task.dir());
        assertEquals(dir.resolve("repo").toAbsolutePath(), task.repo());
        assertEquals("Make answer() return 42.", task.instruction());
        assertEquals(List.of("python3", "-m", "unittest", "-q", "tests.test_visible"), task.visibleTests());
        assertEquals(List.of("python3", "-m", "unittest", "-q", "tests.test_hidden"), task.hiddenTests());
        assertEquals(dir.resolve("hidden").toAbsolutePath(), task.hiddenDir());
        assertTrue(task.hasHiddenFiles());
        assertEquals(List.of("pkg/mod.py"), task.targetFiles());
        assertEquals("fix-failing-test", task.category());
        assertEquals(Duration.ofSeconds(12), task.timeout());
        assertEquals(PATCH, task.referencePatch());
        assertTrue(task.hasReferencePatch());
    }

    @Test
    void optionalFieldsGetDefaults(@TempDir Path temp) throws IOException {
        Path dir = writeTask(temp.resolve("minimal"), """
                {"id": "minimal", "instruction": "Do it.", "visible_tests": ["python3", "-m", "unittest"]}
                """);
        Files.delete(dir.resolve("hidden/tests/test_hidden.py"));
        Files.delete(dir.resolve("hidden/tests"));
        Files.delete(dir.resolve("hidden"));
        CodeTask task = CodeTaskLoader.load(dir);
        assertEquals(List.of(), task.hiddenTests());
        assertNull(task.hiddenDir());
        assertFalse(task.hasHiddenFiles());
        assertEquals(List.of(), task.targetFiles());
        assertEquals(CodeTaskLoader.DEFAULT_CATEGORY, task.category());
        assertEquals(Duration.ofSeconds(30), task.timeout());
        assertNull(task.referencePatch());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("no task.json", (Breaker) dir -> Files.delete(dir.resolve("task.json")), "missing task.json"),
                Arguments.of("bad JSON", json("{\"id\": \"x\", "), "is not valid JSON"),
                Arguments.of("JSON array", json("[1, 2]"), "must hold a JSON object"),
                Arguments.of("missing id", field("\"id\": \"pkg-answer\",", ""), "missing field 'id'"),
                Arguments.of("bad id", field("\"pkg-answer\"", "\"../escape\""), "id '../escape' must match"),
                Arguments.of("missing instruction", field("\"instruction\": \"Make answer() return 42.\",", ""),
                        "missing field 'instruction'"),
                Arguments.of("blank instruction", field("\"Make answer() return 42.\"", "\"   \""), "field 'instruction' is empty"),
                Arguments.of("instruction not a string", field("\"Make answer() return 42.\"", "42"),
                        "field 'instruction' must be a string"),
                Arguments.of("missing visible tests",
                        field("\"visible_tests\": [\"python3\", \"-m\", \"unittest\", \"-q\", \"tests.test_visible\"],", ""),
                        "missing field 'visible_tests'"),
                Arguments.of("shell string command", field("[\"python3\", \"-m\", \"unittest\", \"-q\", \"tests.test_visible\"]",
                        "\"python3 -m unittest\""), "field 'visible_tests' must be a test command given as a list of strings"),
                Arguments.of("number in command", field("\"tests.test_hidden\"]", "7]"), "field 'hidden_tests' element 4 must be a non-empty string"),
                Arguments.of("empty command", field("[\"python3\", \"-m\", \"unittest\", \"-q\", \"tests.test_visible\"]", "[]"),
                        "field 'visible_tests' is an empty command"),
                Arguments.of("target file absent", field("\"pkg/mod.py\"", "\"pkg/other.py\""), "target file 'pkg/other.py' is not a file of repo/"),
                Arguments.of("absolute target", field("\"pkg/mod.py\"", "\"/etc/passwd\""), "must be relative"),
                Arguments.of("dot-dot target", field("\"pkg/mod.py\"", "\"pkg/../../task.json\""), "has an empty, '.' or '..' segment"),
                Arguments.of("reference patch missing", (Breaker) dir -> Files.delete(dir.resolve("reference.patch")),
                        "reference patch file 'reference.patch' is missing"),
                Arguments.of("reference patch does not apply", (Breaker) dir -> Files.writeString(dir.resolve("repo/pkg/mod.py"), "x = 1\n"),
                        "reference patch 'reference.patch' does not apply to repo/: pkg/mod.py, hunk #1"),
                Arguments.of("reference patch outside the task", field("\"reference.patch\"", "\"../reference.patch\""),
                        "has an empty, '.' or '..' segment"),
                Arguments.of("unknown field", field("\"category\"", "\"categroy\""), "unknown field 'categroy'"),
                Arguments.of("zero timeout", field("12", "0"), "'timeout_seconds' must be a whole number from 1 to 3600"),
                Arguments.of("fractional timeout", field("12", "1.5"), "'timeout_seconds' must be a whole number"),
                Arguments.of("no repo", (Breaker) dir -> {
                    Files.delete(dir.resolve("repo/pkg/mod.py"));
                    Files.delete(dir.resolve("repo/pkg"));
                    Files.delete(dir.resolve("repo/tests/test_visible.py"));
                    Files.delete(dir.resolve("repo/tests"));
                    Files.delete(dir.resolve("repo"));
                }, "repo/ is missing"),
                Arguments.of("hidden files without a hidden command",
                        field("\"hidden_tests\": [\"python3\", \"-m\", \"unittest\", \"-q\", \"tests.test_hidden\"],", ""),
                        "has hidden/ files but no hidden_tests command"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedTaskNamesItsDirectoryAndTheProblem(String name, Breaker breaker, String expected, @TempDir Path temp) throws IOException {
        Path dir = writeTask(temp.resolve("broken-task"), FULL_JSON);
        breaker.breakTask(dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CodeTaskLoader.load(dir));
        assertTrue(e.getMessage().startsWith("task " + dir.toAbsolutePath() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void targetFileLinkedOutOfTheRepoIsRefused(@TempDir Path temp) throws IOException {
        Path dir = writeTask(temp.resolve("linked"), FULL_JSON.replace("\"pkg/mod.py\"", "\"pkg/link.py\""));
        Files.createSymbolicLink(dir.resolve("repo/pkg/link.py"), dir.resolve("task.json"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CodeTaskLoader.load(dir));
        assertTrue(e.getMessage().contains("target file 'pkg/link.py' leads out of repo/"), e.getMessage());
    }

    @Test
    void loadAllSortsByIdAndSkipsFoldersWithoutTaskJson(@TempDir Path suite) throws IOException {
        writeTask(suite.resolve("a-dir"), FULL_JSON.replace("pkg-answer", "zeta"));
        writeTask(suite.resolve("b-dir"), FULL_JSON.replace("pkg-answer", "alpha"));
        writeTask(suite.resolve("c-dir"), FULL_JSON.replace("pkg-answer", "mid"));
        Files.createDirectories(suite.resolve("notes"));
        Files.writeString(suite.resolve("README.md"), "not a task\n");
        List<CodeTask> tasks = CodeTaskLoader.loadAll(suite);
        assertEquals(List.of("alpha", "mid", "zeta"), tasks.stream().map(CodeTask::id).toList());
        assertEquals(suite.resolve("b-dir").toAbsolutePath(), tasks.get(0).dir());
    }

    @Test
    void loadAllRefusesDuplicateIdsNamingBothDirectories(@TempDir Path suite) throws IOException {
        writeTask(suite.resolve("first"), FULL_JSON);
        writeTask(suite.resolve("second"), FULL_JSON);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CodeTaskLoader.loadAll(suite));
        assertTrue(e.getMessage().contains("id 'pkg-answer' is used by both " + suite.resolve("first").toAbsolutePath()
                + " and " + suite.resolve("second").toAbsolutePath()), e.getMessage());
    }

    @Test
    void loadAllOfAMissingFolderSaysSo(@TempDir Path temp) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CodeTaskLoader.loadAll(temp.resolve("nope")));
        assertTrue(e.getMessage().endsWith("nope: not a directory"), e.getMessage());
    }

    @FunctionalInterface
    interface Breaker {
        void breakTask(Path dir) throws IOException;
    }

    private static Breaker json(String text) {
        return dir -> Files.writeString(dir.resolve("task.json"), text);
    }

    /** Replaces the one occurrence of {@code from} in the full task.json. */
    private static Breaker field(String from, String to) {
        if (FULL_JSON.indexOf(from) < 0 || FULL_JSON.indexOf(from) != FULL_JSON.lastIndexOf(from)) {
            throw new IllegalStateException("test fixture: '" + from + "' must occur once in task.json");
        }
        return dir -> Files.writeString(dir.resolve("task.json"), FULL_JSON.replace(from, to));
    }
}
