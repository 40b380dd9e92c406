package dev.stepgym.rewards.webshop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ColorNormalizerTest {

    @ParameterizedTest(name = "normalize({0}) = {1}")
    @CsvSource(delimiter = ';', value = {
            "dark grey ; dark",
            "dark green ; dark",
            "dark red ; dark",
            "light pink ; light",
            "light grey ; grey",
            "navy blue ; blue",
            "black wash ; ash",
            "standard ; tan",
            "titanium ; tan",
            "golden ; gold",
            "black | set of 2 ; black",
            "x-large ; x-large",
            "Black ; Black",
    })
    void docExamples(String value, String expected) {
        assertEquals(expected, ColorNormalizer.normalize(value));
    }

    @Test
    void listHasTheHundredAndTwoColoursInOrder() {
        assertEquals(102, ColorNormalizer.COLORS.size());
        assertEquals("alabaster", ColorNormalizer.COLORS.get(0));
        assertEquals("yellow", ColorNormalizer.COLORS.get(101));
    }

    @Test
    void pairsCompareByEqualityNotSubstring() {
        assertEquals("black", ColorNormalizer.normalizePair("color", "black"));
        assertEquals("('color', 'navy blue')", ColorNormalizer.normalizePair("color", "navy blue"));
        assertEquals("('style', 'standard')", ColorNormalizer.normalizePair("style", "standard"));
        assertEquals("('size', \"men's 10\")", ColorNormalizer.normalizePair("size", "men's 10"));
    }
}
