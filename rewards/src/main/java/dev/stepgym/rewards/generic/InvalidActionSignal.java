package dev.stepgym.rewards.generic;

import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.signal.DeclaredSignal;
import dev.stepgym.rewards.signal.SignalParams;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code invalid_action}: −1 on a step whose action the environment could not parse or carry out
 * (evidence {@code invalid_action: true}); no component on any other step. Its source is a
 * parameter, so each environment keeps its own ({@code env:shop}, {@code env:searchqa}, ...).
 */
public final class InvalidActionSignal extends DeclaredSignal {
    public static final String NAME = "invalid_action";
    /** The evidence flag every environment sets on a step it could not carry out. */
    public static final String FIELD = "invalid_action";

    public InvalidActionSignal() {
        super(NAME, RewardKind.PENALTY, "env", 0.1);
    }

    @Override
    public String source(SignalParams params) {
        return params.string("source");
    }

    @Override
    public Map<String, Object> defaultParams() {
        return Map.of("source", "env");
    }

    @Override
    public Bound bind(SignalParams params) {
        params.string("source");
        return Bound.immediate(step -> step.current().flag(FIELD) ? OptionalDouble.of(-1.0) : OptionalDouble.empty());
    }
}
