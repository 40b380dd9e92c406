package dev.stepgym.rewards.igpo;

import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.signal.DeclaredSignal;
import dev.stepgym.rewards.signal.SignalParams;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code igpo_outcome}: IGPO's outcome of the answer turn ({@link IgpoOutcome}): the set F1 of the
 * <em>first</em> {@code <answer>} block of the step's {@code response} against
 * {@code context.gold_answers}, or −2 when the tags are unbalanced or there is no answer block. On
 * steps with an {@code answer}; not in searchqa's default pipeline (which scores the answer the
 * StepSearch way), for IGPO runs: {@code {"name": "igpo_outcome", "params": {"variant": "f1"}}}.
 *
 * <p>Parameter {@code variant}: IGPO's {@code val_type}, {@code f1} (default), {@code noformatf1}
 * (format failure 0) or {@code em}.
 */
public final class IgpoOutcomeSignal extends DeclaredSignal {
    public static final String NAME = "igpo_outcome";
    public static final String SOURCE = "igpo:f1";

    public IgpoOutcomeSignal() {
        super(NAME, RewardKind.OUTCOME, SOURCE, IgpoOutcome.ALPHA);
    }

    @Override
    public Map<String, Object> defaultParams() {
        return Map.of("variant", "f1");
    }

    @Override
    public Bound bind(SignalParams params) {
        IgpoOutcome.Variant variant = switch (params.string("variant").toLowerCase(Locale.ROOT)) {
            case "f1" -> IgpoOutcome.Variant.F1;
            case "noformatf1" -> IgpoOutcome.Variant.NO_FORMAT_F1;
            case "em" -> IgpoOutcome.Variant.EM;
            default -> throw new IllegalArgumentException("signal " + NAME + ": parameter \"variant\" must be f1, noformatf1 or em, got "
                    + params.string("variant"));
        };
        return Bound.immediate(step -> step.current().has("answer")
                ? OptionalDouble.of(IgpoOutcome.evaluate(step.current().string("response"),
                        step.context().strings("gold_answers"), variant).score())
                : OptionalDouble.empty());
    }
}
