package dev.stepgym.rewards.webshop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenSetRatioTest {

    @Test
    void subsetOfWordsScoresFull() {
        assertEquals(100, TokenSetRatio.score("x-large", "large"));
        assertEquals(100, TokenSetRatio.score("dark brown", "brown"));
        assertEquals(100, TokenSetRatio.score("easy to clean", "easy clean"));
        assertEquals(100, TokenSetRatio.score("high heel", "heel high"));
    }

    @Test
    void dictGoalPairAddsTheOptionNameAsAToken() {
        // I = "large", X1 = "large x" (7), X2 = "large size" (10):
        // R(I,X1) = 2*5/12 = .833 -> 83; R(I,X2) = 10/15 -> 67; R(X1,X2): "large " + nothing = 6 -> 12/17 -> 71
        String pair = ColorNormalizer.normalizePair("size", "large");
        assertEquals("('size', 'large')", pair);
        assertEquals(83, TokenSetRatio.score("x-large", pair));
        assertFalse(TokenSetRatio.matches("x-large", pair));
    }

    @ParameterizedTest(name = "S({0}, {1}) = {2}")
    @CsvSource(delimiter = '|', value = {
            // {machine, washable} vs {machine, wash}: R(X1,X2) = "machine wash" in both = 12 -> 24/28 = .857 -> 86
            "machine washable | machine wash | 86",
            // {hand, wash} vs {machine, wash}: "wash " (5) + 'h' + 'n' = 7 of 9+12 -> 14/21 -> 67
            "hand wash | machine wash | 67",
            // I = "" so only R(X1,X2) counts: difflib finds "e", "t", "e" ... = 2*2/21 -> 19
            "essential oil | tea tree | 19",
            // blocks "bec" then "b" (not the LCS "bebec"... difflib is greedy): 2*3/11 = 55
            "becbec | bebec | 55",
            "non slip | slip resistant | 67",
            "gluten free | sugar free | 57",
            "quick drying | quick dry | 86",
            // the hyphen becomes a space: same word set
            "long lasting | long-lasting | 100",
            // U+00E9 and U+00E8 are deleted before matching: "caf crme" vs "cafe creme"
            "Café crème | cafe creme | 89",
            // '_' is a word character in thefuzz 0.19: "rose_gold" is one token
            "rose_gold | rose gold | 44",
    })
    void handComputedDifflibPairs(String a, String b, int expected) {
        assertEquals(expected, TokenSetRatio.score(a, b));
    }

    @Test
    void emptyOrNullSidesScoreZero() {
        assertEquals(0, TokenSetRatio.score("  ", "x"));
        assertEquals(0, TokenSetRatio.score("--", "x"));
        assertEquals(0, TokenSetRatio.score(null, "x"));
        assertEquals(0, TokenSetRatio.score("x", null));
    }

    @Test
    void thresholdIsStrictlyAbove85() {
        assertTrue(TokenSetRatio.matches("machine washable", "machine wash")); // 86
        assertFalse(TokenSetRatio.matches("non slip", "slip resistant"));      // 67
    }

    @Test
    void ratioRoundsHalfToEvenLikePython() {
        // "ab" vs "ac": M = 1 of 4 -> 50 exactly; "abcd" vs "abce": 6/8 -> 75
        assertEquals(50, TokenSetRatio.ratio("ab", "ac"));
        assertEquals(75, TokenSetRatio.ratio("abcd", "abce"));
        // 2*1/8 = .25 -> 25; "a" vs "abcdefg": 2/8 -> 25
        assertEquals(25, TokenSetRatio.ratio("a", "abcdefg"));
        // "z" vs "z" + 78 x "y": 100 * 2/80 = 2.5 -> 2 (half to even, not half up)
        assertEquals(2, TokenSetRatio.ratio("z", "z" + "y".repeat(78)));
        // "z" vs "z" + 398 x "y": 0.5 -> 0
        assertEquals(0, TokenSetRatio.ratio("z", "z" + "y".repeat(398)));
    }

    @Test
    void sequenceMatcherAutojunkIgnoresPopularElementsOfLongSequences() {
        // b has 240 elements, so 'a' and 'b' (120 each > 3) are popular and cannot start a match;
        // only the forward extension from (0,0) matches one element, as in difflib: 2*1/490
        int[] a = ("a".repeat(150) + "b".repeat(100)).codePoints().toArray();
        int[] b = "ab".repeat(120).codePoints().toArray();
        assertEquals(1, SequenceMatcher.matches(a, b));
        // Below 200 elements there is no autojunk: "ab" * 50 fully matches its own prefix
        assertEquals(100, SequenceMatcher.matches("ab".repeat(50).codePoints().toArray(), "ab".repeat(99).codePoints().toArray()));
    }
}
