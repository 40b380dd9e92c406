package dev.stepgym.envs.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgym.envs.code.task.CodeTask;
import dev.stepgym.sandbox.git.FileEdit;
import dev.stepgym.sandbox.git.GitWorkspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hidden tests run on a snapshot of the workspace taken at submit: they never enter the
 * agent's workspace, what the hidden run does never reaches it, and links the agent planted
 * where the hidden files go lead nowhere outside.
 */
@Tag("heavy")
class SubmitSnapshotTest {
    private static CodeEnvironmentFactory factory;

    @BeforeAll
    static void open() {
        factory = new CodeEnvironmentProvider().open(Map.of("max_servers", "1"));
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.startsWith(root.resolve(".git"))).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void hiddenFilesNeverEnterTheWorkspaceAndTheHiddenRunCannotTouchIt() throws IOException {
        CodeStore store = factory.store();
        CodeTask task = store.tasks().get(0);
        try (CodeSlot slot = store.lease(task)) {
            GitWorkspace workspace = slot.workspace();
            // Agent code that the hidden tests import: it writes into its working directory.
            String pkg = task.targetFiles().get(0);
            String source = Files.readString(workspace.root().resolve(pkg));
            workspace.apply(List.of(FileEdit.write(pkg, source + "\nopen('planted-by-hidden-run.txt', 'w').write('x')\nprint('PLANTED')\n")));
            List<String> before = files(workspace.root());
            TestRun hidden = store.runHiddenTests(task, workspace);
            assertTrue(hidden.report().ran() > 0 && hidden.output().contains("PLANTED"), hidden.output());
            assertEquals(before, files(workspace.root()), "the hidden run or its files reached the agent's workspace");
            assertFalse(Files.exists(workspace.root().resolve("tests/test_hidden.py")));
        }
    }

    @Test
    void aLinkWhereTheHiddenTestsGoDoesNotLeadTheCopyOutside(@TempDir Path outside) throws IOException {
        CodeStore store = factory.store();
        CodeTask task = store.tasks().get(0);
        try (CodeSlot slot = store.lease(task)) {
            GitWorkspace workspace = slot.workspace();
            // What an agent's test run can leave: the tests folder replaced by a link to a host folder.
            Path tests = workspace.root().resolve("tests");
            try (Stream<Path> walk = Files.walk(tests)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            Files.createSymbolicLink(tests, outside);
            TestRun hidden = store.runHiddenTests(task, workspace);
            assertEquals(List.of(), files(outside).stream().filter(f -> !f.isEmpty()).toList(), "hidden files were written through the link");
            assertTrue(hidden.report().ran() > 0, "the hidden tests still ran, from a real folder: " + hidden.output());
            assertTrue(Files.isSymbolicLink(tests), "the agent's workspace is left as it was");
        }
    }
}
