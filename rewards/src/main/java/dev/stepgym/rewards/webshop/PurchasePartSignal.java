package dev.stepgym.rewards.webshop;

import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.signal.DeclaredSignal;
import dev.stepgym.rewards.signal.SignalParams;
import dev.stepgym.rewards.signal.StepScope;

import java.util.OptionalDouble;

/**
 * One part of WebShop's purchase reward, on the step that buys ({@code bought: true}) and no other:
 * the purchased {@code item} and the {@code selected} options of that step, scored against the
 * context's {@code goal}. The four parts' values sum to WebShop's score (type_match is the ladder
 * factor, weight 0 by default so the weighted sum is the score).
 */
public abstract sealed class PurchasePartSignal extends DeclaredSignal
        permits AttributeMatchSignal, OptionMatchSignal, PriceMatchSignal, TypeMatchSignal {
    /** The source every shop component has carried. */
    public static final String SOURCE = "env:shop";

    PurchasePartSignal(String name, double defaultWeight) {
        super(name, RewardKind.OUTCOME, SOURCE, defaultWeight);
    }

    @Override
    public Bound bind(SignalParams params) {
        return Bound.immediate(this::score);
    }

    private OptionalDouble score(StepScope step) {
        if (!step.current().flag(WebShopEvidence.BOUGHT)) {
            return OptionalDouble.empty();
        }
        RewardBreakdown r = ScoreMemo.score(WebShopEvidence.item(step.current()), WebShopEvidence.chosen(step.current()),
                WebShopEvidence.goal(step.context(), name()));
        return OptionalDouble.of(part(r));
    }

    /** This signal's part of the breakdown. */
    abstract double part(RewardBreakdown r);
}
