package dev.stepgym.envs.shop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The settings of {@code shop-v1}, parsed from the string map given to
 * {@link ShopEnvironmentProvider#open(Map)}. Unknown keys and bad values are errors.
 *
 * @param products                 generated catalog size (default 10000); with WebShop files: the first n products, or all when unset
 * @param productsGiven            whether {@code products} was given
 * @param catalogSeed              seed of the catalog, goals and price draws (default 0)
 * @param webshopProducts          WebShop products JSON, or null to generate a catalog
 * @param webshopAttributes        WebShop attributes JSON ({@code asin → {"attributes": [...]}})
 * @param webshopHumanInstructions WebShop human instructions JSON; when absent, synthetic goals are built from the attribute file
 */
public record ShopSettings(int products, boolean productsGiven, long catalogSeed, Path webshopProducts,
                           Path webshopAttributes, Path webshopHumanInstructions) {
    public static final List<String> KEYS = List.of("products", "catalog_seed", "webshop_products",
            "webshop_attributes", "webshop_human_instructions");
    public static final int DEFAULT_PRODUCTS = 10_000;
    /** A generous bound that still keeps a mistyped number from exhausting memory. */
    public static final int MAX_PRODUCTS = 2_000_000;

    public static ShopSettings parse(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown shop-v1 setting '" + key + "'; known settings: " + KEYS);
            }
        }
        boolean productsGiven = settings.containsKey("products");
        int products = productsGiven ? parseInt("products", settings.get("products")) : DEFAULT_PRODUCTS;
        if (products < 1 || products > MAX_PRODUCTS) {
            throw new IllegalArgumentException("shop-v1 setting 'products' must be between 1 and " + MAX_PRODUCTS + ", got " + products);
        }
        long seed = settings.containsKey("catalog_seed") ? parseLong("catalog_seed", settings.get("catalog_seed")) : 0L;
        Path productsFile = file(settings, "webshop_products");
        Path attributesFile = file(settings, "webshop_attributes");
        Path humanFile = file(settings, "webshop_human_instructions");
        if (productsFile == null && (attributesFile != null || humanFile != null)) {
            throw new IllegalArgumentException("shop-v1: webshop_attributes and webshop_human_instructions need webshop_products");
        }
        if (productsFile != null && attributesFile == null) {
            throw new IllegalArgumentException("shop-v1: webshop_products needs webshop_attributes (WebShop's attribute file)");
        }
        return new ShopSettings(products, productsGiven, seed, productsFile, attributesFile, humanFile);
    }

    public boolean loadsWebShop() {
        return webshopProducts != null;
    }

    private static Path file(Map<String, String> settings, String key) {
        String value = settings.get(key);
        if (value == null) {
            return null;
        }
        Path path = Path.of(value.strip());
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException("shop-v1 setting '" + key + "': not a readable file: " + path);
        }
        return path;
    }

    private static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shop-v1 setting '" + key + "' must be an integer, got '" + value + "'");
        }
    }

    private static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shop-v1 setting '" + key + "' must be an integer, got '" + value + "'");
        }
    }
}
