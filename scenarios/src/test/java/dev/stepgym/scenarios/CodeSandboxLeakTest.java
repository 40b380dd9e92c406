package dev.stepgym.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepgym.agents.client.StepGymClient;
import dev.stepgym.envs.code.CodeStore;
import dev.stepgym.envs.code.task.CodeTask;
import dev.stepgym.envs.code.task.CodeTaskLoader;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.StepResult;
import dev.stepgym.protocol.env.EnvSettings;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.protocol.server.ServerConfig;
import dev.stepgym.scenarios.server.Environments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile agent's own test can reach, tried through the real code-v1 path: a server on
 * loopback with a record directory, an episode of a built-in task, {@code write_file} of a test
 * that hunts for the answers and the host, then {@code run_tests}. Every probe must find
 * nothing, and a positive control proves the probes ran in the agent's workspace.
 */
@Tag("heavy")
class CodeSandboxLeakTest {

    @Test
    void aTestTheAgentWritesFindsNothingOfTheServerTheTasksOrTheHost(@TempDir Path tmp) throws Exception {
        Path records = tmp.resolve("runs");
        CodeTask task = CodeTaskLoader.loadAll(CodeStore.builtInSuite()).get(0);
        Path patch = task.dir().resolve("reference.patch");
        Path hidden;
        try (Stream<Path> files = Files.walk(task.hiddenDir())) {
            hidden = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        assertTrue(Files.isReadable(patch) && Files.isReadable(hidden), "the answers exist on the host");
        String mark = "stepgym-leak-" + UUID.randomUUID();
        ServerConfig config = ServerConfig.defaults().withPort(0).withRecordDir(records);
        try (RunningServer server = RunningServer.start(config, Environments.registry(config));
                StepGymClient client = StepGymClient.connect(server.baseUrl())) {
            ResetResult other = client.reset("code-v1", task.id(), 1L, Map.of());
            client.step(other.episodeId(), Action.text("run_tests[]"));
            Path otherFile;
            try (Stream<Path> files = Files.walk(records)) {
                otherFile = files.filter(p -> p.toString().endsWith(other.episodeId() + ".jsonl")).findFirst().orElseThrow();
            }
            ResetResult episode = client.reset("code-v1", task.id(), 2L, Map.of());
            String test = hostileTest(Map.of(
                    "CACHE", EnvSettings.cacheDirectory().toAbsolutePath().toString(),
                    "RECORDS", records.toAbsolutePath().toString(),
                    "PATCH", patch.toAbsolutePath().toString(),
                    "HIDDEN", hidden.toAbsolutePath().toString(),
                    "OTHER", otherFile.toAbsolutePath().toString(),
                    "SERVER_CWD", System.getProperty("user.dir"),
                    "MARK", mark), ProcessHandle.current().pid());
            StepResult written = client.step(episode.episodeId(),
                    Action.tool("write_file", Map.of("path", "tests/test_visible.py", "content", test)));
            assertEquals(null, written.observation().lastActionError());
            StepResult run = client.step(episode.episodeId(), Action.text("run_tests[]"));
            String text = run.observation().text();
            assertTrue(text.contains("visible tests: 8/8 passed"), text);
            assertFalse(text.contains("LEAK"), text);
            client.close(episode.episodeId());
            client.close(other.episodeId());
        }
        assertFalse(Files.exists(Path.of("/tmp", mark)), "the run left a file in the host's /tmp");
        assertFalse(Files.exists(Path.of("/dev/shm", mark)), "the run left a file in the host's /dev/shm");
    }

    private static String hostileTest(Map<String, String> paths, long serverPid) {
        String constants = paths.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " = " + pythonString(e.getValue())).collect(Collectors.joining("\n"));
        return String.join("\n",
                "import glob, os, unittest",
                constants,
                "SERVER_PID = " + serverPid,
                "HOST_PATHS = [CACHE, RECORDS, SERVER_CWD, os.path.dirname(PATCH)]",
                "",
                "def readable(p):",
                "    try:",
                "        with open(p, 'rb') as f:",
                "            return f.read(200)",
                "    except OSError:",
                "        return None",
                "",
                "def listing(d):",
                "    try:",
                "        return os.listdir(d)",
                "    except OSError:",
                "        return None",
                "",
                "class Leaks(unittest.TestCase):",
                "    def test_control_the_probes_run_in_the_workspace(self):",
                "        self.assertTrue(os.path.isfile('tests/test_visible.py'))",
                "        self.assertEqual('/workspace', os.getcwd())",
                "",
                "    def test_no_server_in_proc_cmdline(self):",
                "        seen = []",
                "        for p in glob.glob('/proc/[0-9]*/cmdline') + glob.glob('/proc/[0-9]*/environ'):",
                "            c = (readable(p) or b'').decode('utf-8', 'replace')",
                "            if 'java' in c or 'stepgym.cache.dir' in c or any(h in c for h in HOST_PATHS):",
                "                seen.append(p + ': ' + c[:120])",
                "        self.assertEqual([], seen, 'LEAK server command line')",
                "",
                "    def test_server_process_unreachable(self):",
                "        for p in ('/proc/%d/cwd' % SERVER_PID, '/proc/%d/root' % SERVER_PID, '/proc/%d/environ' % SERVER_PID):",
                "            self.assertIsNone(listing(p), 'LEAK ' + p)",
                "            self.assertIsNone(readable(p), 'LEAK ' + p)",
                "",
                "    def test_answers_unreadable(self):",
                "        for p in (PATCH, HIDDEN, '/proc/1/root' + PATCH, '/proc/self/root' + HIDDEN, '/proc/1/cwd/..' + PATCH):",
                "            self.assertIsNone(readable(p), 'LEAK %s: %r' % (p, readable(p)))",
                "",
                "    def test_cache_records_and_other_episodes_unlistable(self):",
                "        for d in (CACHE, RECORDS, os.path.dirname(OTHER), '/proc/1/root' + RECORDS, SERVER_CWD, '/root', '/home'):",
                "            self.assertIsNone(listing(d), 'LEAK listed ' + d)",
                "        self.assertIsNone(readable(OTHER), 'LEAK other episode')",
                "",
                "    def test_environment_carries_no_host_path(self):",
                "        for k, v in os.environ.items():",
                "            for h in HOST_PATHS:",
                "                self.assertNotIn(h, v, 'LEAK env ' + k)",
                "",
                "    def test_nothing_but_the_sealed_root(self):",
                "        extra = set(os.listdir('/')) - {'bin', 'dev', 'etc', 'lib', 'lib32', 'lib64', 'libx32', 'proc', 'sbin', 'tmp', 'usr', 'workspace'}",
                "        self.assertEqual(set(), extra, 'LEAK root entries')",
                "",
                "    def test_tmp_and_shm_writes_stay_inside(self):",
                "        for d in ('/tmp', '/dev/shm'):",
                "            with open(os.path.join(d, MARK), 'w') as f:",
                "                f.write('left behind')",
                "",
                "if __name__ == '__main__':",
                "    unittest.main()",
                "");
    }

    private static String pythonString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
