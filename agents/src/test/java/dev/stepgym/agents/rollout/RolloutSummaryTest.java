package dev.stepgym.agents.rollout;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RolloutSummaryTest {
    private static EpisodeReport report(double ret, int steps, Map<String, Object> outcome, String error) {
        return new EpisodeReport(0, EpisodeSpec.of("shop-v1", 1), "e", steps, ret, Map.of("r", ret), outcome, Map.of(),
                error == null, false, "sha256:0", List.of(), error);
    }

    @Test
    void aggregatesReturnsStepsAndSuccessAtAThreshold() {
        List<EpisodeReport> reports = List.of(
                report(1.0, 4, Map.of("score", 1.0), null),
                report(0.5, 6, Map.of("score", 0.75), null),
                report(0.0, 2, Map.of(), null),
                report(-0.5, 8, Map.of("score", 1.0), "EPISODE_NOT_FOUND: reaped"));
        RolloutSummary perfect = RolloutSummary.of(reports);
        assertEquals(4, perfect.episodes());
        assertEquals(1, perfect.errors());
        assertEquals(0.25, perfect.meanReturn(), 1e-12);
        assertEquals(5.0, perfect.meanSteps(), 1e-12);
        assertEquals(0.25, perfect.successRate(), 1e-12, "failed episodes never count as successes");
        assertEquals(0.5, RolloutSummary.of(reports, 0.7).successRate(), 1e-12);
    }

    @Test
    void emptyRolloutSummarisesToZeros() {
        RolloutSummary summary = RolloutSummary.of(List.of());
        assertEquals(0, summary.episodes());
        assertEquals(0.0, summary.meanReturn());
    }
}
