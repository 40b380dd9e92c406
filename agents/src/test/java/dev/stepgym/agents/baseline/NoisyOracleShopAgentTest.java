package dev.stepgym.agents.baseline;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.Agents;
import dev.stepgym.agents.EpisodeStart;
import dev.stepgym.agents.Policy;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.Observation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code oracle-shop-noisy}: the oracle with seeded slips to other listed actions. */
class NoisyOracleShopAgentTest {
    private static final Map<String, Object> GOAL = Map.of("asin", "B0TARGET", "search_query", "hiking boots",
            "options", Map.of("color", "brown"), "attributes", List.of(), "price_upper", 80.0);
    private static final Observation SEARCH = new Observation("search page", List.of("search[...]"), Map.of("page", "search"), null);
    private static final Observation RESULTS = new Observation("results page",
            List.of("click[back to search]", "click[next >]", "click[B0OTHER]", "click[B0TARGET]"),
            Map.of("page", "results", "results", List.of(Map.of("asin", "B0OTHER", "title", "sandal", "price", 20.0),
                    Map.of("asin", "B0TARGET", "title", "hiking boot", "price", 60.0))), null);

    /** The agent's choice on the results page (after its search) for each of 200 episode seeds. */
    private static List<Action> resultsChoices(Agent agent) {
        List<Action> out = new ArrayList<>();
        for (long seed = 0; seed < 200; seed++) {
            Policy p = agent.start(new EpisodeStart("e" + seed, null, SEARCH, Map.of("goal", GOAL), seed));
            assertEquals(Action.text("search[hiking boots]"), p.next(SEARCH), "a search page has no wrong listed action");
            out.add(p.next(RESULTS));
        }
        return out;
    }

    @Test
    void slipsToAnotherListedActionAtTheGivenRateAndIsDeterministicPerSeed() {
        Agent agent = Agents.create("oracle-shop-noisy:0.3", 5);
        assertEquals(0.3, ((NoisyOracleShopAgent) agent).errorRate());
        assertEquals(Map.of("privileged", true), agent.resetOptions());
        List<Action> choices = resultsChoices(agent);
        long slips = choices.stream().filter(a -> !a.equals(Action.text("click[B0TARGET]"))).count();
        assertTrue(slips > 35 && slips < 85, "about 30% of 200 episodes slip: " + slips);
        assertTrue(choices.stream().allMatch(a -> RESULTS.availableActions().contains(a.text())), "only listed actions: " + choices);
        assertEquals(choices, resultsChoices(Agents.create("oracle-shop-noisy:0.3", 5)), "the same seeds, the same slips");
        assertNotEquals(choices, resultsChoices(Agents.create("oracle-shop-noisy:0.3", 6)), "another agent seed, other slips");
    }

    @Test
    void rateZeroIsTheOracleAndBadRatesAreClearErrors() {
        assertTrue(resultsChoices(Agents.create("oracle-shop-noisy:0", 1)).stream().allMatch(a -> a.equals(Action.text("click[B0TARGET]"))));
        assertEquals(NoisyOracleShopAgent.DEFAULT_ERROR_RATE, ((NoisyOracleShopAgent) Agents.create("oracle-shop-noisy", 1)).errorRate());
        IllegalArgumentException high = assertThrows(IllegalArgumentException.class, () -> Agents.create("oracle-shop-noisy:1.5", 1));
        assertTrue(high.getMessage().contains("must be in [0, 1]"), high.getMessage());
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class, () -> Agents.create("oracle-shop-noisy:lots", 1));
        assertTrue(word.getMessage().contains("must be a number"), word.getMessage());
    }
}
