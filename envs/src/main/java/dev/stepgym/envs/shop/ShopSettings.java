package dev.stepgym.envs.shop;

import dev.stepgym.protocol.env.EnvSettings;

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
        EnvSettings s = new EnvSettings("shop-v1", settings);
        s.requireKnown(KEYS);
        boolean productsGiven = s.has("products");
        int products = (int) s.integer("products", DEFAULT_PRODUCTS, 1, MAX_PRODUCTS);
        long seed = s.integer("catalog_seed", 0L, Long.MIN_VALUE, Long.MAX_VALUE);
        Path productsFile = s.readableFile("webshop_products");
        Path attributesFile = s.readableFile("webshop_attributes");
        Path humanFile = s.readableFile("webshop_human_instructions");
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
}
