package dev.stepgym.rewards.webshop;

/** {@code price_match}: r_type · [price ≤ price_upper] / D, the price slot. */
public final class PriceMatchSignal extends PurchasePartSignal {
    public static final String NAME = "price_match";

    public PriceMatchSignal() {
        super(NAME, 1.0);
    }

    @Override
    double part(RewardBreakdown r) {
        return r.pricePart();
    }
}
