package dev.stepgym.rewards.webshop;

/**
 * {@code type_match}: r_type ∈ {0, 0.1, 0.5, 1}, the type ladder (query, category, title nouns).
 * Weight 0 by default: it already scales the other three parts.
 */
public final class TypeMatchSignal extends PurchasePartSignal {
    public static final String NAME = "type_match";

    public TypeMatchSignal() {
        super(NAME, 0.0);
    }

    @Override
    double part(RewardBreakdown r) {
        return r.rType();
    }
}
