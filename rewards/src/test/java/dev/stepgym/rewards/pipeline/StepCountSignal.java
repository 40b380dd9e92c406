package dev.stepgym.rewards.pipeline;

import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.signal.DeclaredSignal;
import dev.stepgym.rewards.signal.SignalParams;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A test-only signal, registered by one line in the test resources' service file: proof that a
 * new reward is one class plus one registry line. It pays {@code scale} × the number of earlier
 * steps whose evidence had {@code "hit": true}, and needs the context's {@code "goal"}.
 */
public final class StepCountSignal extends DeclaredSignal {
    public StepCountSignal() {
        super("test_hits_so_far", RewardKind.STEP, "test", 0.5);
    }

    @Override
    public Map<String, Object> defaultParams() {
        return Map.of("scale", 1.0);
    }

    @Override
    public Bound bind(SignalParams params) {
        double scale = params.number("scale");
        return Bound.immediate(step -> {
            step.context().string("goal");
            long hits = step.previous().stream().filter(e -> e.flag("hit")).count();
            return step.current().has("skip") ? OptionalDouble.empty() : OptionalDouble.of(scale * hits);
        });
    }
}
