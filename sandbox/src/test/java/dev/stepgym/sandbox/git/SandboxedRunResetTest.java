package dev.stepgym.sandbox.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgym.sandbox.process.ProcessResult;
import dev.stepgym.sandbox.process.ProcessRunner;
import dev.stepgym.sandbox.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A test run that vandalises its workspace is undone by one reset; the tests pass and fail for real. */
@Tag("heavy")
class SandboxedRunResetTest {
    @TempDir
    Path tmp;

    @Test
    void resetUndoesWhatATestRunLeft() throws IOException {
        Path task = Files.createDirectories(tmp.resolve("task"));
        Files.writeString(task.resolve("calc.py"), "def add(a, b):\n    return a - b\n");
        Files.writeString(task.resolve("test_calc.py"), String.join("\n",
                "import unittest, calc",
                "class T(unittest.TestCase):",
                "    def test_add(self):",
                "        self.assertEqual(calc.add(2, 3), 5)",
                ""));
        ProcessRunner runner = new ProcessRunner();
        List<String> unittest = List.of("python3", "-m", "unittest", "-q");
        try (GitWorkspace ws = GitWorkspace.create(task, tmp.resolve("ws"))) {
            String base = GitWorkspaceTest.treeHash(ws.root());
            ProcessResult failing = runner.run(ProcessSpec.builder(unittest, ws.root()).timeout(Duration.ofSeconds(30)).build());
            assertEquals(1, failing.exitCode(), failing.stderr());
            assertTrue(failing.stderr().contains("FAILED (failures=1)"), failing.stderr());

            ws.apply(List.of(FileEdit.write("calc.py", "def add(a, b):\n    return a + b\n")));
            ProcessResult passing = runner.run(ProcessSpec.builder(unittest, ws.root()).timeout(Duration.ofSeconds(30)).build());
            assertEquals(0, passing.exitCode(), passing.stderr());

            String vandal = String.join("\n",
                    "import os",
                    "open('calc.py', 'w').write('broken')",
                    "os.makedirs('junk/deeper')",
                    "open('junk/deeper/f.txt', 'w').write('x')",
                    "os.chmod('junk', 0)",
                    "os.symlink('/etc', 'etc-link')",
                    "os.remove('test_calc.py')");
            ProcessResult r = runner.run(ProcessSpec.builder(List.of("python3", "-c", vandal), ws.root()).build());
            assertEquals(0, r.exitCode(), r.stderr());
            assertFalse(ws.diff().isEmpty());

            ws.reset();
            assertEquals(base, GitWorkspaceTest.treeHash(ws.root()));
            assertEquals("", ws.diff());
            assertTrue(Files.isDirectory(Path.of("/etc")));
        }
    }
}
