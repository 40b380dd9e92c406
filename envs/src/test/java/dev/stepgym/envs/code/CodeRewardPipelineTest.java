package dev.stepgym.envs.code;

import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.pipeline.RewardLayer;
import dev.stepgym.rewards.pipeline.RewardPipeline;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** code-v1's default pipeline and how the alpha, beta, gamma settings weight it; no language server needed. */
class CodeRewardPipelineTest {
    private static final List<String> ORDER = List.of("invalid_action", "diagnostic_delta", "safety", "ambiguity_penalty",
            "hidden_tests", "test_pass_delta");

    private static Map<String, Object> refusedEdit() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("tool", "edit");
        e.put("invalid_action", true);
        e.put("mutation", true);
        e.put("files", List.of());
        e.put("diagnostics_before", 2);
        e.put("diagnostics_after", 2);
        e.put("safe", false);
        e.put("confidence", 0.0);
        return e;
    }

    @Test
    void theDefaultPipelineListsTheSignalsInTheOrderTheirComponentsAppear() {
        CodeEnvironmentProvider provider = new CodeEnvironmentProvider();
        RewardPipeline pipeline = RewardPipeline.of(PipelineConfig.parse(provider.defaultRewardPipeline(), "default"));
        assertEquals(ORDER, pipeline.names());
        assertEquals(ORDER, RewardLayer.defaults().wrap(provider).spec().rewardComponents());
        assertEquals(provider.defaultRewardPipeline(), CodeEnvironmentProvider.rewardPipeline(Map.of()));
        // a refused edit: the invalid-action penalty, then Lanser's unsafe prospective mutation
        assertEquals(List.of(new RewardComponent("invalid_action", -1.0, 0.1, "env:code", RewardKind.PENALTY),
                        new RewardComponent("diagnostic_delta", 0.0, 0.5, "lsp:pyright", RewardKind.STEP),
                        new RewardComponent("safety", 0.0, 0.4, "lsp:pyright", RewardKind.STEP),
                        new RewardComponent("ambiguity_penalty", -1.0, 0.1, "lsp:pyright", RewardKind.PENALTY)),
                pipeline.episode(Map.of("baseline_pass_rate", 0.5)).score(refusedEdit()).join());
    }

    @Test
    void alphaBetaGammaSettingsWeightTheLanserSignals() {
        Map<String, Object> json = CodeEnvironmentProvider.rewardPipeline(Map.of("alpha", "1.0", "beta", "0.25", "gamma", "0.5"));
        RewardPipeline pipeline = RewardPipeline.of(PipelineConfig.parse(json, "settings"));
        List<RewardComponent> parts = pipeline.episode(Map.of()).score(refusedEdit()).join();
        assertEquals(List.of(0.1, 1.0, 0.25, 0.5), parts.stream().map(RewardComponent::weight).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CodeEnvironmentProvider.rewardPipeline(Map.of("gamma", "-1")));
        assertTrue(e.getMessage().contains("gamma"), e.getMessage());
    }
}
