package dev.stepgym.envs.shop.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One leaf of the generated catalog's category tree: the vocabulary its products are made of.
 *
 * @param breadcrumb  the product category, levels separated by {@code " › "}
 * @param category    coarse category
 * @param query       the search query shared by every product of the department
 * @param types       product type phrases (e.g. {@code polo shirt})
 * @param materials   material phrases, possibly empty
 * @param audience    who it is for ({@code men}), or null
 * @param attributes  attribute phrases the products draw from
 * @param options     option name → pool of values, in display order
 * @param minPrice    lowest price
 * @param maxPrice    highest price
 */
record Department(String breadcrumb, String category, String query, List<Phrase> types, List<Phrase> materials,
                  String audience, List<String> attributes, Map<String, List<String>> options,
                  double minPrice, double maxPrice) {

    /**
     * A phrase and which of its words are nouns. In the compact notation a word prefixed with
     * {@code ~} is not a noun: {@code "~stainless steel"} has the single noun {@code steel}.
     */
    record Phrase(String text, List<String> nouns) {
        static Phrase parse(String notation) {
            List<String> words = new ArrayList<>();
            List<String> nouns = new ArrayList<>();
            for (String word : notation.strip().split("\\s+")) {
                boolean noun = !word.startsWith("~");
                String clean = noun ? word : word.substring(1);
                words.add(clean);
                if (noun) {
                    nouns.add(clean);
                }
            }
            return new Phrase(String.join(" ", words), List.copyOf(nouns));
        }
    }

    /** Builds a department from the compact notation used by {@link CatalogVocabulary}. */
    static Department of(String breadcrumb, String category, String query, String types, String materials,
                         String audience, String attributes, String options, double minPrice, double maxPrice) {
        Map<String, List<String>> optionPools = new LinkedHashMap<>();
        if (!options.isBlank()) {
            for (String option : options.split(";")) {
                String[] parts = option.split("=", 2);
                optionPools.put(parts[0].strip(), List.of(parts[1].strip().split("\\s*,\\s*")));
            }
        }
        return new Department(breadcrumb, category, query, phrases(types), phrases(materials), audience,
                List.of(attributes.split("\\s*\\|\\s*")), optionPools, minPrice, maxPrice);
    }

    private static List<Phrase> phrases(String notation) {
        List<Phrase> out = new ArrayList<>();
        if (!notation.isBlank()) {
            for (String p : notation.split("\\|")) {
                out.add(Phrase.parse(p));
            }
        }
        return List.copyOf(out);
    }
}
