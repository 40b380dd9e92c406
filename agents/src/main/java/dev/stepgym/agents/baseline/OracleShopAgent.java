package dev.stepgym.agents.baseline;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.EpisodeStart;
import dev.stepgym.agents.Policy;

import java.util.Map;

/**
 * Solves {@code shop-v1} tasks from the privileged goal in the reset info ({@code info.goal}):
 * searches for the goal's query, finds the goal product (following up to five result pages),
 * chooses the goal's options and buys. If the product never shows up it buys the best-matching
 * result, so every episode ends. It asks for {@code "privileged": true} in its reset options; a
 * server that withholds the goal makes {@link #start} fail with a message saying so.
 */
public final class OracleShopAgent implements Agent {
    public static final String NAME = "oracle-shop";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Policy start(EpisodeStart start) {
        return new OracleShopPolicy(ShopGoal.fromInfo(start.info()));
    }

    @Override
    public Map<String, Object> resetOptions() {
        return Map.of("privileged", true);
    }
}
