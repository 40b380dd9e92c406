package dev.stepgym.envs.code.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every built-in task for real: visible tests fail on the starting repository, visible and hidden
 * tests pass once the reference patch is applied, and for {@code fix-type-error} tasks pyright's error
 * count on the target file goes from at least one to zero.
 */
@Tag("heavy")
class BuiltInSuiteTest {
    private static final long COMMAND_TIMEOUT_SECONDS = 30;
    /** Two workers: the build machines have two cores and pyright is CPU-bound. */
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    @TempDir
    static Path temp;

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    @BeforeAll
    static void pyrightIsInstalled() {
        assertTrue(Files.isExecutable(pyright()), "pyright missing at " + pyright() + ": run scripts/setup.sh");
    }

    @Test
    void generatingTwiceGivesIdenticalBytes() throws IOException {
        Map<String, byte[]> first = tree(BuiltInSuite.write(temp.resolve("first")));
        Map<String, byte[]> second = tree(BuiltInSuite.write(temp.resolve("second")));
        assertEquals(first.keySet(), second.keySet());
        first.forEach((path, bytes) -> assertArrayEquals(bytes, second.get(path), path));
        assertTrue(first.size() > 33 * 8, "every task writes its repo, hidden tests, patch and task.json");
    }

    @TestFactory
    Stream<DynamicTest> everyTaskFailsBeforeAndPassesAfterItsReferencePatch() {
        List<CodeTask> tasks = CodeTaskLoader.loadAll(BuiltInSuite.write(temp.resolve("suite")));
        assertTrue(tasks.size() >= 30, "at least 30 tasks, got " + tasks.size());
        List<Future<?>> runs = new ArrayList<>();
        for (CodeTask task : tasks) {
            runs.add(POOL.submit(() -> {
                check(task);
                return null;
            }));
        }
        return tasks.stream().map(task -> DynamicTest.dynamicTest(task.id(), () -> {
            try {
                runs.get(tasks.indexOf(task)).get(10, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof AssertionError assertion) {
                    throw assertion;
                }
                throw e;
            }
        }));
    }

    private static void check(CodeTask task) throws IOException, InterruptedException {
        Path work = Files.createDirectories(temp.resolve("work").resolve(task.id())).toRealPath();
        copyTree(task.repo(), work);
        boolean typed = task.category().equals("fix-type-error");

        assertNotEquals(0, run(task.visibleTests(), work, "visible-before"), task.id() + ": visible tests pass before the patch");
        if (typed) {
            assertTrue(pyrightErrors(work, task.targetFiles()) >= 1, task.id() + ": pyright finds no error before the patch");
        }

        for (Map.Entry<String, String> file : UnifiedDiff.applyAll(work, task.referencePatch()).entrySet()) {
            if (file.getValue() == null) {
                Files.delete(work.resolve(file.getKey()));
            } else {
                Files.createDirectories(work.resolve(file.getKey()).getParent());
                Files.writeString(work.resolve(file.getKey()), file.getValue());
            }
        }
        assertEquals(0, run(task.visibleTests(), work, "visible-after"), task.id() + ": visible tests fail after the patch; see " + work);
        if (typed) {
            assertEquals(0, pyrightErrors(work, task.targetFiles()), task.id() + ": pyright errors remain after the patch");
        }
        copyTree(task.hiddenDir(), work);
        assertEquals(0, run(task.hiddenTests(), work, "hidden-after"), task.id() + ": hidden tests fail after the patch; see " + work);
    }

    /** Errors pyright reports in the target files (diagnostics elsewhere are not counted). */
    private static int pyrightErrors(Path work, List<String> targets) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(pyright().toString(), "--outputjson"));
        command.addAll(targets);
        Path out = work.resolveSibling(work.getFileName() + ".pyright.json");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        int exit = await(builder, "pyright");
        assertTrue(exit == 0 || exit == 1, "pyright failed to run (exit " + exit + ") in " + work);
        JsonNode report = Json.mapper().readTree(out.toFile());
        int errors = 0;
        for (JsonNode diagnostic : report.path("generalDiagnostics")) {
            boolean onTarget = targets.stream().anyMatch(t -> work.resolve(t).toString().equals(diagnostic.path("file").asText()));
            if (onTarget && diagnostic.path("severity").asText().equals("error")) {
                errors++;
            }
        }
        return errors;
    }

    private static int run(List<String> command, Path work, String label) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolveSibling(work.getFileName() + "." + label + ".log").toFile());
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        return await(builder, String.join(" ", command));
    }

    private static int await(ProcessBuilder builder, String what) throws IOException, InterruptedException {
        Process process = builder.start();
        try {
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail(what + " ran past " + COMMAND_TIMEOUT_SECONDS + " s in " + builder.directory());
            }
            return process.exitValue();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static Path pyright() {
        return Path.of(System.getProperty("stepgym.tools.dir", ".tools"), "node_modules", ".bin", "pyright");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static Map<String, byte[]> tree(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }
}
