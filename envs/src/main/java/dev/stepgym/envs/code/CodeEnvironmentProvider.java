package dev.stepgym.envs.code;

import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.env.EnvironmentProvider;
import dev.stepgym.rewards.generic.InvalidActionSignal;
import dev.stepgym.rewards.lanser.AmbiguityPenaltySignal;
import dev.stepgym.rewards.lanser.DiagnosticDeltaSignal;
import dev.stepgym.rewards.lanser.LanserWeights;
import dev.stepgym.rewards.lanser.SafetySignal;
import dev.stepgym.rewards.testrun.HiddenTestsSignal;
import dev.stepgym.rewards.testrun.TestPassDeltaSignal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code code-v1}, found through {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * try (var factory = new CodeEnvironmentProvider().open(Map.of())) {   // the built-in suite
 *     var env = factory.newEpisode();
 * }
 * }</pre>
 */
public final class CodeEnvironmentProvider implements EnvironmentProvider {
    public static final String ID = "code-v1";
    public static final int MAX_STEPS = 30;
    /**
     * The default pipeline's signals, in the order of their components. invalid_action comes
     * before the Lanser terms (a refused change has all four) and hidden_tests before
     * test_pass_delta (submit has both), as the environment ordered them when it built them.
     */
    static final List<String> SIGNALS = List.of(InvalidActionSignal.NAME, DiagnosticDeltaSignal.NAME, SafetySignal.NAME,
            AmbiguityPenaltySignal.NAME, HiddenTestsSignal.NAME, TestPassDeltaSignal.NAME);

    private static final EnvSpec SPEC = new EnvSpec(ID,
            "Python repositories under Git behind a real language server (pyright): navigate (definition, references, "
                    + "hover, symbols), read diagnostics and files, edit by line range, symbol or content anchor, rename "
                    + "through the server, apply patches, run the visible tests in a sandbox, submit for the hidden tests. "
                    + "Default rewards: Lanser's diagnostic delta, safety and ambiguity penalty on every change; test-pass delta; "
                    + "outcome: hidden tests.",
            "tool",
            CodeTools.specs(),
            MAX_STEPS,
            SIGNALS);

    @Override
    public EnvSpec spec() {
        return SPEC;
    }

    /** The pipeline with Lanser's default weights (α, β, γ) = (0.5, 0.4, 0.1). */
    @Override
    public Map<String, Object> defaultRewardPipeline() {
        return rewardPipeline(LanserWeights.DEFAULT);
    }

    /**
     * The default pipeline under these settings: {@code alpha}, {@code beta}, {@code gamma} are the
     * weights of {@code diagnostic_delta}, {@code safety} and {@code ambiguity_penalty} (the reward
     * layer asks for it when code-v1 is opened with them).
     */
    @Override
    public Map<String, Object> defaultRewardPipeline(Map<String, String> settings) {
        return rewardPipeline(settings);
    }

    /** {@link #defaultRewardPipeline(Map)}, for tools that have no provider instance at hand. */
    public static Map<String, Object> rewardPipeline(Map<String, String> settings) {
        return rewardPipeline(CodeSettings.parse(settings == null ? Map.of() : settings).weights());
    }

    static Map<String, Object> rewardPipeline(LanserWeights w) {
        List<Object> signals = new ArrayList<>();
        signals.add(signal(InvalidActionSignal.NAME, 0.1, Map.of("source", "env:code")));
        signals.add(signal(DiagnosticDeltaSignal.NAME, w.alpha(), Map.of()));
        signals.add(signal(SafetySignal.NAME, w.beta(), Map.of()));
        signals.add(signal(AmbiguityPenaltySignal.NAME, w.gamma(), Map.of()));
        signals.add(signal(HiddenTestsSignal.NAME, 1.0, Map.of()));
        signals.add(signal(TestPassDeltaSignal.NAME, 1.0, Map.of()));
        Map<String, Object> pipeline = new LinkedHashMap<>();
        pipeline.put("signals", signals);
        return pipeline;
    }

    private static Map<String, Object> signal(String name, double weight, Map<String, Object> params) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("weight", weight);
        if (!params.isEmpty()) {
            s.put("params", params);
        }
        return s;
    }

    /**
     * Settings: {@code tasks_dir}, {@code max_servers}, {@code request_timeout_ms},
     * {@code idle_workspaces_per_task}, and {@code alpha}, {@code beta}, {@code gamma}, which
     * only {@link #defaultRewardPipeline(Map)} reads.
     */
    @Override
    public CodeEnvironmentFactory open(Map<String, String> settings) {
        return new CodeEnvironmentFactory(SPEC, CodeStore.open(CodeSettings.parse(settings == null ? Map.of() : settings)));
    }
}
