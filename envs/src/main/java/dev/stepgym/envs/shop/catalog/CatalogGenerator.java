package dev.stepgym.envs.shop.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates a WebShop-like catalog from a seed. Products are dealt round-robin over the
 * {@link CatalogVocabulary#DEPARTMENTS}, so every search query has hundreds of similar products
 * (same type words, overlapping attributes and options) and search is not trivial.
 *
 * <p>Deterministic: one {@link SplittableRandom} drives every choice, in a fixed order, and no
 * hash-ordered collection is iterated.
 *
 * <pre>{@code Catalog catalog = CatalogGenerator.generate(10_000, 0L);}</pre>
 */
public final class CatalogGenerator {
    private static final String ASIN_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final int BRANDS_PER_DEPARTMENT = 12;
    private static final int TITLE_ATTEMPTS = 40;

    private final SplittableRandom random;
    private final Set<String> usedAsins = new HashSet<>();
    private final Set<String> usedTitles = new HashSet<>();
    private final List<List<String>> brandsByDepartment = new ArrayList<>();

    private CatalogGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * @param count number of products (at least 1)
     * @param seed  catalog seed: same seed and count, same catalog
     */
    public static Catalog generate(int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("a catalog needs at least 1 product, got " + count);
        }
        return new CatalogGenerator(seed).build(count);
    }

    private Catalog build(int count) {
        List<Department> departments = CatalogVocabulary.DEPARTMENTS;
        for (int d = 0; d < departments.size(); d++) {
            brandsByDepartment.add(pickBrands());
        }
        List<Product> products = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int d = i % departments.size();
            products.add(product(departments.get(d), brandsByDepartment.get(d)));
        }
        return new Catalog(products);
    }

    private List<String> pickBrands() {
        List<String> all = new ArrayList<>();
        for (String head : CatalogVocabulary.BRAND_HEADS) {
            for (String tail : CatalogVocabulary.BRAND_TAILS) {
                all.add(head + tail);
            }
        }
        shuffle(all);
        return List.copyOf(all.subList(0, BRANDS_PER_DEPARTMENT));
    }

    private Product product(Department dept, List<String> brands) {
        String asin = newAsin();
        Title title = title(dept, brands);
        List<String> attributes = pickSome(dept.attributes(), 3, 5, false);
        Map<String, List<String>> options = options(dept);
        double low = Math.floor(dept.minPrice() + random.nextDouble() * (dept.maxPrice() - dept.minPrice())) + 0.99;
        double price = low;
        String priceTag = "$" + low;
        if (random.nextDouble() < 0.1) {
            // A price range, as some WebShop products have: the effective price is drawn once inside it.
            double high = Math.floor(low * (1.2 + 0.4 * random.nextDouble())) + 0.99;
            priceTag = "$" + low + " to $" + high;
            price = low + random.nextDouble() * (high - low);
        }
        List<String> bullets = bullets(dept, title, attributes);
        String description = title.text + ". " + capitalize(article(title.type)) + " " + title.type + " from "
                + title.brand + ", " + title.adjective + " and made to last. Great for "
                + (dept.audience().isEmpty() ? "everyday use" : dept.audience()) + ". "
                + "Features: " + String.join(", ", attributes) + ".";
        return new Product(asin, title.text, title.nouns, dept.category(), dept.query(), dept.breadcrumb(),
                attributes, options, price, priceTag, bullets, description, title.type().toLowerCase(Locale.ROOT));
    }

    /** The pieces of a generated title. */
    private record Title(String text, List<String> nouns, String brand, String adjective, String type) {
    }

    private Title title(Department dept, List<String> brands) {
        for (int attempt = 0; ; attempt++) {
            String brand = brands.get(random.nextInt(brands.size()));
            String adjective = CatalogVocabulary.ADJECTIVES.get(random.nextInt(CatalogVocabulary.ADJECTIVES.size()));
            Department.Phrase type = dept.types().get(random.nextInt(dept.types().size()));
            Department.Phrase material = dept.materials().isEmpty() || random.nextDouble() < 0.15
                    ? null : dept.materials().get(random.nextInt(dept.materials().size()));
            boolean pack = random.nextDouble() < 0.12;
            List<String> words = new ArrayList<>(List.of(brand, adjective));
            // Nouns in title order; a repeated noun would keep title_score below 1 for the target itself.
            List<String> nouns = new ArrayList<>(List.of(brand.toLowerCase(Locale.ROOT)));
            if (material != null) {
                words.add(material.text());
                nouns.addAll(material.nouns());
            }
            words.add(type.text());
            nouns.addAll(type.nouns());
            if (!dept.audience().isEmpty()) {
                words.add("for " + dept.audience());
                nouns.add(dept.audience());
            }
            if (pack) {
                words.add("(Pack of " + (2 + random.nextInt(3)) + ")");
                nouns.add("pack");
            }
            if (attempt >= TITLE_ATTEMPTS) {
                // Crowded department: a model code makes the title unique.
                String code = "m" + attempt + (char) ('a' + random.nextInt(26));
                words.add("Model " + code.toUpperCase(Locale.ROOT));
                nouns.add("model");
                nouns.add(code);
            }
            String text = titleCase(String.join(" ", words));
            if (new LinkedHashSet<>(nouns).size() != nouns.size() || !usedTitles.add(text)) {
                continue;
            }
            return new Title(text, nouns, brand, adjective, type.text());
        }
    }

    private Map<String, List<String>> options(Department dept) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        if (dept.options().isEmpty() || random.nextDouble() < 0.1) {
            return options; // some products have no options at all, as in WebShop
        }
        Set<String> seenValues = new HashSet<>();
        for (Map.Entry<String, List<String>> pool : dept.options().entrySet()) {
            if (!options.isEmpty() && random.nextDouble() < 0.2) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (String v : pickSome(pool.getValue(), 2, 6, true)) {
                if (seenValues.add(v)) {
                    values.add(v);
                }
            }
            if (!values.isEmpty()) {
                options.put(pool.getKey(), values);
            }
        }
        return options;
    }

    private List<String> bullets(Department dept, Title title, List<String> attributes) {
        List<String> bullets = new ArrayList<>();
        bullets.add(capitalize(attributes.get(0)) + ": this " + title.type + " is " + title.adjective
                + " and " + attributes.get(1) + ".");
        bullets.add("Designed by " + title.brand + " for " + (dept.audience().isEmpty() ? "daily" : dept.audience() + "'s")
                + " use; " + attributes.get(2) + ".");
        if (attributes.size() > 3) {
            bullets.add("Also " + String.join(" and ", attributes.subList(3, attributes.size())) + ".");
        }
        bullets.add("What you get: " + title.type + ", and friendly customer service.");
        return bullets;
    }

    /** k in [min, max] distinct elements; in pool order when {@code keepOrder}, shuffled otherwise. */
    private List<String> pickSome(List<String> pool, int min, int max, boolean keepOrder) {
        int hi = Math.min(max, pool.size());
        int lo = Math.min(min, hi);
        int k = lo + random.nextInt(hi - lo + 1);
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            indices.add(i);
        }
        shuffle(indices);
        List<Integer> chosen = new ArrayList<>(indices.subList(0, k));
        if (keepOrder) {
            chosen.sort(null);
        }
        List<String> out = new ArrayList<>();
        for (int i : chosen) {
            out.add(pool.get(i));
        }
        return out;
    }

    private <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }

    private String newAsin() {
        while (true) {
            StringBuilder sb = new StringBuilder("B0");
            for (int i = 0; i < 8; i++) {
                sb.append(ASIN_ALPHABET.charAt(random.nextInt(ASIN_ALPHABET.length())));
            }
            if (usedAsins.add(sb.toString())) {
                return sb.toString();
            }
        }
    }

    private static String titleCase(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean start = true;
        for (char c : text.toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : c);
            start = c == ' ' || c == '-' || c == '(';
        }
        return out.toString();
    }

    static String article(String word) {
        return "aeiou".indexOf(Character.toLowerCase(word.charAt(0))) >= 0 ? "an" : "a";
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
