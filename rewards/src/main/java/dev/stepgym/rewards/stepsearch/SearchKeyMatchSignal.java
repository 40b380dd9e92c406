package dev.stepgym.rewards.stepsearch;

import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.signal.DeclaredSignal;
import dev.stepgym.rewards.signal.SignalParams;

import java.util.OptionalDouble;

/**
 * {@code search_key_match}: StepSearch's search-key score ({@link SearchKeyMatch}) of the episode's
 * queries (the {@code query} of every step so far) against {@code context.search_keys}, on the
 * answer step ({@code answer}); 0 when the format gate failed ({@code format_valid: false}). Its
 * default weight is StepSearch's {@code search_keys_score}, {@link StepSearchOutcome#SEARCH_KEY_WEIGHT}.
 */
public final class SearchKeyMatchSignal extends DeclaredSignal {
    public static final String NAME = "search_key_match";
    public static final String SOURCE = "stepsearch:search_keys";

    public SearchKeyMatchSignal() {
        super(NAME, RewardKind.OUTCOME, SOURCE, StepSearchOutcome.SEARCH_KEY_WEIGHT);
    }

    @Override
    public Bound bind(SignalParams params) {
        return Bound.immediate(step -> StepSearchEvidence.answers(step)
                ? OptionalDouble.of(StepSearchEvidence.outcome(NAME, step, true).searchKeyScore())
                : OptionalDouble.empty());
    }
}
