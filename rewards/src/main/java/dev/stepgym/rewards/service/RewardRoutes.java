package dev.stepgym.rewards.service;

import dev.stepgym.protocol.server.JsonRoute;
import java.util.List;

/** The reward service's routes, for the composition root to add to a server. */
public final class RewardRoutes {
    private RewardRoutes() {}

    /** {@code POST /v1/rewards/score} and {@code POST /v1/rewards/transform}. */
    public static List<JsonRoute> all() {
        return List.of(new JsonRoute("rewards/score", RewardScoring::score),
                new JsonRoute("rewards/transform", RewardTransforming::transform));
    }
}
