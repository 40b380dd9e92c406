package dev.stepgym.envs.shop;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Start;
import dev.stepgym.protocol.env.Transition;
import dev.stepgym.protocol.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShopEnvironmentTest {
    private static final String TASK = "shop-test-00017";

    /** An episode behind the reward layer with the default pipeline: it has the reward components. */
    private static Environment fresh(String task, boolean privileged) {
        Environment env = ShopFixture.rewarded().newEpisode();
        env.reset(ShopFixture.task(task, privileged));
        return env;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> goal(String task) {
        return (Map<String, Object>) ShopFixture.factory().newEpisode().reset(ShopFixture.task(task, true)).info().get("goal");
    }

    private static Transition step(Environment env, String action) {
        return env.step(Action.text(action));
    }

    private static double component(Transition t, String name) {
        return t.rewards().stream().filter(c -> c.name().equals(name)).mapToDouble(RewardComponent::value).sum();
    }

    @Test
    void isRegisteredThroughServiceLoaderWithItsSpec() {
        var provider = EnvironmentRegistry.discover().provider("shop-v1");
        assertEquals("text", provider.spec().actionFormat());
        assertEquals(15, provider.spec().maxSteps());
        assertEquals(List.of("search", "click"), provider.spec().tools().stream().map(t -> t.name()).toList());
        assertTrue(provider.spec().rewardComponents().containsAll(List.of("attribute_match", "option_match",
                "price_match", "type_match", "progress", "invalid_action")));
    }

    @Test
    void badSettingsAreRejectedClearly() {
        var provider = new ShopEnvironmentProvider();
        var e = assertThrows(IllegalArgumentException.class, () -> provider.open(Map.of("prodcts", "10")));
        assertTrue(e.getMessage().contains("prodcts") && e.getMessage().contains("products"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> provider.open(Map.of("products", "many")));
        assertThrows(IllegalArgumentException.class, () -> provider.open(Map.of("products", "0")));
        assertThrows(IllegalArgumentException.class, () -> provider.open(Map.of("webshop_products", "/nonexistent.json")));
    }

    @Test
    void splitsHaveWebShopSizesAndStableIds() {
        var factory = ShopFixture.factory();
        assertEquals(500, factory.tasks("test").size());
        assertEquals(1000, factory.tasks("dev").size());
        assertEquals(8500, factory.tasks("train").size());
        assertEquals("shop-test-00017", factory.tasks("test").get(17));
        var e = assertThrows(StepGymException.class, () -> factory.tasks("validation"));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
    }

    @Test
    void resetByTaskBySeedAndUnknownTask() {
        var env = ShopFixture.factory().newEpisode();
        Start start = env.reset(ShopFixture.task(TASK, false));
        assertEquals(TASK, start.info().get("task"));
        assertEquals("test", start.info().get("split"));
        assertFalse(start.info().containsKey("goal"));
        String instruction = (String) start.info().get("instruction");
        assertTrue(instruction.startsWith("i ") || instruction.startsWith("find"), instruction);
        Observation o = start.observation();
        assertEquals("search", o.data().get("page"));
        assertEquals(List.of("search[...]"), o.availableActions());
        assertTrue(o.text().contains(instruction));

        Start bySeed = env.reset(new ResetRequest(99, null, Map.of("split", "dev"), false));
        assertEquals("dev", bySeed.info().get("split"));
        assertEquals(bySeed.info(), ShopFixture.factory().newEpisode().reset(new ResetRequest(99, null, Map.of("split", "dev"), false)).info());
        assertEquals("train", env.reset(new ResetRequest(5, null, Map.of(), false)).info().get("split"));

        var e = assertThrows(StepGymException.class, () -> env.reset(ShopFixture.task("shop-test-99999", false)));
        assertEquals(ErrorCode.UNKNOWN_TASK, e.code());
        var split = assertThrows(StepGymException.class, () -> env.reset(new ResetRequest(1, null, Map.of("split", "nope"), false)));
        assertEquals(ErrorCode.BAD_REQUEST, split.code());
    }

    @Test
    void privilegedResetCarriesTheGoal() {
        Map<String, Object> goal = goal(TASK);
        assertTrue(((String) goal.get("asin")).startsWith("B0"));
        assertNotNull(goal.get("search_query"));
        assertTrue(goal.get("options") instanceof Map<?, ?>, "synthetic goals have dict options");
        assertFalse(((List<?>) goal.get("attributes")).isEmpty());
        assertTrue((double) goal.get("price_upper") > 0);
    }

    @SuppressWarnings("unchecked")
    @Test
    void theEnvironmentReportsEvidenceAndContextButNoComponents() {
        Map<String, Object> goal = goal(TASK);
        ShopEnvironment env = ShopFixture.factory().newEpisode();
        Start start = env.reset(ShopFixture.task(TASK, false));
        assertFalse(start.info().containsKey("goal"), "the goal is context for the reward layer, not info for the agent");
        Map<String, Object> target = (Map<String, Object>) start.context().get("goal");
        assertEquals(List.of("asin", "name", "nouns", "query", "product_category", "attributes", "options", "price_upper"),
                List.copyOf(target.keySet()));
        for (String key : List.of("asin", "options", "attributes", "price_upper")) {
            assertEquals(goal.get(key), target.get(key), key);
        }
        List<Map<String, Object>> evidence = new ArrayList<>();
        Transition t = step(env, "search[" + goal.get("search_query") + "]");
        assertEquals(List.of(), t.rewards());
        evidence.add(t.evidence());
        assertEquals(List.of("invalid_action", "page", "query", "results", "page_number", "selected", "bought"),
                List.copyOf(t.evidence().keySet()));
        assertEquals("results", t.evidence().get("page"));
        assertEquals(50, ((List<String>) t.evidence().get("results")).size());
        assertTrue(((List<String>) t.evidence().get("results")).contains((String) goal.get("asin")));

        t = step(env, "click[" + goal.get("asin") + "]");
        evidence.add(t.evidence());
        Map<String, Object> item = (Map<String, Object>) t.evidence().get("item");
        assertEquals("item", t.evidence().get("page"));
        assertEquals(goal.get("asin"), item.get("asin"));
        assertEquals(List.of("asin", "name", "nouns", "query", "product_category", "attributes", "bullet_points",
                "description", "price"), List.copyOf(item.keySet()));

        t = step(env, "click[nothing]");
        evidence.add(t.evidence());
        assertEquals(true, t.evidence().get("invalid_action"));
        assertEquals(item, t.evidence().get("item"), "an invalid step reports the unchanged state");
        assertEquals(List.of(), t.rewards());

        t = step(env, "click[buy now]");
        evidence.add(t.evidence());
        assertEquals(true, t.evidence().get("bought"));
        assertEquals("done", t.evidence().get("page"));
        assertEquals(false, evidence.get(1).get("bought"));
        for (Map<String, Object> e : evidence) {
            assertEquals(e, Json.read(Json.write(e), Map.class), "evidence survives JSON as it is");
        }
        assertEquals(start.context(), Json.read(Json.write(start.context()), Map.class));
    }

    @Test
    void theDefaultPipelineListsTodaysComponents() {
        var provider = new ShopEnvironmentProvider();
        assertEquals(ShopEnvironment.REWARD_COMPONENTS, provider.spec().rewardComponents());
        assertEquals(ShopEnvironment.REWARD_COMPONENTS, dev.stepgym.rewards.pipeline.RewardLayer.defaults().wrap(provider)
                .spec().rewardComponents());
    }

    @Test
    void stepBeforeResetIsAnApiError() {
        var e = assertThrows(StepGymException.class, () -> ShopFixture.factory().newEpisode().step(Action.text("search[x]")));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
    }

    @SuppressWarnings("unchecked")
    @Test
    void browsesResultPagesItemsAndSubPages() {
        Environment env = fresh(TASK, false);
        Transition t = step(env, "search[men's shirts cotton]");
        Map<String, Object> data = t.observation().data();
        assertEquals("results", data.get("page"));
        assertEquals(1, data.get("page_number"));
        assertEquals(50, data.get("total_results"));
        List<Map<String, Object>> results = (List<Map<String, Object>>) data.get("results");
        assertEquals(10, results.size());
        assertTrue(t.observation().availableActions().contains("click[next >]"));
        assertFalse(t.observation().availableActions().contains("click[< prev]"));

        t = step(env, "CLICK[Next >]"); // verb and target are case-insensitive
        assertEquals(2, t.observation().data().get("page_number"));
        assertNotEquals(results, t.observation().data().get("results"));
        t = step(env, "click[< prev]");
        assertEquals(results, t.observation().data().get("results"));

        String asin = (String) results.get(0).get("asin");
        t = step(env, "click[" + asin.toLowerCase() + "]");
        Map<String, Object> item = (Map<String, Object>) t.observation().data().get("item");
        assertEquals("item", t.observation().data().get("page"));
        assertEquals(asin, item.get("asin"));
        assertTrue(t.observation().availableActions().containsAll(List.of("click[buy now]", "click[description]",
                "click[features]", "click[< prev]", "click[back to search]")));

        t = step(env, "click[description]");
        assertEquals("description", t.observation().data().get("page"));
        t = step(env, "click[< prev]");
        assertEquals("item", t.observation().data().get("page"));
        t = step(env, "click[features]");
        assertEquals("features", t.observation().data().get("page"));
        t = step(env, "click[< prev]");
        t = step(env, "click[< prev]");
        assertEquals("results", t.observation().data().get("page"));
        assertEquals(results, t.observation().data().get("results"));
        t = step(env, "click[back to search]");
        assertEquals("search", t.observation().data().get("page"));
        assertEquals(List.of("search[...]"), t.observation().availableActions());
    }

    @SuppressWarnings("unchecked")
    @Test
    void optionsPersistAcrossItemsAndResetOnSearch() {
        Map<String, Object> goal = goal(TASK);
        Environment env = fresh(TASK, false);
        step(env, "search[" + goal.get("search_query") + "]");
        Transition t = step(env, "click[" + goal.get("asin") + "]");
        Map<String, Object> item = (Map<String, Object>) t.observation().data().get("item");
        Map<String, List<String>> options = (Map<String, List<String>>) item.get("options");
        if (options.isEmpty()) {
            return; // this task's product has no options; covered by other tasks in the oracle test
        }
        String name = options.keySet().iterator().next();
        String value = options.get(name).get(options.get(name).size() - 1);
        t = env.step(Action.tool("click", Map.of("target", value.toUpperCase())));
        assertNull(t.observation().lastActionError());
        assertEquals(Map.of(name, value), ((Map<String, Object>) t.observation().data().get("item")).get("selected"));
        step(env, "click[< prev]");
        t = step(env, "click[back to search]");
        assertEquals(Map.of(name, value), ((Map<String, Object>) env.state()).get("selected"), "kept until the next search");
        step(env, "search[anything]");
        assertEquals(Map.of(), ((Map<String, Object>) env.state()).get("selected"), "a search resets options");
    }

    @ParameterizedTest
    @ValueSource(strings = {"buy", "jump[high]", "search[]", "search[   ]", "click[next >]", "click[]", "[x]", "click[x", ""})
    void invalidActionsOnTheSearchPage(String action) {
        assertInvalid(fresh(TASK, false), Action.text(action));
    }

    @Test
    void invalidActionsElsewhere() {
        Environment env = fresh(TASK, false);
        step(env, "search[yoga mat]");
        assertInvalid(env, Action.text("search[shoes]"));                   // search only on the search page
        assertInvalid(env, Action.text("click[< prev]"));                    // page 1
        assertInvalid(env, Action.text("click[B000000000]"));                // not on this page
        assertInvalid(env, Action.text("click[buy now]"));                   // not on the results page
        assertInvalid(env, Action.tool("buy", Map.of()));                    // unknown tool
        assertInvalid(env, Action.tool("click", Map.of("query", "x")));      // wrong argument name
        assertInvalid(env, Action.tool("click", Map.of("target", 3)));       // not a string
        assertInvalid(env, Action.text("click[" + "x".repeat(600) + "]"));   // too long
        for (int i = 0; i < 4; i++) {
            step(env, "click[next >]");
        }
        assertInvalid(env, Action.text("click[next >]"));                    // last page
    }

    private static void assertInvalid(Environment env, Action action) {
        Object before = env.state();
        Transition t = env.step(action);
        assertNotNull(t.observation().lastActionError(), "no error for " + action.describe());
        assertFalse(t.terminated());
        RewardComponent penalty = t.rewards().stream().filter(c -> c.name().equals("invalid_action")).findFirst().orElseThrow();
        assertEquals(-1.0, penalty.value());
        assertEquals(0.1, penalty.weight());
        assertEquals(RewardKind.PENALTY, penalty.kind());
        assertEquals("env:shop", penalty.source());
        assertEquals(0.0, component(t, "progress"));
        assertEquals(before, env.state(), "state changed by an invalid action " + action.describe());
    }

    @SuppressWarnings("unchecked")
    @Test
    void buyingEndsTheEpisodeWithComponentsSummingToTheScore() {
        Environment env = fresh(TASK, false);
        assertEquals(Map.of(), env.outcome());
        Map<String, Object> goal = goal(TASK);
        step(env, "search[" + goal.get("search_query") + "]");
        step(env, "click[" + goal.get("asin") + "]");
        Transition t = step(env, "click[buy now]");
        assertTrue(t.terminated());
        assertEquals("done", t.observation().data().get("page"));
        assertTrue(t.observation().availableActions().isEmpty());
        double score = (double) t.info().get("score");
        double parts = component(t, "attribute_match") + component(t, "option_match") + component(t, "price_match");
        assertEquals(score, parts, 1e-12);
        Map<String, Object> webshop = (Map<String, Object>) t.info().get("webshop");
        assertEquals(1.0, webshop.get("r_type"));
        assertEquals(component(t, "type_match"), webshop.get("r_type"));
        assertEquals(0.0, t.rewards().stream().filter(c -> c.name().equals("type_match")).findFirst().orElseThrow().weight());
        Map<String, Object> outcome = env.outcome();
        assertEquals(goal.get("asin"), outcome.get("purchased"));
        assertEquals(score, outcome.get("score"));
        assertEquals(Map.of(), outcome.get("selected"));
        // no options chosen: the score misses exactly the option slots
        int options = ((Map<String, Object>) goal.get("options")).size();
        int attributes = ((List<?>) goal.get("attributes")).size();
        assertEquals((double) (attributes + 1) / (attributes + options + 1), score, 1e-12);

        Transition after = step(env, "search[again]");
        assertNotNull(after.observation().lastActionError());
        assertTrue(after.terminated());
        assertEquals(-1.0, component(after, "invalid_action"));
    }

    @Test
    void progressIsPotentialBasedAndTelescopesToZeroOverAFinishedEpisode() {
        Map<String, Object> goal = goal(TASK);
        Environment env = fresh(TASK, false);
        List<Double> progress = new ArrayList<>();
        Transition t = step(env, "search[" + goal.get("search_query") + "]");
        progress.add(component(t, "progress"));
        assertTrue(progress.get(0) > 0, "target on the results page raises the potential");
        t = step(env, "click[" + goal.get("asin") + "]");
        progress.add(component(t, "progress"));
        assertTrue(progress.get(1) > 0, "opening the target raises the potential");
        t = step(env, "click[< prev]");
        progress.add(component(t, "progress"));
        assertTrue(progress.get(2) < 0, "leaving the target lowers it");
        t = step(env, "click[" + goal.get("asin") + "]");
        progress.add(component(t, "progress"));
        t = step(env, "click[buy now]");
        progress.add(component(t, "progress"));
        assertEquals(0.0, progress.stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
        assertEquals(0.1, t.rewards().stream().filter(c -> c.name().equals("progress")).findFirst().orElseThrow().weight());
    }

    @Test
    void sameTaskAndActionsGiveSameObservationsAndStates() {
        List<String> actions = List.of("search[water bottle leak proof]", "click[next >]", "click[bogus]", "click[< prev]");
        List<String> first = run(actions);
        assertEquals(first, run(actions));
    }

    private static List<String> run(List<String> actions) {
        Environment env = ShopFixture.rewarded().newEpisode();
        List<String> trace = new ArrayList<>();
        trace.add(Json.canonical(env.reset(ShopFixture.task(TASK, true)).observation()));
        for (String a : actions) {
            Transition t = step(env, a);
            trace.add(Json.canonical(t.observation()) + Json.canonical(t.rewards()) + Json.sha256(env.state()));
        }
        return trace;
    }

    @Test
    void stateIsCanonicalWithoutAStepCounter() {
        Environment a = fresh(TASK, false);
        Environment b = fresh(TASK, false);
        step(a, "search[tripod]");
        step(a, "click[back to search]");
        step(b, "click[nothing]"); // invalid: no change
        assertEquals(a.state(), b.state());
        assertEquals(Json.sha256(a.state()), Json.sha256(b.state()));
    }

    @Test
    void forkIsIndependent() {
        Environment env = fresh(TASK, false);
        step(env, "search[scented candles]");
        Object before = env.state();
        Environment fork = env.fork();
        assertEquals(before, fork.state());
        step(fork, "click[next >]");
        assertEquals(before, env.state(), "the original did not move");
        assertNotEquals(before, fork.state());
        step(env, "click[back to search]");
        assertEquals(2, ((Map<?, ?>) fork.state()).get("page_number"), "the fork did not move either");
    }
}
