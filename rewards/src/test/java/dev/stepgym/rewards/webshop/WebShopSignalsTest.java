package dev.stepgym.rewards.webshop;

import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.rewards.pipeline.EpisodeRewards;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.pipeline.RewardPipeline;
import dev.stepgym.rewards.signal.MissingEvidenceException;
import dev.stepgym.rewards.signal.Signals;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static dev.stepgym.rewards.webshop.WebShopRewardTest.NOUNS;
import static dev.stepgym.rewards.webshop.WebShopRewardTest.SHIRTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The WebShop signals over hand-built evidence, through a pipeline as an episode would use them. */
class WebShopSignalsTest {
    private static final double EPS = 1e-12;
    private static final String ALL = "{\"signals\":[{\"name\":\"attribute_match\"},{\"name\":\"option_match\"},"
            + "{\"name\":\"price_match\"},{\"name\":\"type_match\"},{\"name\":\"progress\"},"
            + "{\"name\":\"invalid_action\",\"params\":{\"source\":\"env:shop\"}}]}";

    /** machine wash matches (86), long sleeve does not; black matches, x-large vs ('size','large') is 83; D = 5. */
    private static Map<String, Object> context() {
        WebShopGoal goal = WebShopRewardTest.goal(List.of("machine wash", "long sleeve"),
                WebShopRewardTest.dict("color", "black", "size", "large"), 40, NOUNS);
        return Map.of(WebShopEvidence.GOAL, WebShopEvidence.goal(goal));
    }

