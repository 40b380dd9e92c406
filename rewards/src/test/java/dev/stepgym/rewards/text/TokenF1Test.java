package dev.stepgym.rewards.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenF1Test {
    private static final double EPS = 1e-12;

    @Test
    void repeatedTokensCountInBagButNotInSet() {
        // bag: pred [paris, paris], gold [paris]: overlap min(2,1) = 1, P = 1/2, R = 1/1,
        //      F1 = 2 * (1/2 * 1) / (1/2 + 1) = 1 / 1.5 = 2/3
        assertEquals(2.0 / 3.0, TokenF1.bag("Paris Paris", "Paris"), EPS);
        // set: {paris} vs {paris}: P = R = 1, F1 = 1
        assertEquals(1.0, TokenF1.set("Paris Paris", "Paris"), EPS);
    }

    @Test
    void bagF1OnPartialOverlap() {
        // normalize: "big apple" (article gone) vs "big apple pie": overlap 2, P = 2/2, R = 2/3,
        // F1 = 2 * (2/3) / (5/3) = 0.8
        assertEquals(0.8, TokenF1.bag("the big apple", "big apple pie"), EPS);
    }

    @Test
    void normalisationsDisagreeOnPunctuationAndArticles() {
        // set: {new, york, city} vs {new, york}: common 2, P = 2/3, R = 1, F1 = (4/3) / (5/3) = 0.8
        assertEquals(0.8, TokenF1.set("new-york city", "New York"), EPS);
        // bag: "newyork city" vs "new york": no overlap
        assertEquals(0.0, TokenF1.bag("new-york city", "New York"), EPS);
        // set keeps "the": {the, answer} vs {answer}: P = 1/2, R = 1, F1 = 2/3; bag drops it: F1 = 1
        assertEquals(2.0 / 3.0, TokenF1.set("the answer", "answer"), EPS);
        assertEquals(1.0, TokenF1.bag("the answer", "answer"), EPS);
    }

    @Test
    void emptySidesScoreZero() {
        assertEquals(0.0, TokenF1.bag("", "paris"));
        assertEquals(0.0, TokenF1.bag("the", "a"));     // both normalise to nothing
        assertEquals(0.0, TokenF1.set("!!!", "paris"));
        assertEquals(0.0, TokenF1.set("paris", ""));
    }

    @Test
    void maxOverGoldAlternatives() {
        assertEquals(1.0, TokenF1.maxBag("NYC", List.of("New York", "NYC")), EPS);
        // "new york city" vs "New York": bag P = 2/3, R = 1 -> 0.8; vs "NYC": 0
        assertEquals(0.8, TokenF1.maxBag("new york city", List.of("NYC", "New York")), EPS);
        assertEquals(0.8, TokenF1.maxSet("new york city", List.of("NYC", "New York")), EPS);
        assertEquals(0.0, TokenF1.maxBag("paris", List.of()));
        assertThrows(IllegalArgumentException.class, () -> TokenF1.maxSet("paris", null));
    }

    @Test
    void exactMatchAfterSquadNormalisation() {
        assertTrue(TokenF1.exactMatch("The Paris!", "paris"));
        assertFalse(TokenF1.exactMatch("Paris France", "paris"));
        assertTrue(TokenF1.anyExactMatch("U.S.A.", List.of("uk", "usa")));
    }
}
