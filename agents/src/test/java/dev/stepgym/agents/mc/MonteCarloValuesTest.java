package dev.stepgym.agents.mc;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.EpisodeStart;
import dev.stepgym.agents.Policy;
import dev.stepgym.agents.client.StepGymSocket;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The estimator's arithmetic and its refusals; the shop-v1 behaviour is in the scenarios' McValuesTest. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MonteCarloValuesTest {

    @Test
    void valueIsTheMeanOutcomeWithTheSampleStandardError() {
        ValueEstimate v = ValueEstimate.of(List.of(1.0, 0.0, 1.0, 0.0));
        assertEquals(0.5, v.mean(), 1e-12);
        assertEquals(Math.sqrt(1.0 / 3.0) / 2.0, v.stderr(), 1e-12, "std with N-1, over sqrt(k)");
        assertEquals(4, v.k());
        assertEquals(0.0, ValueEstimate.of(List.of(0.7)).stderr(), "one rollout: no spread to measure");
        ValueEstimate terminal = ValueEstimate.exact(0.9);
        assertTrue(terminal.terminal() && terminal.stderr() == 0.0);

        StepValue step = new StepValue("ep", 3, "click[buy now]", v, terminal);
        assertEquals(0.4, step.progress(), 1e-12);
        assertEquals(v.stderr(), step.progressStderr(), 1e-12);
        Map<String, Object> row = step.toJson(4);
        assertEquals(List.of("episode", "step", "action", "v_before", "v_after", "progress", "k", "stderr",
                "v_before_stderr", "v_after_stderr", "after_terminal"), List.copyOf(row.keySet()));
    }

    @Test
    void optionsRefuseNonsense() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> McOptions.of(0, 4)).getMessage().contains("k (rollouts per state) must be at least 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> McOptions.of(4, 0)).getMessage().contains("concurrency must be at least 1"));
    }

    @Test
    void aLiveEpisodesValueNeedsAnOutcomeScoreAndLeavesNoForkOpen() {
        // counter-v1 reports {"count","success"} but no "score": a terminated rollout has nothing to average.
        Agent sayDone = new Agent() {
            @Override
            public String name() {
                return "say-done";
            }

            @Override
            public Policy start(EpisodeStart start) {
                return observation -> Action.text("done");
            }
        };
        try (TestServer server = TestServer.start();
             StepGymSocket socket = StepGymSocket.connect(server.wsUrl());
             MonteCarloValues mc = new MonteCarloValues(socket, sayDone, McOptions.of(3, 2))) {
            ResetResult live = socket.reset("counter-v1", null, 1L, Map.of());
            IllegalStateException error = assertThrows(IllegalStateException.class, () -> mc.value(live.episodeId(), "counter-v1", 1L));
            assertTrue(error.getMessage().contains("without an outcome score"), error.getMessage());
            assertTrue(mc.peakOpenRollouts() <= 2, "at most the concurrency: " + mc.peakOpenRollouts());
            assertEquals(1, server.manager().openEpisodes(), "only the live episode is still open");
            socket.close(live.episodeId());
        }
    }
}
