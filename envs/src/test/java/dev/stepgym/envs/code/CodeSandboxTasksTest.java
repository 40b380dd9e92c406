package dev.stepgym.envs.code;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Transition;
import dev.stepgym.protocol.json.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile tasks in the user task format: tests that loop forever, storm forks or try the network,
 * and a repository with a symlink leading out. Each is contained with a clear observation, no
 * process is left behind, and nothing outside the workspace changes.
 */
@Tag("heavy")
class CodeSandboxTasksTest {

    private static void task(Path suite, String id, List<String> tests, int timeoutSeconds, Map<String, String> files) throws IOException {
        Path dir = suite.resolve(id);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve("repo").resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        Files.writeString(dir.resolve("task.json"), Json.write(Map.of("id", id, "instruction", "hostile test " + id,
                "visible_tests", tests, "timeout_seconds", timeoutSeconds, "target_files", List.of("main.py"))));
    }

    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Json.sha256(Files.readString(p)));
            }
        }
        return files;
    }

    private static long pythonDescendants() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("python") || c.contains("sleep")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> !String.join(" ", a).contains("pyright")).orElse(true))
                .count();
    }

    @Test
    void loopingForkingAndNetworkTestsAreContainedAndSymlinksOutAreRefused(@TempDir Path tmp) throws Exception {
        Path suite = tmp.resolve("suite");
        Path outside = tmp.resolve("outside");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("secret.txt"), "do not touch\n");
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(200);
            int port = listener.getLocalPort();
            task(suite, "loop", List.of("python3", "-c", "while True: pass"), 2, Map.of("main.py", "x = 1\n"));
            task(suite, "forks", List.of("python3", "forks.py"), 5, Map.of("main.py", "x = 1\n", "forks.py", String.join("\n",
                    "import subprocess",
                    "started = 0",
                    "for _ in range(2000):",
                    "    try:",
                    "        subprocess.Popen(['sleep', '30'])",
                    "        started += 1",
                    "    except OSError:",
                    "        pass",
                    "print('started', started)",
                    "")));
            task(suite, "network", List.of("python3", "net.py"), 5, Map.of("main.py", "x = 1\n", "net.py", String.join("\n",
                    "import socket, sys",
                    "try:",
                    "    socket.create_connection(('127.0.0.1', " + port + "), timeout=2)",
                    "    print('connected')",
                    "except OSError as e:",
                    "    print('no network:', e)",
                    "    sys.exit(3)",
                    "")));
            task(suite, "symlink", List.of("python3", "-c", "pass"), 5, Map.of("main.py", "x = 1\n"));
            Files.createSymbolicLink(suite.resolve("symlink/repo/outside"), outside);
            Map<String, String> outsideBefore = snapshot(outside);

            try (CodeEnvironmentFactory factory = new CodeEnvironmentProvider().open(Map.of("tasks_dir", suite.toString(), "max_servers", "1"))) {
                try (CodeEnvironment env = factory.newEpisode()) {
                    env.reset(new ResetRequest(0, "loop", Map.of(), false));
                    long start = System.nanoTime();
                    Transition loop = env.step(Action.text("run_tests[]"));
                    assertTrue((System.nanoTime() - start) / 1e9 < 20, "the loop is stopped at its time limit");
                    assertEquals(Boolean.TRUE, loop.info().get("timed_out"), loop.observation().text());
                    assertTrue(loop.observation().text().contains("timed out"), loop.observation().text());
                }
                try (CodeEnvironment env = factory.newEpisode()) {
                    env.reset(new ResetRequest(0, "forks", Map.of(), false));
                    Transition forks = env.step(Action.text("run_tests[]"));
                    assertNotNull(forks.observation().text());
                }
                try (CodeEnvironment env = factory.newEpisode()) {
                    env.reset(new ResetRequest(0, "network", Map.of(), false));
                    Transition net = env.step(Action.text("run_tests[]"));
                    assertTrue(net.observation().text().contains("no network"), net.observation().text());
                    assertNoConnectionAccepted(listener);
                }
                try (CodeEnvironment env = factory.newEpisode()) {
                    env.reset(new ResetRequest(0, "symlink", Map.of(), false));
                    Transition read = env.step(Action.text("read_file[outside/secret.txt]"));
                    assertNotNull(read.observation().lastActionError(), "the link leading out is not followed");
                    // The reset's baseline test run removed the link (the sandbox removes links leading out of the
                    // work dir after each run), so these writes either are refused or land in a plain folder
                    // inside the workspace; the snapshot below proves nothing outside changed.
                    for (Action a : List.of(Action.tool("write_file", Map.of("path", "outside/secret.txt", "content", "pwned\n")),
                            Action.tool("write_file", Map.of("path", "outside/new.txt", "content", "pwned\n")))) {
                        env.step(a);
                    }
                }
            }
            assertEquals(outsideBefore, snapshot(outside), "nothing outside the workspace changed");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (pythonDescendants() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(0, pythonDescendants(), "no test process is left");
        }
    }

    /** The sandboxed test could not reach even a loopback listener: no connection was ever accepted. */
    private static void assertNoConnectionAccepted(ServerSocket listener) throws IOException {
        try {
            listener.accept().close();
            throw new AssertionError("a sandboxed test reached the host's loopback listener");
        } catch (SocketTimeoutException expected) {
            // nothing connected
        }
    }
}
