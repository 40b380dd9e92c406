package dev.stepgym.rewards.gui;

import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.rewards.pipeline.EpisodeRewards;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.pipeline.RewardPipeline;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** gui-v1's signals over hand-made evidence. */
class GuiSignalsTest {

    private static EpisodeRewards episode(Map<String, Object> context) {
        List<Object> signals = List.of(Map.of("name", "subgoal_progress"), Map.of("name", "task_success"));
        return RewardPipeline.of(PipelineConfig.parse(Map.of("signals", signals), "test")).episode(context);
    }

    private static Map<String, Double> values(List<RewardComponent> components) {
        Map<String, Double> out = new LinkedHashMap<>();
        components.forEach(c -> out.put(c.name(), c.value()));
        return out;
    }

    private static Map<String, Object> step(int done, int total, boolean success, boolean failed) {
        return Map.of("invalid_action", false, "subgoals_done", done, "subgoals_total", total, "success", success, "failed", failed);
    }

    @Test
    void progressIsTheChangeInTheSatisfiedShareAndSuccessComesOnTheLastStep() {
        EpisodeRewards rewards = episode(Map.of("subgoals_done_at_reset", 1));
        assertEquals(Map.of("subgoal_progress", 0.0), values(rewards.score(step(1, 4, false, false)).join()));
        assertEquals(Map.of("subgoal_progress", 0.5), values(rewards.score(step(3, 4, false, false)).join()));
        assertEquals(Map.of("subgoal_progress", -0.25), values(rewards.score(step(2, 4, false, false)).join()));
        Map<String, Double> last = values(rewards.score(step(4, 4, true, false)).join());
        assertEquals(0.5, last.get("subgoal_progress"), 1e-12);
        assertEquals(1.0, last.get("task_success"));
    }

    @Test
    void aFailedTaskScoresZeroAndNoContextMeansNothingWasDoneAtReset() {
        EpisodeRewards rewards = episode(Map.of());
        Map<String, Double> v = values(rewards.score(step(1, 2, false, true)).join());
        assertEquals(0.5, v.get("subgoal_progress"), 1e-12);
        assertEquals(0.0, v.get("task_success"));
    }
}
