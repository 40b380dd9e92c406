package dev.stepgym.sandbox.lsp;

import dev.stepgym.sandbox.lsp.LanguageServerException.Kind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool against real pyright processes: reuse, restart of dead and hung servers, the cap, and nothing left behind. */
@Tag("heavy")
class LanguageServerPoolTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String BROKEN = "n: int = \"s\"\n";

    static Path repo(Path parent, String name) throws IOException {
        Path root = Files.createDirectories(parent.resolve(name));
        Files.writeString(root.resolve("mod.py"), "def f() -> int:\n    return 1\n");
        return root;
    }

    static LanguageServerPool pool(int max, Duration requestTimeout, Duration leaseWait) {
        return new LanguageServerPool(PyrightInstallation.locate(), max, requestTimeout, leaseWait);
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static void awaitExit(long pid) throws Exception {
        ProcessHandle.of(pid).ifPresent(p -> {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("pid " + pid + " did not exit", e);
            }
        });
    }

    /** Threads of closed sessions end once the killed process's pipes close: give them a moment. */
    static List<String> lingeringSessionThreads() throws InterruptedException {
        List<String> names = List.of();
        for (int i = 0; i < 50; i++) {
            names = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(n -> n.startsWith("lsp-")).toList();
            if (names.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        return names;
    }

    static List<ProcessHandle> pyrightDescendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("pyright")).toList();
    }

    @Test
    void aSecondLeaseOfTheSameRootReusesTheWarmServerWithNoDocumentsOpen(@TempDir Path dir) throws Exception {
        Path root = repo(dir, "a");
        try (LanguageServerPool pool = pool(2, WAIT, WAIT)) {
            long firstPid;
            try (LanguageServerPool.Lease lease = pool.lease(root)) {
                LanguageServerSession lsp = lease.session();
                firstPid = lsp.pid();
                lsp.open("episode.py", BROKEN);
                assertEquals(1, lsp.diagnostics("episode.py", WAIT).size());
                assertEquals(Set.of("episode.py"), lsp.openDocuments());
            }
            try (LanguageServerPool.Lease lease = pool.lease(root)) {
                LanguageServerSession lsp = lease.session();
                assertEquals(firstPid, lsp.pid(), "warm reuse");
                assertEquals(Set.of(), lsp.openDocuments(), "the next episode starts clean");
                lsp.open("episode.py", "n: int = 2\n");
                assertEquals(List.of(), lsp.diagnostics("episode.py", WAIT));
            }
            assertEquals(new LanguageServerPool.Stats(1, 1, 0, 0), pool.stats());
            assertEquals(1, pool.liveProcesses());
        }
    }

    @Test
    void aKilledServerIsReplacedByAFreshHealthyOne(@TempDir Path dir) throws Exception {
        Path root = repo(dir, "a");
        try (LanguageServerPool pool = pool(2, WAIT, WAIT)) {
            // killed while leased: the release notices
            long first;
            try (LanguageServerPool.Lease lease = pool.lease(root)) {
                first = lease.session().pid();
                ProcessHandle.of(first).orElseThrow().destroyForcibly();
                awaitExit(first);
                assertFalse(lease.session().healthy());
                LanguageServerException e = assertThrows(LanguageServerException.class, () -> lease.session().open("x.py", "x = 1\n"));
                assertEquals(Kind.DEAD, e.kind());
            }
            long second;
            try (LanguageServerPool.Lease lease = pool.lease(root)) {
                second = lease.session().pid();
                assertNotEquals(first, second);
                assertTrue(lease.session().healthy());
                lease.session().open("x.py", BROKEN);
                assertEquals(1, lease.session().diagnostics("x.py", WAIT).size());
            }
            // killed while idle: the next lease notices
            ProcessHandle.of(second).orElseThrow().destroyForcibly();
            awaitExit(second);
            try (LanguageServerPool.Lease lease = pool.lease(root)) {
                assertNotEquals(second, lease.session().pid());
                assertTrue(lease.session().healthy());
            }
            assertEquals(new LanguageServerPool.Stats(3, 0, 2, 0), pool.stats());
            assertEquals(1, pool.liveProcesses());
        }
    }

    @Test
    void aHungServerTimesOutAndIsReplaced(@TempDir Path dir) throws Exception {
        Path root = repo(dir, "a");
        try (LanguageServerPool pool = pool(2, Duration.ofSeconds(1), WAIT)) {
            long hung;
            try (LanguageServerPool.Lease lease = pool.lease(root)) {
                LanguageServerSession lsp = lease.session();
                hung = lsp.pid();
                signal("STOP", hung);
                long t0 = System.nanoTime();
                LanguageServerException e = assertThrows(LanguageServerException.class, () -> lsp.hover("mod.py", 0, 4));
                long tookMs = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(Kind.TIMEOUT, e.kind());
                assertTrue(tookMs >= 900 && tookMs < 5_000, "timed out after " + tookMs + " ms");
                assertFalse(lsp.healthy());
                assertTrue(alive(hung), "stopped, not dead: only the timeout tells");
            } // the release kills it: a stopped process still takes SIGKILL
            awaitExit(hung);
            try (LanguageServerPool.Lease lease = pool.lease(root)) {
                // (no request here: a cold server's first answer can take longer than this pool's 1 s timeout)
                assertNotEquals(hung, lease.session().pid());
                assertTrue(lease.session().healthy());
            }
            assertEquals(1, pool.stats().restarted());
        }
    }

    @Test
    void theCapIsRespectedByEvictingTheLeastRecentlyUsedIdleServerOrFailingAfterTheWait(@TempDir Path dir) throws Exception {
        Path a = repo(dir, "a");
        Path b = repo(dir, "b");
        Path c = repo(dir, "c");
        List<Long> pids = new ArrayList<>();
        try (LanguageServerPool pool = pool(2, WAIT, Duration.ofMillis(500))) {
            for (Path root : List.of(a, b)) {
                try (LanguageServerPool.Lease lease = pool.lease(root)) {
                    pids.add(lease.session().pid());
                }
            }
            try (LanguageServerPool.Lease leaseC = pool.lease(c)) {
                pids.add(leaseC.session().pid());
                assertEquals(2, pool.liveProcesses());
                awaitExit(pids.get(0));                  // a was the least recently used
                assertTrue(alive(pids.get(1)));

                try (LanguageServerPool.Lease leaseB = pool.lease(b)) {
                    assertEquals(pids.get(1), leaseB.session().pid());
                    // both servers leased: a third root waits 500 ms, then gets a clear error
                    long t0 = System.nanoTime();
                    LanguageServerException full = assertThrows(LanguageServerException.class, () -> pool.lease(a));
                    long tookMs = (System.nanoTime() - t0) / 1_000_000;
                    assertEquals(Kind.CAPACITY, full.kind());
                    assertTrue(full.getMessage().contains("all 2 language servers are leased"), full.getMessage());
                    assertTrue(tookMs >= 450 && tookMs < 5_000, "waited " + tookMs + " ms");
                    assertEquals(2, pool.liveProcesses());
                }
            }
            assertEquals(new LanguageServerPool.Stats(3, 1, 0, 1), pool.stats());
        }
    }

    @Test
    void aWaitingLeaseGetsTheServerReleasedMeanwhile(@TempDir Path dir) throws Exception {
        Path a = repo(dir, "a");
        try (LanguageServerPool pool = pool(1, WAIT, Duration.ofSeconds(20))) {
            LanguageServerPool.Lease first = pool.lease(a);
            long pid = first.session().pid();
            Thread releaser = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException ignored) {
                    // released at once then
                }
                first.close();
            });
            releaser.start();
            try (LanguageServerPool.Lease second = pool.lease(a)) {
                assertEquals(pid, second.session().pid());
            }
            releaser.join(5_000);
            first.close(); // idempotent
            assertEquals(new LanguageServerPool.Stats(1, 1, 0, 0), pool.stats());
        }
    }

    @Test
    void closingThePoolLeavesNoPyrightProcess(@TempDir Path dir) throws Exception {
        List<Long> pids = new ArrayList<>();
        LanguageServerPool pool = pool(3, WAIT, WAIT);
        LanguageServerPool.Lease held;
        try {
            for (String name : List.of("a", "b")) {
                try (LanguageServerPool.Lease lease = pool.lease(repo(dir, name))) {
                    pids.add(lease.session().pid());
                }
            }
            held = pool.lease(repo(dir, "c"));
            pids.add(held.session().pid());
            assertEquals(3, pool.liveProcesses());
        } finally {
            pool.close();
        }
        for (long pid : pids) {
            assertFalse(alive(pid), "pid " + pid + " still alive");
        }
        assertEquals(List.of(), pyrightDescendants());
        assertEquals(List.of(), lingeringSessionThreads(), "reader, writer and stderr threads end with their sessions");
        assertEquals(0, pool.liveProcesses());
        assertEquals(Kind.DEAD, assertThrows(LanguageServerException.class, () -> held.session().definition("mod.py", 0, 4)).kind());
        held.close(); // returning a lease to a closed pool is harmless
        assertEquals(Kind.DEAD, assertThrows(LanguageServerException.class, () -> pool.lease(dir.resolve("a"))).kind());
    }

    @Test
    void aMissingRootIsABadInput(@TempDir Path dir) {
        try (LanguageServerPool pool = pool(1, WAIT, WAIT)) {
            LanguageServerException e = assertThrows(LanguageServerException.class, () -> pool.lease(dir.resolve("nope")));
            assertEquals(Kind.BAD_INPUT, e.kind());
            assertEquals(0, pool.stats().started());
        }
    }

    static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, kill.exitValue());
    }
}
