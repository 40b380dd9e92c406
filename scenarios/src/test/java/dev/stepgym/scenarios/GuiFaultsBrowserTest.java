package dev.stepgym.scenarios;

import dev.stepgym.agents.client.ResetParams;
import dev.stepgym.agents.client.StepGymClient;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.StepResult;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.protocol.server.ServerConfig;
import dev.stepgym.scenarios.server.Environments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pages that misbehave, through the protocol (issue 12 §4): gui-v1's hidden fault tasks {@code page-hangs}
 * (a click handler that never returns) and {@code page-crashes} (a click handler that allocates until the
 * JavaScript heap cap kills the renderer). Each step ends with a clear observation within the pool's call
 * timeout, the episode goes on on a rebuilt page, and the pool keeps serving other episodes (one steps while
 * the faulty step runs, another after it).
 */
@Tag("heavy")
@Tag("browser")
@Timeout(180)
class GuiFaultsBrowserTest {
    private static final String ENV = "gui-v1";
    /** The pool's call timeout (BrowserPoolConfig.defaults()); a faulty step may take it twice (action, then a look). */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static RunningServer server;
    private static StepGymClient client;

    @BeforeAll
    static void start() throws Exception {
        ServerConfig config = ServerConfig.defaults().withPort(0).withAllowPrivileged(true)
                .withRecordDir(Files.createTempDirectory("stepgym-gui-faults"));
        server = RunningServer.start(config, Environments.registry(config));
        client = StepGymClient.builder(server.baseUrl()).requestTimeout(Duration.ofSeconds(120)).build();
        ResetResult warm = client.resetAsync(new ResetParams(ENV, "click-button:0", 0L, Map.of())).join();
        client.closeAsync(warm.episodeId()).join();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPageThatHangsEndsTheStepWithAnObservationAndTheEpisodeGoesOn() {
        survives("page-hangs:0", "Hang", Duration.ofSeconds(CALL_TIMEOUT.toSeconds() * 3));
    }

    @Test
    void aPageThatCrashesItsRendererEndsTheStepWithAnObservationAndTheEpisodeGoesOn() {
        survives("page-crashes:0", "Crash", Duration.ofSeconds(CALL_TIMEOUT.toSeconds() * 3));
    }

    private static void survives(String task, String faultButton, Duration bound) {
        ResetResult reset = client.resetAsync(new ResetParams(ENV, task, 0L, Map.of())).join();
        String id = reset.episodeId();
        // A neighbour opened before the fault: with two browsers it lands in the other one.
        ResetResult neighbour = client.resetAsync(new ResetParams(ENV, "click-button:5", 5L, Map.of("privileged", true))).join();
        long t0 = System.nanoTime();
        CompletableFuture<StepResult> pending = client.stepAsync(id,
                Action.text("click(" + ref(reset.observation().text(), "button", faultButton) + ")"));
        // While the faulty step runs, the neighbour is served (a hang takes seconds; a crash may be over already).
        StepResult meanwhile = solve(neighbour);
        boolean overlapped = !pending.isDone();
        StepResult fault = pending.join();
        long faultMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("gui-v1 %s: the faulty step answered in %d ms (a neighbour episode stepped meanwhile: %s): %s%n",
                task, faultMs, overlapped, fault.observation().lastActionError());
        assertNull(meanwhile.observation().lastActionError(), meanwhile.observation().text());
        assertTrue(meanwhile.terminated(), "the neighbour solved its task");
        assertTrue(faultMs < bound.toMillis(), task + " took " + faultMs + " ms");
        assertNotNull(fault.observation().lastActionError(), "the observation says what happened");
        assertTrue(fault.observation().lastActionError().contains("reloaded"), fault.observation().lastActionError());
        assertTrue(fault.observation().text().contains("Last action error: "));
        RewardComponent penalty = fault.rewards().stream().filter(c -> c.name().equals("invalid_action")).findFirst().orElseThrow();
        assertTrue(penalty.weighted() < 0, "the step that broke the page is penalised");
        assertFalse(fault.terminated());
        assertEquals(reset.stateHash(), fault.stateHash(), "the page is rebuilt as it was before the faulty click");

        // The episode goes on, on the rebuilt page.
        StepResult count = step(id, Action.text("click(" + ref(fault.observation().text(), "button", "Count") + ")"));
        assertNull(count.observation().lastActionError(), count.observation().text());
        assertTrue(count.observation().text().contains("Count: 1"), count.observation().text());
        assertTrue(count.terminated(), "pressing Count solves the task");
        client.closeAsync(id).join();

        // The pool goes on: another episode resets and steps.
        ResetResult other = client.resetAsync(new ResetParams(ENV, "click-button:3", 3L, Map.of("privileged", true))).join();
        StepResult solved = solve(other);
        assertNull(solved.observation().lastActionError());
        assertTrue(solved.terminated());
    }

    /** Presses the button a click-button task names (its privileged reference), then closes the episode. */
    private static StepResult solve(ResetResult episode) {
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((java.util.List<Map<String, Object>>) episode.info().get("reference")).get(0);
        StepResult r = step(episode.episodeId(), Action.text("click(" + ref(episode.observation().text(), "button",
                String.valueOf(first.get("name"))) + ")"));
        client.closeAsync(episode.episodeId()).join();
        return r;
    }

    private static StepResult step(String id, Action a) {
        return client.stepAsync(id, a).join();
    }

    /** The ref of the first element with this role and name in the observation's tree. */
    private static String ref(String tree, String role, String name) {
        Pattern p = Pattern.compile("- " + role + " \"" + Pattern.quote(name) + "\"[^\\n]*?\\[ref=((?:f[0-9]+)?e[0-9]+)]");
        Matcher m = p.matcher(tree);
        assertTrue(m.find(), "no " + role + " " + name + " in\n" + tree);
        return m.group(1);
    }
}
