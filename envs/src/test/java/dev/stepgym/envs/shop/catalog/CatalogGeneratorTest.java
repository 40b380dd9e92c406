package dev.stepgym.envs.shop.catalog;

import dev.stepgym.rewards.webshop.ColorNormalizer;
import dev.stepgym.rewards.webshop.TokenSetRatio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatalogGeneratorTest {
    private static Catalog catalog;

    @BeforeAll
    static void generate() {
        catalog = CatalogGenerator.generate(10_000, 0);
    }

    @Test
    void sameSeedSameCatalogOtherSeedOtherCatalog() {
        Catalog again = CatalogGenerator.generate(10_000, 0);
        assertEquals(catalog.products(), again.products());
        Catalog other = CatalogGenerator.generate(10_000, 1);
        assertNotEquals(catalog.get(0), other.get(0));
    }

    @Test
    void productsAreWellFormed() {
        assertEquals(10_000, catalog.size());
        Set<String> asins = new HashSet<>();
        Set<String> titles = new HashSet<>();
        Set<String> queries = new HashSet<>();
        for (Product p : catalog.products()) {
            assertTrue(p.asin().matches("B0[0-9A-Z]{8}"), p.asin());
            assertTrue(asins.add(p.asin()), "duplicate asin " + p.asin());
            assertTrue(titles.add(p.name()), "duplicate title " + p.name());
            queries.add(p.query());
            assertTrue(p.productCategory().split(" \u203A ").length >= 3, p.productCategory());
            assertEquals(new HashSet<>(p.nouns()).size(), p.nouns().size(), "repeated noun in " + p.name());
            for (String noun : p.nouns()) {
                assertTrue(p.name().toLowerCase().contains(noun), noun + " not in " + p.name());
            }
            assertTrue(p.attributes().size() >= 3);
            assertTrue(p.price() > 0);
            Set<String> values = new HashSet<>();
            p.options().values().forEach(vs -> vs.forEach(v -> assertTrue(values.add(v), "repeated value " + v)));
            assertTrue(!p.bulletPoints().isEmpty() && !p.description().isEmpty());
        }
        assertTrue(queries.size() >= 20, "several queries: " + queries.size());
        long withOptions = catalog.products().stream().filter(p -> !p.options().isEmpty()).count();
        assertTrue(withOptions > 8000 && withOptions < 10_000, "most, not all, products have options: " + withOptions);
    }

    @Test
    void everyOptionValueMatchesItsOwnDictGoalPair() {
        // The oracle clicks exactly the goal values; WebShop's colour normalisation must not break that.
        for (Product p : catalog.products()) {
            for (Map.Entry<String, List<String>> option : p.options().entrySet()) {
                for (String value : option.getValue()) {
                    assertTrue(TokenSetRatio.matches(ColorNormalizer.normalize(value),
                                    ColorNormalizer.normalizePair(option.getKey(), value)),
                            option.getKey() + "=" + value + " would not match its own goal");
                }
            }
        }
    }

    @Test
    void rejectsAnEmptyCatalog() {
        assertThrows(IllegalArgumentException.class, () -> CatalogGenerator.generate(0, 0));
    }
}
