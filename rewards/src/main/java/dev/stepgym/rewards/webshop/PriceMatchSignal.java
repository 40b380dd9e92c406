package dev.stepgym.rewards.webshop;

/** {@code price_match}: r_type · [price ≤ price_upper] / D, the price slot. */
public final class PriceMatchSignal extends PurchasePartSignal {
    public static final String NAME = "price_match";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    double part(RewardBreakdown r) {
        return r.pricePart();
    }
}
