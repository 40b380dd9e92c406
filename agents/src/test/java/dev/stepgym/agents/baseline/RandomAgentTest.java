package dev.stepgym.agents.baseline;

import dev.stepgym.agents.EpisodeStart;
import dev.stepgym.agents.Policy;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.ToolSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomAgentTest {
    private static final Observation RESULTS = Observation.of("Results for running shoes: blue trail runner, red sprint racer",
            List.of("click[b001]", "click[b002]", "click[next >]", "click[< prev]", "search[...]"));

    private static List<Action> play(long agentSeed, long episodeSeed, int steps) {
        Policy policy = new RandomAgent(agentSeed).start(new EpisodeStart("e", null, RESULTS, Map.of(), episodeSeed));
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            actions.add(policy.next(RESULTS));
        }
        return actions;
    }

    @Test
    void sameSeedsGiveTheSameActionsAndOtherSeedsOtherOnes() {
        assertEquals(play(7, 1, 40), play(7, 1, 40));
        assertNotEquals(play(7, 1, 40), play(8, 1, 40));
        assertNotEquals(play(7, 1, 40), play(7, 2, 40));
    }

    @Test
    void picksOnlyListedActionsAndCoversThemAll() {
        Set<String> seen = new HashSet<>();
        for (Action action : play(11, 5, 400)) {
            String text = action.text();
            if (text.startsWith("search[")) {
                seen.add("search[...]");
            } else {
                assertTrue(RESULTS.availableActions().contains(text), text);
                seen.add(text);
            }
        }
        assertEquals(new HashSet<>(RESULTS.availableActions()), seen, "uniform choice should reach every action");
    }

    @Test
    void fillsTemplatesWithWordsFromTheObservation() {
        Set<String> observationWords = new HashSet<>(ActionTemplates.words(RESULTS.text()));
        int searches = 0;
        for (Action action : play(3, 9, 300)) {
            if (action.text().startsWith("search[")) {
                searches++;
                String query = action.text().substring("search[".length(), action.text().length() - 1);
                assertFalse(query.contains("..."), action.text());
                String[] words = query.split(" ");
                assertTrue(words.length >= 1 && words.length <= 3, action.text());
                for (String word : words) {
                    assertTrue(observationWords.contains(word), word + " is not from the observation");
                }
            }
        }
        assertTrue(searches > 0);
    }

    @Test
    void loneAngleBracketsAreNotTemplates() {
        assertFalse(ActionTemplates.isTemplate("click[< prev]"));
        assertFalse(ActionTemplates.isTemplate("click[next >]"));
        assertTrue(ActionTemplates.isTemplate("search[<query>]"));
        assertTrue(ActionTemplates.isTemplate("type[{text}]"));
    }

    @Test
    void withoutListedActionsItCallsAToolOfTheSpecWithTypedArguments() {
        EnvSpec spec = new EnvSpec("tools-v1", "tool env", "tool", List.of(
                new ToolSpec("answer", "answer the question", Map.of("type", "object", "properties", Map.of(
                        "text", Map.of("type", "string"),
                        "confidence", Map.of("type", "number"),
                        "page", Map.of("type", "integer"),
                        "mode", Map.of("type", "string", "enum", List.of("short", "long")))))),
                10, List.of());
        Observation observation = Observation.of("Who founded Arvel?", List.of());
        Policy policy = new RandomAgent(1).start(new EpisodeStart("e", spec, observation, Map.of(), 2L));
        Action action = policy.next(observation);
        assertEquals("answer", action.tool());
        assertTrue(action.arguments().get("text") instanceof String);
        assertTrue(action.arguments().get("confidence") instanceof Double);
        assertTrue(action.arguments().get("page") instanceof Integer);
        assertTrue(List.of("short", "long").contains(action.arguments().get("mode")));
    }

    @Test
    void withNothingListedItStillActsWithWordsFromTheText() {
        Observation observation = Observation.of("Type something about zebras", List.of());
        Action action = new RandomAgent(1).start(new EpisodeStart("e", null, observation, Map.of(), null)).next(observation);
        assertTrue(action.isText());
        for (String word : action.text().split(" ")) {
            assertTrue(ActionTemplates.words(observation.text()).contains(word), word);
        }
    }
}
