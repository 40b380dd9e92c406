package dev.stepgym.agents.baseline;

import dev.stepgym.agents.EpisodeStart;
import dev.stepgym.agents.Policy;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.Observation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The oracle's decisions on hand-written shop observations (the real shop runs in the scenarios module). */
class OracleShopAgentTest {
    private static final Map<String, Object> GOAL = Map.of(
            "asin", "B0TARGET",
            "search_query", "waterproof hiking boots",
            "options", Map.of("color", "brown", "size", "10"),
            "attributes", List.of("waterproof", "leather"),
            "price_upper", 80.0);

    private static Policy start(Map<String, Object> goal) {
        Observation first = page("search", List.of("search[...]"), Map.of());
        return new OracleShopAgent().start(new EpisodeStart("e1", null, first, Map.of("goal", goal), 1L));
    }

    private static Observation page(String name, List<String> actions, Map<String, Object> extra) {
        Map<String, Object> data = new java.util.LinkedHashMap<>(extra);
        data.put("page", name);
        return new Observation(name + " page", actions, data, null);
    }

    private static Map<String, Object> result(String asin, String title, double price) {
        return Map.of("asin", asin, "title", title, "price", price);
    }

    private static Observation results(List<Map<String, Object>> results, boolean hasNext, boolean hasPrev) {
        List<String> actions = new ArrayList<>(List.of("click[back to search]"));
        if (hasPrev) {
            actions.add("click[< prev]");
        }
        if (hasNext) {
            actions.add("click[next >]");
        }
        results.forEach(r -> actions.add("click[" + r.get("asin") + "]"));
        return page("results", actions, Map.of("results", results));
    }

    @Test
    void searchesFindsTheTargetChoosesOptionsAndBuys() {
        Policy policy = start(GOAL);
        assertEquals(Action.text("search[waterproof hiking boots]"), policy.next(page("search", List.of("search[...]"), Map.of())));
        assertEquals(Action.text("click[B0TARGET]"), policy.next(results(List.of(
                result("B0OTHER", "trail shoe", 50), result("B0TARGET", "waterproof leather hiking boot", 70)), true, false)));

        Observation item = page("item", List.of("click[brown]", "click[black]", "click[9]", "click[10]", "click[buy now]",
                        "click[description]", "click[< prev]"),
                Map.of("item", Map.of("asin", "B0TARGET", "options", Map.of("color", List.of("black", "brown"), "size", List.of("9", "10")))));
        List<Action> onItem = List.of(policy.next(item), policy.next(item), policy.next(item));
        assertEquals(2, onItem.stream().filter(a -> a.equals(Action.text("click[brown]")) || a.equals(Action.text("click[10]"))).distinct().count(),
                "both goal options are clicked once: " + onItem);
        assertEquals(Action.text("click[buy now]"), onItem.get(2));
    }

    @Test
    void followsNextPagesUntilTheTargetShowsUp() {
        Policy policy = start(GOAL);
        policy.next(page("search", List.of("search[...]"), Map.of()));
        assertEquals(Action.text("click[next >]"), policy.next(results(List.of(result("B01", "sandal", 20)), true, false)));
        assertEquals(Action.text("click[next >]"), policy.next(results(List.of(result("B02", "slipper", 20)), true, true)));
        assertEquals(Action.text("click[B0TARGET]"), policy.next(results(List.of(result("B0TARGET", "boot", 60)), true, true)));
    }

    @Test
    void givesUpAfterFiveNextPagesAndGoesBackToBuyTheBestMatch() {
        Policy policy = start(GOAL);
        policy.next(page("search", List.of("search[...]"), Map.of()));
        // page 1 holds the best substitute: waterproof leather hiking boots within the price limit
        assertEquals(Action.text("click[next >]"), policy.next(results(List.of(
                result("B0BEST", "waterproof leather hiking boots", 75), result("B0MEH", "hiking sock", 5)), true, false)));
        for (int page = 2; page <= 5; page++) {
            assertEquals(Action.text("click[next >]"), policy.next(results(List.of(result("B" + page, "garden hose", 30)), true, true)));
        }
        // page 6: the next-page budget is spent, so walk back to page 1
        Observation far = results(List.of(result("B6", "hiking hat", 30)), true, true);
        for (int back = 6; back > 1; back--) {
            assertEquals(Action.text("click[< prev]"), policy.next(far), "at page " + back);
        }
        assertEquals(Action.text("click[B0BEST]"), policy.next(results(List.of(
                result("B0BEST", "waterproof leather hiking boots", 75), result("B0MEH", "hiking sock", 5)), true, false)));
    }

    @Test
    void buysTheBestResultOnTheOnlyPageWhenTheTargetIsMissing() {
        Policy policy = start(GOAL);
        policy.next(page("search", List.of("search[...]"), Map.of()));
        Action action = policy.next(results(List.of(
                result("B0PRICEY", "waterproof leather hiking boots", 300),
                result("B0GOOD", "waterproof leather hiking boots", 60),
                result("B0SOCK", "sock", 3)), false, false));
        assertEquals(Action.text("click[B0GOOD]"), action, "over the price limit loses the tie");
    }

    @Test
    void optionsMayComeAsAListAndAnItemMayLackSomeOfThem() {
        Map<String, Object> goal = new java.util.HashMap<>(GOAL);
        goal.put("options", List.of("Brown", "XXL"));
        Policy policy = start(goal);
        Observation item = page("item", List.of("click[brown]", "click[buy now]"),
                Map.of("item", Map.of("options", Map.of("color", List.of("brown", "black")))));
        assertEquals(Action.text("click[brown]"), policy.next(item));
        assertEquals(Action.text("click[buy now]"), policy.next(item), "XXL is not offered: buy without it");
    }

    @Test
    void goesBackFromDescriptionPages() {
        Policy policy = start(GOAL);
        assertEquals(Action.text("click[< prev]"), policy.next(page("description", List.of("click[< prev]"), Map.of())));
        assertEquals(Action.text("click[< prev]"), policy.next(page("features", List.of("click[< prev]"), Map.of())));
    }

    @Test
    void searchesWithABroaderQueryWhenNothingWasFound() {
        Policy policy = start(GOAL);
        assertEquals(Action.text("search[waterproof hiking boots]"), policy.next(page("search", List.of("search[...]"), Map.of())));
        assertEquals(Action.text("click[back to search]"), policy.next(results(List.of(), false, false)));
        assertEquals(Action.text("search[waterproof]"), policy.next(page("search", List.of("search[...]"), Map.of())));
        assertEquals("waterproof hiking", OracleShopPolicy.broadened("waterproof hiking boots extra", 1));
    }

    @Test
    void usesTheEnvironmentsSpellingOfAnAction() {
        Policy policy = start(GOAL);
        policy.next(page("search", List.of("search[...]"), Map.of()));
        Observation lower = page("results", List.of("click[b0target]"), Map.of("results", List.of(result("b0target", "boot", 60))));
        assertEquals(Action.text("click[b0target]"), policy.next(lower));
    }

    @Test
    void missingGoalIsAClearError() {
        OracleShopAgent agent = new OracleShopAgent();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> agent.start(
                new EpisodeStart("e", null, Observation.of("search page", List.of()), Map.of("task", "t1"), 1L)));
        assertTrue(e.getMessage().contains("privileged"), e.getMessage());
        assertEquals(Map.of("privileged", true), agent.resetOptions());
        assertThrows(IllegalStateException.class, () -> ShopGoal.fromInfo(Map.of("goal", Map.of("asin", "B1"))));
    }
}
