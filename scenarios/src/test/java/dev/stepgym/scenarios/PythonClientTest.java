package dev.stepgym.scenarios;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Python client ({@code agents/python}) against real {@code stepgym serve} processes: its
 * {@code unittest} suite and every example script, each run by the system Python with
 * {@code STEPGYM_URL} pointing at the server (and {@code STEPGYM_CAPACITY_URL} at a second one
 * started with {@code --capacity 1}, for the real 429 test). A failure shows the Python output.
 * Heavy: the suite and the examples take tens of seconds.
 */
@Tag("heavy")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PythonClientTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final long SUITE_TIMEOUT_SECONDS = 300;
    private static final long EXAMPLE_TIMEOUT_SECONDS = 120;

    private final Path python = pythonPackage();
    private ServeProcess server;
    private ServeProcess oneEpisodeServer;

    @BeforeAll
    void startServers(@TempDir Path records) throws Exception {
        assertTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is missing: the Python client tests need the system Python");
        server = ServeProcess.start(records.resolve("main"));
        oneEpisodeServer = ServeProcess.start(records.resolve("capacity"), "--capacity", "1");
    }

    @AfterAll
    void stopServers() {
        if (server != null) {
            server.close();
        }
        if (oneEpisodeServer != null) {
            oneEpisodeServer.close();
        }
    }

    @Test
    void unittestSuitePassesAgainstARealServer(@TempDir Path scratch) throws Exception {
        Result result = runPython(scratch, SUITE_TIMEOUT_SECONDS, "-m", "unittest", "discover", "-s", "tests", "-v");
        assertEquals(0, result.exitCode(), "Python unittest failed:\n" + result.output() + "\nserver:\n" + server.output());
        assertTrue(result.output().contains("\nOK"), result.output());
        assertFalse(result.output().contains("STEPGYM_URL is not set"), "server tests were skipped:\n" + result.output());
        assertFalse(result.output().contains("STEPGYM_CAPACITY_URL is not set"), result.output());
    }

    @Test
    void everyExampleRunsEndToEnd(@TempDir Path scratch) throws Exception {
        List<Path> examples;
        try (Stream<Path> files = Files.list(python.resolve("examples"))) {
            examples = files.filter(p -> p.toString().endsWith(".py")).sorted().toList();
        }
        assertTrue(examples.size() >= 6, "one example per adapter plus the Gymnasium loop: " + examples);
        for (Path example : examples) {
            Result result = runPython(scratch, EXAMPLE_TIMEOUT_SECONDS, python.relativize(example).toString());
            assertEquals(0, result.exitCode(), example.getFileName() + " failed:\n" + result.output());
            assertTrue(result.output().contains("ok: "), example.getFileName() + " did not finish:\n" + result.output());
        }
    }

    private Result runPython(Path scratch, long timeoutSeconds, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(scratch, "python", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(python.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("STEPGYM_URL", server.baseUrl());
        env.put("STEPGYM_CAPACITY_URL", oneEpisodeServer.baseUrl());
        env.put("PYTHONPATH", python.toString()); // the examples import the package from the checkout
        env.put("PYTHONDONTWRITEBYTECODE", "1");  // no __pycache__ in the working tree
        env.put("PYTHONUNBUFFERED", "1");
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            fail(String.join(" ", args) + " ran past " + timeoutSeconds + " s:\n" + read(log));
        }
        return new Result(process.exitValue(), read(log));
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** agents/python, found from the module directory Surefire runs in (or the repository root). */
    private static Path pythonPackage() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("agents").resolve("python");
            if (Files.isDirectory(candidate.resolve("stepgym"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("agents/python not found above " + Path.of("").toAbsolutePath());
    }

    private record Result(int exitCode, String output) {
    }
}
