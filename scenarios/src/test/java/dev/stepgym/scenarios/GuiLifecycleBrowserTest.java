package dev.stepgym.scenarios;

import dev.stepgym.agents.client.ResetParams;
import dev.stepgym.agents.client.StepGymClient;
import dev.stepgym.agents.client.StepGymClientException;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.ResetResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * gui-v1's browsers live and die with the server (issue 12, "no Chromium process or context outlives the
 * server"): {@code stepgym serve} in its own JVM runs gui-v1 episodes; episodes left idle past their lease
 * lose their browser context (their renderer processes end); then, with episodes still open, a SIGTERM
 * stops the server and every Chromium and Playwright driver (Node) process it started, found beforehand
 * as its descendants, is gone.
 */
@Tag("heavy")
@Tag("browser")
@Timeout(240)
class GuiLifecycleBrowserTest {
    private static final String ENV = "gui-v1";
    private static final int LEASE_SECONDS = 6;

    @TempDir
    Path records;

    @Test
    void leasesReapContextsAndNoBrowserOutlivesASigtermedServer() throws Exception {
        Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
        try (ServeProcess serve = ServeProcess.start(records, "--lease-seconds", Integer.toString(LEASE_SECONDS));
             StepGymClient client = StepGymClient.builder(serve.baseUrl()).requestTimeout(Duration.ofSeconds(120)).build()) {
            List<ProcessHandle> started = ProcessHandle.current().children().filter(p -> !before.contains(p.pid())).toList();
            assertEquals(1, started.size(), "the serve JVM is this JVM's one new child: " + describe(started));
            ProcessHandle server = started.get(0);

            // The first reset starts the pool; then three episodes are opened and left idle.
            client.closeAsync(reset(client, "click-button:0").episodeId()).join();
            List<String> idle = new ArrayList<>();
            for (String task : List.of("enter-text:1", "tabs:2", "dropdown:3")) {
                idle.add(reset(client, task).episodeId());
            }
            int renderersOpen = renderers(server);
            assertTrue(renderersOpen >= idle.size(), "a renderer per open episode: " + renderersOpen + " among "
                    + describe(server.descendants().toList()));

            long lastCall = System.nanoTime();

            // Past the lease (the reaper looks every second at most) the server closes them, and their
            // contexts (and so their renderers) go.
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(lastCall + TimeUnit.SECONDS.toNanos(LEASE_SECONDS) - System.nanoTime()))
                    + 2_500);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int renderersNow = renderersOpen;
            while (renderersNow > renderersOpen - idle.size() && System.nanoTime() < deadline) {
                Thread.sleep(500);
                renderersNow = renderers(server);
            }
            System.out.printf("gui-v1 lifecycle: %d renderers with %d idle episodes open, %d after their leases ended%n",
                    renderersOpen, idle.size(), renderersNow);
            assertTrue(renderersNow <= renderersOpen - idle.size(),
                    "renderers after the leases ended: " + renderersNow + ", with the episodes open: " + renderersOpen);
            for (String id : idle) {
                CompletionException gone = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                        () -> client.stepAsync(id, dev.stepgym.protocol.Action.text("press(\"Tab\")")).join());
                assertTrue(gone.getCause() instanceof StepGymClientException e && e.code() == ErrorCode.EPISODE_NOT_FOUND,
                        String.valueOf(gone.getCause()));
            }

            // Episodes still open when the server is told to stop.
            reset(client, "checkboxes:4");
            reset(client, "radio:5");
            List<ProcessHandle> browsers = server.descendants().filter(GuiLifecycleBrowserTest::isBrowserOrDriver).toList();
            assertTrue(browsers.stream().anyMatch(p -> command(p).endsWith("chromium")), "Chromium runs: " + describe(browsers));
            assertTrue(browsers.stream().anyMatch(p -> command(p).endsWith("node")), "the driver runs: " + describe(browsers));
            assertTrue(serve.terminate(60, TimeUnit.SECONDS), "serve exits on SIGTERM; output:\n" + serve.output());
            long stopped = System.nanoTime();
            long until = stopped + TimeUnit.SECONDS.toNanos(15);
            List<ProcessHandle> alive = browsers;
            while (!alive.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(200);
                alive = alive.stream().filter(ProcessHandle::isAlive).toList();
            }
            System.out.printf("gui-v1 lifecycle: %d browser and driver processes, all gone %d ms after serve exited%n",
                    browsers.size(), (System.nanoTime() - stopped) / 1_000_000);
            if (!alive.isEmpty()) {
                alive.forEach(ProcessHandle::destroyForcibly); // leave nothing behind, then fail
                fail("still alive after the server stopped: " + describe(alive));
            }
            assertFalse(server.isAlive());
        }
    }

    private static ResetResult reset(StepGymClient client, String task) {
        ResetResult r = client.resetAsync(new ResetParams(ENV, task, 0L, Map.of())).join();
        assertEquals(null, r.observation().lastActionError());
        return r;
    }

    /** Chromium renderer processes below the server (one or more per open browser context). */
    private static int renderers(ProcessHandle server) {
        return (int) server.descendants().filter(p -> command(p).endsWith("chromium"))
                .filter(p -> arguments(p).contains("--type=renderer")).count();
    }

    /**
     * The process's arguments from {@code /proc/PID/cmdline} (Chromium rewrites its children's argv, which
     * ProcessHandle.Info does not read back); empty once it exited.
     */
    private static String arguments(ProcessHandle p) {
        try {
            return new String(java.nio.file.Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static boolean isBrowserOrDriver(ProcessHandle p) {
        String c = command(p);
        return c.endsWith("chromium") || c.endsWith("chrome") || c.endsWith("node");
    }

    private static String command(ProcessHandle p) {
        return p.info().command().orElse("");
    }

    private static String describe(List<ProcessHandle> processes) {
        return processes.stream().map(p -> p.pid() + " " + command(p)).collect(Collectors.joining(", "));
    }
}
