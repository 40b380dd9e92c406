package dev.stepgym.rewards.webshop;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebShopRewardTest {
    static final String SHIRTS = "Clothing \u203A Men \u203A Shirts";
    private static final double EPS = 1e-12;

    static PurchasedItem shirt(String query, String breadcrumb, List<String> nouns, double price) {
        return new PurchasedItem("B000000001", "Kavo Classic Cotton Polo Shirt for Men", nouns, query, breadcrumb,
                List.of("machine washable", "short sleeve", "slim fit"),
                List.of("Soft and breathable.", "Button closure."), "A polo shirt for everyday wear.", price);
    }

    static final List<String> NOUNS = List.of("kavo", "cotton", "polo", "shirt", "men");

    static WebShopGoal goal(List<String> attributes, GoalOptions options, double priceUpper, List<String> nouns) {
        return new WebShopGoal("B000000001", "Kavo Classic Cotton Polo Shirt for Men", nouns, "men's shirts", SHIRTS,
                attributes, options, priceUpper);
    }

    static GoalOptions dict(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new GoalOptions.Named(m);
    }

    @Test
    void dictGoalScoresSizeAsPairSoXLargeDoesNotMatchLarge() {
        // attributes: "machine wash" fuzzy-matches "machine washable" (86); "long sleeve" vs "short sleeve" is 71
        // and is nowhere in the text. options: black matches; x-large vs ('size','large') is 83. price ok.
        WebShopGoal goal = goal(List.of("machine wash", "long sleeve"), dict("color", "black", "size", "large"), 40, NOUNS);
        RewardBreakdown r = WebShopReward.score(shirt("men's shirts", SHIRTS, NOUNS, 25.99),
                List.of("black", "x-large"), goal);
        assertEquals(1, r.attributeMatches());
        assertEquals(1, r.optionMatches());
        assertTrue(r.priceOk());
        assertEquals(5, r.denominator());
        assertEquals(1.0, r.rType());
        assertEquals(0.6, r.total(), EPS);
        assertEquals(r.total(), r.attributePart() + r.optionPart() + r.pricePart(), EPS);
        assertEquals(0.2, r.attributePart(), EPS);
    }

    @Test
    void listGoalScoresPlainValuesSoXLargeMatchesLarge() {
        WebShopGoal goal = goal(List.of("machine wash", "long sleeve"), new GoalOptions.Values(List.of("black", "large")), 40, NOUNS);
        RewardBreakdown r = WebShopReward.score(shirt("men's shirts", SHIRTS, NOUNS, 25.99),
                List.of("black", "x-large"), goal);
        assertEquals(2, r.optionMatches());
        assertEquals(0.8, r.total(), EPS);
    }

    @Test
    void colourNormalisationLetsNavyBlueMatchABlueGoalAndOneValueCoverSeveralGoals() {
        WebShopGoal goal = goal(List.of("slim fit"), new GoalOptions.Values(List.of("blue", "navy")), 40, NOUNS);
        // chosen "navy blue" -> "blue"; goals "blue" -> "blue", "navy" -> "navy": only the first matches
        RewardBreakdown r = WebShopReward.score(shirt("men's shirts", SHIRTS, NOUNS, 10), List.of("navy blue"), goal);
        assertEquals(1, r.optionMatches());
        // a dict goal ('color','navy blue') stays a pair whose tokens include "blue": chosen "navy blue" matches
        WebShopGoal dictGoal = goal(List.of("slim fit"), dict("color", "navy blue"), 40, NOUNS);
        assertEquals(1, WebShopReward.score(shirt("men's shirts", SHIRTS, NOUNS, 10), List.of("navy blue"), dictGoal).optionMatches());
        // no option chosen: no option match
        assertEquals(0, WebShopReward.score(shirt("men's shirts", SHIRTS, NOUNS, 10), List.of(), dictGoal).optionMatches());
    }

    @Test
    void attributeTextFallbackIsCaseSensitiveOnTheGoalSide() {
        WebShopGoal lower = goal(List.of("cotton", "everyday wear"), dict(), 40, NOUNS);
        RewardBreakdown r = WebShopReward.score(shirt("men's shirts", SHIRTS, NOUNS, 10), List.of(), lower);
        assertEquals(2, r.attributeMatches()); // "cotton" in the title, "everyday wear" in the description
        WebShopGoal upper = goal(List.of("Cotton"), dict(), 40, NOUNS);
        assertEquals(0, WebShopReward.score(shirt("men's shirts", SHIRTS, NOUNS, 10), List.of(), upper).attributeMatches());
    }

    @Test
    void priceSlotIsInclusiveAndAlwaysInTheDenominator() {
        WebShopGoal goal = goal(List.of("slim fit"), dict(), 30, NOUNS);
        RewardBreakdown equal = WebShopReward.score(shirt("men's shirts", SHIRTS, NOUNS, 30), List.of(), goal);
        assertTrue(equal.priceOk());
        assertEquals(1.0, equal.total(), EPS); // (1 + 0 + 1) / (1 + 0 + 1)
        RewardBreakdown above = WebShopReward.score(shirt("men's shirts", SHIRTS, NOUNS, 30.01), List.of(), goal);
        assertFalse(above.priceOk());
        assertEquals(0.5, above.total(), EPS);
        assertFalse(above.info().containsKey("r_option"), "no goal options: no r_option/w_option");
        assertEquals(false, above.info().get("r_price"));
        assertEquals(0.5, (double) above.info().get("w_price"), EPS);
    }

    @Test
    void typeLadder() {
        WebShopGoal goal = goal(List.of("slim fit"), dict(), 40, NOUNS);
        // other query, one shared level, 1 of 5 nouns (0.2, not > 0.2): 0.5
        RewardBreakdown half = WebShopReward.score(shirt("dresses", "Clothing \u203A Women \u203A Dresses",
                List.of("acme", "dress", "shirt"), 10), List.of(), goal);
        assertEquals(0.2, half.titleScore(), EPS);
        assertFalse(half.queryMatch());
        assertFalse(half.categoryMatch());
        assertEquals(0.5, half.rType());
        assertEquals(0.5, half.total(), EPS);
        // two shared levels: category match lifts it to 1
        RewardBreakdown category = WebShopReward.score(shirt("polos", "Clothing \u203A Men \u203A Polos",
                List.of("acme", "shirt"), 10), List.of(), goal);
        assertTrue(category.categoryMatch());
        assertEquals(1.0, category.rType());
        // no shared noun: 0 even though query and category match
        RewardBreakdown zero = WebShopReward.score(shirt("men's shirts", SHIRTS, List.of("acme", "tee"), 10), List.of(), goal);
        assertTrue(zero.queryMatch());
        assertEquals(0.0, zero.rType());
        assertEquals(0.0, zero.total());
        // 1 of 11 goal nouns (< 0.1): 0.1
        List<String> many = List.of("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10", "shirt");
        RewardBreakdown tenth = WebShopReward.score(shirt("men's shirts", SHIRTS, List.of("shirt"), 10), List.of(),
                goal(List.of("slim fit"), dict(), 40, many));
        assertEquals(0.1, tenth.rType());
        // goal without nouns: 0.2, so r_type 1 with a query match
        RewardBreakdown noNouns = WebShopReward.score(shirt("men's shirts", SHIRTS, NOUNS, 10), List.of(),
                goal(List.of("slim fit"), dict(), 40, List.of()));
        assertEquals(0.2, noNouns.titleScore(), EPS);
        assertEquals(1.0, noNouns.rType());
        // repeated goal nouns: set over list, below 1 for identical names
        List<String> repeated = List.of("shirt", "shirt", "men");
        assertEquals(2.0 / 3, WebShopReward.score(shirt("men's shirts", SHIRTS, repeated, 10), List.of(),
                goal(List.of("slim fit"), dict(), 40, repeated)).titleScore(), EPS);
    }

    @Test
    void breadcrumbLevelsAreStrippedAsPythonStripsThem() {
        // Python's str.strip() also removes U+00A0 (no-break space) and U+2007 (figure space), which
        // Java's String.strip() keeps: "Clothing\u00A0" and "Men\u2007" are the levels Clothing and Men.
        assertEquals(Set.of("Clothing", "Men", "Shirts"), WebShopReward.levels("Clothing\u00A0\u203A\u2007Men\u2007\u203A Shirts"));
        assertEquals(3, WebShopReward.sharedLevels("Clothing\u00A0\u203A\u2007Men\u2007\u203A Shirts", SHIRTS));
        assertTrue(WebShopReward.score(shirt("other", "Clothing\u00A0\u203A Men\u2007\u203A Polos", NOUNS, 10), List.of(),
                goal(List.of("slim fit"), dict(), 40, NOUNS)).categoryMatch());
    }

    @Test
    void breadcrumbWithoutSeparatorNeverMatchesCategory() {
        assertEquals(1, WebShopReward.sharedLevels("Shirts", "Shirts"));
        assertEquals(2, WebShopReward.sharedLevels("A \u203A B \u203A C", " B\u203AA "));
    }
}
