package dev.stepgym.rewards.lanser;

import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.pipeline.RewardPipeline;
import dev.stepgym.rewards.signal.MissingEvidenceException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three Lanser signals over a prospective mutation's evidence, weighted by the pipeline. */
class LanserSignalsTest {
    private static final double EPS = 1e-12;
    private static final double[] CONFIDENCES = {0.0, 0.25, 0.62, 0.94, 1.0};
    private static final double[] WEIGHTS = {0.0, 0.1, 0.5, 2.0};

    private static RewardPipeline pipeline(LanserWeights w) {
        return RewardPipeline.of(PipelineConfig.parse(Map.of("signals", List.of(
                Map.of("name", "diagnostic_delta", "weight", w.alpha()),
                Map.of("name", "safety", "weight", w.beta()),
                Map.of("name", "ambiguity_penalty", "weight", w.gamma()))), "test"));
    }

    private static Map<String, Object> mutation(int before, int after, boolean safe, double confidence) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("invalid_action", !safe);
        e.put("mutation", true);
        e.put("diagnostics_before", before);
        e.put("diagnostics_after", after);
        e.put("safe", safe);
        e.put("confidence", confidence);
        return e;
    }

    private static List<RewardComponent> score(LanserWeights w, Map<String, Object> evidence) {
        return pipeline(w).episode(Map.of()).score(evidence).join();
    }

    @Test
    void firstWorkedExample() {
        // 0.5 * (5 - 2) + 0.4 * 1 - 0.1 * (1 - 0.94) = 1.5 + 0.4 - 0.006
        List<RewardComponent> parts = score(LanserWeights.DEFAULT, mutation(5, 2, true, 0.94));
        assertEquals(1.894, RewardComponent.total(parts), EPS);
        assertEquals(new RewardComponent("diagnostic_delta", 3.0, 0.5, "lsp:pyright", RewardKind.STEP), parts.get(0));
        assertEquals(new RewardComponent("safety", 1.0, 0.4, "lsp:pyright", RewardKind.STEP), parts.get(1));
        assertEquals(-(1 - 0.94), parts.get(2).value());
        assertEquals(0.1, parts.get(2).weight());
        assertEquals(RewardKind.PENALTY, parts.get(2).kind());
    }

    @Test
    void secondWorkedExample() {
        // 0.5 * 0 + 0.4 * 0 - 0.1 * (1 - 0.62) = -0.038
        assertEquals(-0.038, RewardComponent.total(score(LanserWeights.DEFAULT, mutation(7, 7, false, 0.62))), EPS);
    }

    @Test
    void bundleExample() {
        // diag_delta 1, safety 1, ambiguity_penalty 0.28 (alpha_conf 0.72): 0.5 + 0.4 - 0.028
        List<RewardComponent> parts = score(LanserWeights.DEFAULT, mutation(4, 3, true, 0.72));
        assertEquals(0.872, RewardComponent.total(parts), EPS);
        assertEquals(1.0, parts.get(0).value());
        assertEquals(-0.28, parts.get(2).value(), EPS);
    }

    @Test
    void moreDiagnosticsAfterTheStepIsPunished() {
        // 0.5 * (2 - 6) + 0.4 * 1 - 0 = -1.6
        assertEquals(-1.6, RewardComponent.total(score(LanserWeights.DEFAULT, mutation(2, 6, true, 1.0))), EPS);
    }

    @Test
    void aStepWithoutAMutationHasNoLanserComponents() {
        assertEquals(List.of(), score(LanserWeights.DEFAULT, Map.of("invalid_action", false, "mutation", false)));
        assertEquals(List.of(), score(LanserWeights.DEFAULT, Map.of("invalid_action", true)));
    }

    @Test
    void theSourceIsAParameter() {
        RewardPipeline p = RewardPipeline.of(PipelineConfig.parse(Map.of("signals", List.of(
                Map.of("name", "safety", "params", Map.of("source", "lsp:other")))), "test"));
        assertEquals(new RewardComponent("safety", 1.0, 0.4, "lsp:other", RewardKind.STEP),
                p.episode(Map.of()).score(mutation(1, 1, true, 1.0)).join().get(0));
    }

    @Test
    void weakerMonotonicityHoldsOnAGrid() {
        // Under Prop. 5.2's conditions (D_t <= D_{t-1}, S_t >= S_{t-1}, α_t >= α_{t-1}) what holds is
        // r_t >= -γ(1 - α_t). α_{t-1} does not enter the formula, so the grid runs over α_t alone.
        int checked = 0;
        for (double a : WEIGHTS) for (double b : WEIGHTS) for (double g : WEIGHTS) {
            LanserWeights w = new LanserWeights(a, b, g);
            RewardPipeline p = pipeline(w);
            for (int before = 0; before <= 3; before++) for (int after = 0; after <= before; after++) {
                for (boolean safe : new boolean[]{false, true}) for (double conf : CONFIDENCES) {
                    double r = RewardComponent.total(p.episode(Map.of()).score(mutation(before, after, safe, conf)).join());
                    double bound = -g * (1 - conf);
                    assertTrue(r >= bound - EPS, () -> "r=" + r + " below " + bound + " for " + w);
                    checked++;
                }
            }
        }
        assertEquals(4 * 4 * 4 * 10 * 2 * 5, checked);
    }

    @Test
    void propositionFiveTwoAsPrintedHasACounterexample() {
        // The paper's own second example meets Prop. 5.2's conditions (D 7 -> 7, S 0 -> 0, α 0.62 -> 0.62)
        // and scores below zero; even perfect safety cannot save a step once γ outweighs β.
        assertTrue(RewardComponent.total(score(LanserWeights.DEFAULT, mutation(7, 7, false, 0.62))) < 0);
        assertEquals(-0.4, RewardComponent.total(score(new LanserWeights(1, 0.1, 0.5), mutation(1, 1, true, 0.0))), EPS);
    }

    @Test
    void evidenceMissingAFieldNamesTheSignalAndTheField() {
        Map<String, Object> noAfter = mutation(3, 2, true, 1.0);
        noAfter.remove("diagnostics_after");
        MissingEvidenceException e = missing(noAfter);
        assertEquals("diagnostic_delta", e.signal());
        assertEquals("diagnostics_after", e.field());
        Map<String, Object> noSafe = mutation(3, 2, true, 1.0);
        noSafe.remove("safe");
        assertEquals("safe", missing(noSafe).field());
        Map<String, Object> noConfidence = mutation(3, 2, true, 1.0);
        noConfidence.remove("confidence");
        assertEquals("confidence", missing(noConfidence).field());
    }

    private static MissingEvidenceException missing(Map<String, Object> evidence) {
        CompletionException e = assertThrows(CompletionException.class, () -> score(LanserWeights.DEFAULT, evidence));
        MissingEvidenceException m = assertInstanceOf(MissingEvidenceException.class, e.getCause());
        assertTrue(m.getMessage().contains(m.signal()) && m.getMessage().contains(m.field()), m.getMessage());
        return m;
    }

    @Test
    void invalidInputsAreRejectedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LanserWeights(0.5, -0.1, 0.1));
        assertTrue(e.getMessage().contains("beta"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LanserWeights(Double.NaN, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LanserWeights(0, 0, Double.POSITIVE_INFINITY));
        e = assertThrows(IllegalArgumentException.class, () -> LanserTerms.of(1, 0, true, 1.2));
        assertTrue(e.getMessage().contains("1.2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LanserTerms.of(1, 0, true, -0.01));
        assertThrows(IllegalArgumentException.class, () -> LanserTerms.of(1, 0, true, Double.NaN));
        e = assertThrows(IllegalArgumentException.class, () -> LanserTerms.of(-1, 0, true, 0.5));
        assertTrue(e.getMessage().contains("before=-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LanserTerms.of(1, -2, true, 0.5));
    }
}
