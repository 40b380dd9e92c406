package dev.stepgym.envs.code;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.env.ResetRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 500 episodes (reset, a diagnostics step, an edit on some, close) on two threads over three tasks:
 * the language servers stay within their cap and are reused warm, and after the factory closes no
 * language-server or test process of this JVM is left.
 */
@Tag("heavy")
class CodeEpisodesLeakTest {
    private static final int EPISODES = 500;
    private static final List<String> TASKS = List.of("inventory-low-stock-boundary", "geometry-rectangle-boundary");
    /** Two tasks, two threads: at most two workspaces per task, so four servers keep every workspace warm. */
    private static final int MAX_SERVERS = 4;

    private static long processes(String needle) {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(needle)).orElse(false))
                .count();
    }

    @Test
    void fiveHundredEpisodesLeaveNoProcessBehind() throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger maxServers = new AtomicInteger();
        try (CodeEnvironmentFactory factory = new CodeEnvironmentProvider().open(Map.of("max_servers", String.valueOf(MAX_SERVERS),
                "idle_workspaces_per_task", "2"))) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> workers = List.of(pool.submit(() -> run(factory, next, maxServers)),
                        pool.submit(() -> run(factory, next, maxServers)));
                for (Future<?> w : workers) {
                    w.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(maxServers.get() <= MAX_SERVERS, "at most " + MAX_SERVERS + " language servers at once, saw " + maxServers.get());
            assertTrue(factory.store().servers().stats().reused() >= EPISODES - 10,
                    "warm servers were reused: " + factory.store().servers().stats());
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while ((processes("pyright") > 0 || processes("unittest") > 0) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, processes("pyright"), "no language server left");
        assertEquals(0, processes("unittest"), "no test process left");
    }

    private static Void run(CodeEnvironmentFactory factory, AtomicInteger next, AtomicInteger maxServers) {
        int i;
        while ((i = next.getAndIncrement()) < EPISODES) {
            try (CodeEnvironment env = factory.newEpisode()) {
                env.reset(new ResetRequest(i, TASKS.get(i % TASKS.size()), Map.of(), false));
                env.step(Action.text("diagnostics[]"));
                if (i % 25 == 0) {
                    env.step(Action.tool("write_file", Map.of("path", "scratch.py", "content", "x: int = 'not an int'\n")));
                }
            }
            maxServers.accumulateAndGet((int) factory.store().servers().liveProcesses(), Math::max);
        }
        return null;
    }
}