    private static Map<String, Object> step(String page, boolean invalid, Map<String, String> selected) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("invalid_action", invalid);
        e.put(WebShopEvidence.PAGE, page);
        if (page.equals(WebShopEvidence.RESULTS_PAGE)) {
            e.put(WebShopEvidence.RESULTS, List.of("B0OTHER001", "B0OTHER002", "B000000001"));
        }
        if (List.of("item", "description", "features", "done").contains(page)) {
            e.put(WebShopEvidence.ITEM, WebShopEvidence.item(WebShopRewardTest.shirt("men's shirts", SHIRTS, NOUNS, 25.99)));
        }
        e.put(WebShopEvidence.SELECTED, selected);
        e.put(WebShopEvidence.BOUGHT, page.equals(WebShopEvidence.DONE_PAGE));
        return e;
    }

    private static EpisodeRewards episode(Map<String, Object> context) {
        return RewardPipeline.of(PipelineConfig.parseJson(ALL, "pipeline")).episode(context);
    }

    @Test
    void everySignalIsFoundByName() {
        for (String name : List.of("attribute_match", "option_match", "price_match", "type_match", "progress")) {
            assertEquals(name, Signals.byName(name).name());
        }
        assertEquals(0.0, Signals.byName("type_match").defaultWeight());
        assertEquals(0.1, Signals.byName("progress").defaultWeight());
    }

    @Test
    void progressIsTheChangeOfPotentialAndThePurchasePaysItsParts() {
        EpisodeRewards rewards = episode(context());
        Map<String, String> none = Map.of();
        Map<String, String> black = Map.of("color", "black");
        // results page, target at rank 2: 0.3 (1 − 2/50) = 0.288
        assertEquals(List.of(progress(0.288)), round(rewards.score(step("results", false, none)).join()));
        // item page, nothing chosen: (1 attribute + 0 options + price) / 5 = 0.4
        assertEquals(List.of(progress(0.112)), round(rewards.score(step("item", false, none)).join()));
        // an invalid action: progress 0, and the penalty
        assertEquals(List.of(progress(0), new RewardComponent("invalid_action", -1, 0.1, "env:shop", RewardKind.PENALTY)),
                round(rewards.score(step("item", true, none)).join()));
        // black chosen: 3/5
        assertEquals(List.of(progress(0.2)), round(rewards.score(step("item", false, black)).join()));
        // the description page shows the same item: no change
        assertEquals(List.of(progress(0)), round(rewards.score(step("description", false, black)).join()));
        // the purchase: 0.2 per matched part, r_type 1 (weight 0), Φ back to 0
        List<RewardComponent> buy = round(rewards.score(step("done", false, black)).join());
        assertEquals(List.of(outcome("attribute_match", 0.2, 1), outcome("option_match", 0.2, 1),
                outcome("price_match", 0.2, 1), outcome("type_match", 1.0, 0), progress(-0.6)), buy);
    }

    @Test
    void theFirstStepCountsFromTheSearchPageAndTheContextSurvivesJson() {
        Map<String, Object> context = roundTrip(context());
        EpisodeRewards rewards = episode(context);
        assertEquals(0.4, rewards.score(roundTrip(step("item", false, Map.of()))).join().get(0).value(), EPS);
        assertEquals(-0.4, rewards.score(roundTrip(step("search", false, Map.of()))).join().get(0).value(), EPS);
        assertEquals(0.0, rewards.score(roundTrip(step("search", false, Map.of()))).join().get(0).value());
    }

    @Test
    void listGoalsScorePlainValues() {
        WebShopGoal goal = WebShopRewardTest.goal(List.of("slim fit"), new GoalOptions.Values(List.of("large")), 20, NOUNS);
        EpisodeRewards rewards = episode(roundTrip(Map.of(WebShopEvidence.GOAL, WebShopEvidence.goal(goal))));
        // slim fit matches, x-large covers "large", 25.99 > 20: (1 + 1 + 0) / 3
        List<RewardComponent> buy = rewards.score(step("done", false, Map.of("size", "x-large"))).join();
        assertEquals(1.0 / 3, buy.get(0).value(), EPS);
        assertEquals(1.0 / 3, buy.get(1).value(), EPS);
        assertEquals(0.0, buy.get(2).value());
    }

    @Test
    void missingEvidenceNamesTheSignalAndTheField() {
        Map<String, Object> noItem = step("item", false, Map.of());
        noItem.remove(WebShopEvidence.ITEM);
        MissingEvidenceException e = missing(episode(context()), noItem);
        assertEquals("progress", e.signal());
        assertEquals("item", e.field());

        MissingEvidenceException noGoal = missing(episode(Map.of()), step("done", false, Map.of()));
        assertEquals("attribute_match", noGoal.signal());
        assertEquals("goal", noGoal.field());

        Map<String, Object> noPrice = step("done", false, Map.of());
        ((Map<?, ?>) noPrice.put(WebShopEvidence.ITEM, new LinkedHashMap<>((Map<?, ?>) noPrice.get(WebShopEvidence.ITEM))))
                .size();
        ((Map<?, ?>) noPrice.get(WebShopEvidence.ITEM)).remove("price");
        MissingEvidenceException price = missing(episode(context()), noPrice);
        assertEquals("attribute_match", price.signal());
        assertEquals("price", price.field());
        assertTrue(price.getMessage().contains("evidence.item field \"price\""), price.getMessage());

        Map<String, Object> badPage = step("cart", false, Map.of());
        MissingEvidenceException page = missing(episode(context()), badPage);
        assertEquals("progress", page.signal());
        assertEquals("page", page.field());
    }

    @Test
    void progressParametersAreChecked() {
        String json = "{\"signals\":[{\"name\":\"progress\",\"params\":{\"results_weight\":0.5,\"results_depth\":10}}]}";
        EpisodeRewards rewards = RewardPipeline.of(PipelineConfig.parseJson(json, "p")).episode(context());
        assertEquals(0.5 * (1 - 2 / 10.0), rewards.score(step("results", false, Map.of())).join().get(0).value(), EPS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RewardPipeline.of(PipelineConfig.parseJson(
                "{\"signals\":[{\"name\":\"progress\",\"params\":{\"results_depth\":0}}]}", "p")));
        assertTrue(e.getMessage().contains("results_depth"), e.getMessage());
    }

    private static MissingEvidenceException missing(EpisodeRewards rewards, Map<String, Object> evidence) {
        CompletionException e = assertThrows(CompletionException.class, () -> rewards.score(evidence).join());
        return (MissingEvidenceException) e.getCause();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> roundTrip(Map<String, Object> value) {
        return Json.read(Json.write(value), Map.class);
    }

    private static RewardComponent progress(double value) {
        return new RewardComponent("progress", value, 0.1, "env:shop", RewardKind.SHAPING);
    }

    private static RewardComponent outcome(String name, double value, double weight) {
        return new RewardComponent(name, value, weight, "env:shop", RewardKind.OUTCOME);
    }

    /** Components with values rounded to 12 places, to compare with hand-computed decimals. */
    private static List<RewardComponent> round(List<RewardComponent> components) {
        return components.stream().map(c -> new RewardComponent(c.name(), Math.round(c.value() * 1e12) / 1e12, c.weight(),
                c.source(), c.kind())).toList();
    }
}
