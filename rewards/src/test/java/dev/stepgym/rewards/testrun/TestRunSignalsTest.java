package dev.stepgym.rewards.testrun;

import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.pipeline.EpisodeRewards;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.pipeline.RewardPipeline;
import dev.stepgym.rewards.signal.MissingEvidenceException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TestRunSignalsTest {
    private static final RewardPipeline PIPELINE = RewardPipeline.of(PipelineConfig.parse(Map.of("signals", List.of(
            Map.of("name", "hidden_tests"), Map.of("name", "test_pass_delta"))), "test"));

    private static Map<String, Object> run(double rate) {
        return Map.of("invalid_action", false, "visible_tests", Map.of("ran", 4, "pass_rate", rate));
    }

    @Test
    void theFirstRunIsMeasuredAgainstTheBaselineThenAgainstTheLastRun() {
        EpisodeRewards episode = PIPELINE.episode(Map.of("baseline_pass_rate", 0.25));
        assertEquals(List.of(), episode.score(Map.of("invalid_action", false)).join(), "no test run, no component");
        assertEquals(List.of(new RewardComponent("test_pass_delta", 0.75 - 0.25, 1.0, "sandbox:tests", RewardKind.STEP)),
                episode.score(run(0.75)).join());
        assertEquals(List.of(), episode.score(Map.of("invalid_action", true)).join());
        assertEquals(-0.5, episode.score(run(0.25)).join().get(0).value(), "against the last run, not the baseline");
        // a fork inherits the last run
        assertEquals(0.75, episode.fork().score(run(1.0)).join().get(0).value());
    }

    @Test
    void submitScoresTheHiddenRateBeforeTheVisibleDelta() {
        EpisodeRewards episode = PIPELINE.episode(Map.of("baseline_pass_rate", 0.5));
        List<RewardComponent> parts = episode.score(Map.of("invalid_action", false, "submitted", true, "hidden_pass_rate", 2.0 / 3,
                "visible_tests", Map.of("pass_rate", 1.0))).join();
        assertEquals(List.of(new RewardComponent("hidden_tests", 2.0 / 3, 1.0, "sandbox:tests", RewardKind.OUTCOME),
                new RewardComponent("test_pass_delta", 0.5, 1.0, "sandbox:tests", RewardKind.STEP)), parts);
    }

    @Test
    void evidenceMissingAFieldNamesTheSignalAndTheField() {
        MissingEvidenceException e = missing(Map.of(), run(1.0));
        assertEquals("test_pass_delta", e.signal());
        assertEquals("baseline_pass_rate", e.field());
        e = missing(Map.of("baseline_pass_rate", 0.0), Map.of("visible_tests", Map.of("ran", 1)));
        assertEquals("test_pass_delta", e.signal());
        assertEquals("pass_rate", e.field());
        e = missing(Map.of("baseline_pass_rate", 0.0), Map.of("submitted", true));
        assertEquals("hidden_tests", e.signal());
        assertEquals("hidden_pass_rate", e.field());
    }

    private static MissingEvidenceException missing(Map<String, Object> context, Map<String, Object> evidence) {
        CompletionException e = assertThrows(CompletionException.class, () -> PIPELINE.episode(context).score(evidence).join());
        return assertInstanceOf(MissingEvidenceException.class, e.getCause());
    }
}
