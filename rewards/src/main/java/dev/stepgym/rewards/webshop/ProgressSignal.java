package dev.stepgym.rewards.webshop;

import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.signal.DeclaredSignal;
import dev.stepgym.rewards.signal.Evidence;
import dev.stepgym.rewards.signal.MissingEvidenceException;
import dev.stepgym.rewards.signal.SignalParams;
import dev.stepgym.rewards.signal.StepScope;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code progress}: potential-based shaping Φ(s_t) − Φ(s_{t−1}) (Ng, Harada &amp; Russell 1999) with
 * the {@link ProgressPotential shop potential}, on every step; 0 on a step whose action was
 * invalid (the state did not change). Φ(s_{t−1}) is recomputed from the previous step's evidence
 * (every step, invalid ones included, reports the whole state), and is 0 before the first step
 * (the search page); the memoised WebShop score keeps that from costing a second fuzzy scoring.
 *
 * <p>Parameters: {@code results_weight} (0.3), Φ of a results page that ranks the target first, and
 * {@code results_depth} (50), the rank at which a results page is worth 0.
 */
public final class ProgressSignal extends DeclaredSignal {
    public static final String NAME = "progress";

    public ProgressSignal() {
        super(NAME, RewardKind.SHAPING, PurchasePartSignal.SOURCE, 0.1);
    }

    /** In a fixed order (Map.of iterates in a per-JVM order). */
    private static final Map<String, Object> DEFAULTS;

    static {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("results_weight", ProgressPotential.RESULTS_WEIGHT);
        defaults.put("results_depth", ProgressPotential.RESULTS_DEPTH);
        DEFAULTS = Collections.unmodifiableMap(defaults);
    }

    @Override
    public Map<String, Object> defaultParams() {
        return DEFAULTS;
    }

    @Override
    public Bound bind(SignalParams params) {
        double weight = params.number("results_weight");
        double depth = params.number("results_depth");
        if (!(depth > 0)) {
            throw new IllegalArgumentException("signal " + NAME + ": parameter \"results_depth\" must be positive, got " + depth);
        }
        return Bound.immediate(step -> OptionalDouble.of(delta(step, weight, depth)));
    }

    private static double delta(StepScope step, double weight, double depth) {
        if (step.current().flag("invalid_action")) {
            return 0.0;
        }
        WebShopGoal goal = WebShopEvidence.goal(step.context(), NAME);
        List<Evidence> previous = step.previous();
        double before = previous.isEmpty() ? 0 : potential(previous.get(previous.size() - 1), goal, weight, depth);
        return potential(step.current(), goal, weight, depth) - before;
    }

    /** Φ of the state a step's evidence reports. */
    static double potential(Evidence step, WebShopGoal goal, double weight, double depth) {
        String page = step.string(WebShopEvidence.PAGE);
        return switch (page) {
            case WebShopEvidence.SEARCH_PAGE, WebShopEvidence.DONE_PAGE -> 0;
            case WebShopEvidence.RESULTS_PAGE ->
                    ProgressPotential.onResults(step.strings(WebShopEvidence.RESULTS), goal.asin(), weight, depth);
            case WebShopEvidence.ITEM_PAGE, WebShopEvidence.DESCRIPTION_PAGE, WebShopEvidence.FEATURES_PAGE ->
                    ScoreMemo.score(WebShopEvidence.item(step), WebShopEvidence.chosen(step), goal).total();
            default -> throw new MissingEvidenceException(NAME, WebShopEvidence.PAGE,
                    "evidence field \"page\" must be one of search, results, item, description, features, done; got " + page);
        };
    }
}
