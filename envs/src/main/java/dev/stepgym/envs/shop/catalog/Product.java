package dev.stepgym.envs.shop.catalog;

import dev.stepgym.rewards.webshop.PurchasedItem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One product, in the shape WebShop's {@code load_products} gives (fields used by the reward are
 * named after it). Option values are lower-case with {@code /} replaced by {@code " | "}.
 *
 * @param asin            unique id, upper-case (e.g. {@code B0K3J9QX2A})
 * @param name            the title
 * @param nouns           the lower-cased nouns of the title, in title order (what WebShop gets from spaCy)
 * @param category        coarse category (e.g. {@code fashion})
 * @param query           the search query the product belongs to (lower-case, stripped)
 * @param productCategory breadcrumb, levels separated by {@code " › "} (U+203A)
 * @param attributes      attribute phrases, e.g. {@code machine washable}
 * @param options         option name → ordered values (values unique within the product)
 * @param price           the effective price (for a price range: one value drawn in it at load)
 * @param priceTag        the displayed price, e.g. {@code $12.99} or {@code $10.0 to $20.0}
 * @param bulletPoints    feature bullets ({@code small_description})
 * @param description     long description ({@code full_description})
 * @param productType     what the product is in a shopper's words ("extension cord"), named by instructions
 */
public record Product(String asin, String name, List<String> nouns, String category, String query,
                      String productCategory, List<String> attributes, Map<String, List<String>> options,
                      double price, String priceTag, List<String> bulletPoints, String description,
                      String productType) {

    public Product {
        nouns = List.copyOf(nouns);
        attributes = List.copyOf(attributes);
        LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
        options.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        options = Collections.unmodifiableMap(copy);
        bulletPoints = List.copyOf(bulletPoints);
    }

    /** The fields WebShop's purchase reward reads, as the reward layer's value record. */
    public PurchasedItem toPurchased() {
        return new PurchasedItem(asin, name, nouns, query, productCategory, attributes, bulletPoints, description, price);
    }

    /**
     * The option (name and canonical value) that a click on {@code target} selects, matched
     * case-insensitively after trimming; null if none. The first option holding the value wins.
     */
    public Map.Entry<String, String> optionFor(String target) {
        String wanted = target.strip().toLowerCase(Locale.ROOT);
        for (Map.Entry<String, List<String>> option : options.entrySet()) {
            for (String value : option.getValue()) {
                if (value.toLowerCase(Locale.ROOT).equals(wanted)) {
                    return Map.entry(option.getKey(), value);
                }
            }
        }
        return null;
    }
}
