package dev.stepgym.rewards.webshop;

/** {@code attribute_match}: r_type · M_att / D, the goal attributes matched (fuzzy > 85 or the text fallback). */
public final class AttributeMatchSignal extends PurchasePartSignal {
    public static final String NAME = "attribute_match";

    public AttributeMatchSignal() {
        super(NAME, 1.0);
    }

    @Override
    double part(RewardBreakdown r) {
        return r.attributePart();
    }
}
