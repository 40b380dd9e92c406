package dev.stepgym.rewards.stepsearch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SearchKeyMatchTest {
    private static final double EPS = 1e-12;
    private static final List<List<String>> KEYS = List.of(
            List.of("capital of france", "french capital"),
            List.of("population of paris"));

    @Test
    void matchedGroupsAreAveragedOverAllGroups() {
        assertEquals(1.0 / 2, SearchKeyMatch.score(List.of("capital of France?"), KEYS), EPS);
        // "french capital" is an alternative of group 0; "paris population" vs "population of paris": bag
        // overlap 2, P = 2/2, R = 2/3 -> F1 = 0.8; SK = (1 + 0.8) / 2 = 0.9
        assertEquals(0.9, SearchKeyMatch.score(List.of("French capital", "paris population"), KEYS), EPS);
    }

    @Test
    void lastQueryOverwritesItsGroupEvenWithALowerScore() {
        // "capital of france" -> group 0 = 1.0; then "france" vs "capital of france": overlap 1,
        // P = 1, R = 1/3, F1 = (2/3) / (4/3) = 0.5 -> group 0 = 0.5 (not kept at 1.0). SK = 0.5 / 2 = 0.25
        assertEquals(0.25, SearchKeyMatch.score(List.of("capital of france", "france"), KEYS), EPS);
    }

    @Test
    void queryMatchingNothingGoesToTheDummyAndChangesNothing() {
        assertEquals(0.5, SearchKeyMatch.score(List.of("capital of france", "weather today"), KEYS), EPS);
        assertEquals(0.0, SearchKeyMatch.score(List.of("weather today"), KEYS));
    }

    @Test
    void scoresAreRoundedToFourDecimals() {
        // "paris france" vs "paris": P = 1/2, R = 1, F1 = 2/3 -> round(2/3, 4) = 0.6667 exactly
        assertEquals(0.6667, SearchKeyMatch.score(List.of("paris france"), List.of(List.of("paris"))), 0.0);
    }

    @Test
    void tieGoesToTheFirstGroup() {
        // "paris" scores 2/3 against both groups; group 0 takes it (0.6667). "paris france" then sets
        // group 0 to 1.0, so SK = (1.0 + 0) / 2 = 0.5. Had the tie gone to group 1: (1.0 + 0.6667) / 2.
        List<List<String>> keys = List.of(List.of("paris france"), List.of("paris germany"));
        assertEquals(0.5, SearchKeyMatch.score(List.of("paris", "paris france"), keys), EPS);
    }

    @Test
    void noQueriesOrNoKeysScoreZero() {
        assertEquals(0.0, SearchKeyMatch.score(List.of(), KEYS));
        assertEquals(0.0, SearchKeyMatch.score(List.of("capital of france"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> SearchKeyMatch.score(null, KEYS));
    }
}
