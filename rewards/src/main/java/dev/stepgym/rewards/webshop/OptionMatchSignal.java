package dev.stepgym.rewards.webshop;

/** {@code option_match}: r_type · M_opt / D, the goal options matched by a colour-normalised chosen value. */
public final class OptionMatchSignal extends PurchasePartSignal {
    public static final String NAME = "option_match";

    public OptionMatchSignal() {
        super(NAME, 1.0);
    }

    @Override
    double part(RewardBreakdown r) {
        return r.optionPart();
    }
}
