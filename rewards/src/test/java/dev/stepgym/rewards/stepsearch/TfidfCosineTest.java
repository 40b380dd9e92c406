package dev.stepgym.rewards.stepsearch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TfidfCosineTest {
    private static final double EPS = 1e-9;

    @Test
    void tokenizerKeepsRunsOfTwoOrMoreWordCharactersLowercased() {
        // Python: re.findall(r'(?u)\b\w\w+\b', "i am a big-dog_2 x") == ['am', 'big', 'dog_2']
        assertEquals(List.of("am", "big", "dog_2"), TfidfCosine.tokenize("I am a Big-Dog_2 x"));
        // Python: re.findall(..., 'cafe\u0301s \u00bdx') == ['cafe', '\u00bdx']: the mark breaks the word, '½' is \w
        assertEquals(List.of("cafe", "\u00bdx"), TfidfCosine.tokenize("cafe\u0301s \u00bdx"));
    }

    @Test
    void handComputedCosinesOnThreeDocuments() {
        // docs: d0 "paris france", d1 "paris is in france", d2 "berlin"; n = 3
        // df: paris 2, france 2, is 1, in 1, berlin 1
        // idf(df=2) = ln(4/3) + 1 = 1.2876821; idf(df=1) = ln(4/2) + 1 = 1.6931472
        // d0 = (paris a, france a), |d0| = a*sqrt(2) = 1.8210575
        // d1 = (paris a, france a, is b, in b), |d1| = sqrt(2a^2 + 2b^2) = sqrt(3.3162637 + 5.7334948) = 3.0082794
        // cos(d0, d1) = 2a^2 / (1.8210575 * 3.0082794) = 3.3162637 / 5.4782493 = 0.6053485
        // cos(d0, d2) = 0: no shared term
        double[] cos = TfidfCosine.cosines("paris france", List.of("paris is in france", "berlin"));
        assertArrayEquals(new double[] {0.6053485081, 0.0}, cos, EPS);
    }

    @Test
    void idfDependsOnTheGoldSetBecauseItIsRefitPerCall() {
        // ["red apple", "red car"]: n = 2; idf(red, df 2) = ln(3/3) + 1 = 1; idf(apple|car, df 1) = ln(3/2) + 1 = 1.4054651
        // both rows (1, 1.4054651), norm^2 = 1 + 1.9753321 = 2.9753321; cos = 1 / 2.9753321 = 0.3360969
        assertArrayEquals(new double[] {0.3360969273}, TfidfCosine.cosines("red apple", List.of("red car")), EPS);
        // add "red bus": n = 3; idf(red, df 3) = ln(4/4) + 1 = 1; idf(df 1) = ln(4/2) + 1 = 1.6931472
        // norm^2 = 1 + 2.8667474 = 3.8667474; cos = 1 / 3.8667474 = 0.2586153
        assertArrayEquals(new double[] {0.2586152916, 0.2586152916},
                TfidfCosine.cosines("red apple", List.of("red car", "red bus")), EPS);
    }

    @Test
    void caseFoldingAndOneCharacterTokensDropped() {
        // Only "paris" survives in both ("x", "y" are one character): identical rows, cosine 1.
        assertArrayEquals(new double[] {1.0}, TfidfCosine.cosines("x PARIS", List.of("y paris")), EPS);
        assertArrayEquals(TfidfCosine.cosines("paris france", List.of("paris is in france")),
                TfidfCosine.cosines("PARIS France", List.of("Paris IS in FRANCE")), 0.0);
    }

    @Test
    void textsWithoutTokensScoreZero() {
        // sklearn would raise "empty vocabulary" here; the port answers zeros.
        assertArrayEquals(new double[] {0.0, 0.0}, TfidfCosine.cosines("a b c", List.of("a b c", "d")), 0.0);
        assertArrayEquals(new double[] {0.0}, TfidfCosine.cosines("", List.of("paris")), 0.0);
        assertArrayEquals(new double[0], TfidfCosine.cosines("paris", List.of()), 0.0);
        assertThrows(IllegalArgumentException.class, () -> TfidfCosine.cosines("paris", null));
    }
}
