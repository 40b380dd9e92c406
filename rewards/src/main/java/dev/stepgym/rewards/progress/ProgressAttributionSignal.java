package dev.stepgym.rewards.progress;

import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.signal.DeclaredSignal;
import dev.stepgym.rewards.signal.SignalParams;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * {@code progress_attribution}: SPA's step reward (reward-methods §2.3) from a model trained by
 * {@code stepgym rewards train-progress}.
 *
 * <ul>
 *   <li>{@code variant: paper} (default): {@code ĉ_t + g_t}, ĉ_t the model's contribution of the
 *       step, g_t = {@value #GROUNDING} when the action took effect (its evidence does not flag
 *       {@code invalid_action}), else 0.</li>
 *   <li>{@code variant: loo}: the released code's path, which ignores ĉ_t: {@code r_t = v + g_t}
 *       with v = R − mean R of the other rollouts of the task. This signal gives the g_t part; put
 *       the {@code rloo} transform in the same pipeline for v (it needs the whole group, so it is a
 *       trajectory transform, not a step signal). {@code model} is not needed.</li>
 * </ul>
 *
 * <p>{@code model} names a model folder on the server, so only the server's own pipeline may set it.
 * One loaded model per folder and training digest serves the whole process ({@link ProgressModels});
 * each step is queued in its micro-batcher, so the steps of concurrent episodes share forward
 * passes, with the same values as a step scored alone (and as {@code replay rescore}).
 */
public final class ProgressAttributionSignal extends DeclaredSignal {
    public static final String NAME = "progress_attribution";
    /** SPA's grounding reward for an action that took effect. */
    public static final double GROUNDING = 0.5;

    public ProgressAttributionSignal() {
        super(NAME, RewardKind.STEP, "spa", 1.0);
    }

    @Override
    public Map<String, Object> defaultParams() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("model", "");
        p.put("variant", "paper");
        return p;
    }

    @Override
    public Set<String> serverOnlyParams() {
        return Set.of("model");
    }

    @Override
    public Bound bind(SignalParams params) {
        String variant = params.string("variant");
        String modelDir = params.string("model");
        switch (variant) {
            case "loo":
                return Bound.immediate(step -> OptionalDouble.of(grounding(step.current().fields())));
            case "paper":
                if (modelDir.isBlank()) {
                    throw new IllegalArgumentException("signal " + NAME + ": variant paper needs parameter \"model\", a folder"
                            + " written by stepgym rewards train-progress");
                }
                ProgressModel model = ProgressModels.shared(Path.of(modelDir));
                // Through the model's micro-batcher: concurrent episodes' steps share one forward pass.
                return step -> {
                    Map<String, Object> evidence = step.current().fields();
                    return model.submit(evidence, step.step()).thenApply(c -> OptionalDouble.of(c + grounding(evidence)));
                };
            default:
                throw new IllegalArgumentException("signal " + NAME + ": parameter \"variant\" must be paper or loo, got " + variant);
        }
    }

    private static double grounding(Map<String, Object> evidence) {
        return ProgressFeatures.tookEffect(evidence) ? GROUNDING : 0.0;
    }
}
