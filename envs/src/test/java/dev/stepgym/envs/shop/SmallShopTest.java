package dev.stepgym.envs.shop;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Transition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings on small catalogs: proportional splits, seed determinism across factories. */
class SmallShopTest {

    @Test
    void smallCatalogsSplitProportionally() {
        try (var factory = new ShopEnvironmentProvider().open(Map.of("products", "30"))) {
            assertEquals(3, factory.tasks("test").size());
            assertEquals(6, factory.tasks("dev").size());
            assertEquals(21, factory.tasks("train").size());
            assertEquals(30, factory.store().catalog().size());
        }
    }

    @Test
    void sameSeedSameEpisodesAcrossFactoriesOtherSeedOtherTasks() {
        List<Object> a = episode(Map.of("products", "300", "catalog_seed", "7"));
        assertEquals(a, episode(Map.of("products", "300", "catalog_seed", "7")));
        assertNotEquals(a, episode(Map.of("products", "300", "catalog_seed", "8")));
    }

    private static List<Object> episode(Map<String, String> settings) {
        try (var factory = new ShopEnvironmentProvider().open(settings)) {
            ShopEnvironment env = factory.newEpisode();
            var start = env.reset(new ResetRequest(3, null, Map.of("split", "test"), true));
            Transition t = env.step(Action.text("search[" + ((Map<?, ?>) start.info().get("goal")).get("search_query") + "]"));
            assertTrue(t.observation().data().get("total_results") instanceof Integer n && n > 0);
            return List.of(start.info(), start.observation(), t.observation(), env.state());
        }
    }
}
