package dev.stepgym.rewards.lanser;

import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.signal.DeclaredSignal;
import dev.stepgym.rewards.signal.SignalParams;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * One term of Lanser's process reward as a signal: a component on every step whose evidence says
 * {@code mutation: true} (a change applied or refused), none on other steps. The source is a
 * parameter ({@code lsp:pyright} by default), so another language server can feed the same terms.
 */
abstract class LanserSignal extends DeclaredSignal {
    static final String DEFAULT_SOURCE = "lsp:pyright";

    private final ToDoubleFunction<LanserTerms> term;

    LanserSignal(String name, RewardKind kind, double defaultWeight, ToDoubleFunction<LanserTerms> term) {
        super(name, kind, DEFAULT_SOURCE, defaultWeight);
        this.term = term;
    }

    @Override
    public final String source(SignalParams params) {
        return params.string("source");
    }

    @Override
    public final Map<String, Object> defaultParams() {
        return Map.of("source", DEFAULT_SOURCE);
    }

    @Override
    public final Bound bind(SignalParams params) {
        params.string("source");
        return Bound.immediate(step -> step.current().flag(LanserTerms.MUTATION)
                ? OptionalDouble.of(term.applyAsDouble(LanserTerms.of(step.current())))
                : OptionalDouble.empty());
    }
}
