package dev.stepgym.rewards.webshop;

import java.util.List;

/**
 * The product WebShop's reward reads at a purchase ({@code product_item_dict[asin]} plus the price
 * argument), or the item shown on an item page when the progress potential asks what a purchase
 * would score now. Only the fields the formula reads, plus the asin.
 *
 * @param asin            the product's id (not read by the formula; the progress potential ranks results by it)
 * @param name            the title ({@code Title}): the attribute text fallback searches it
 * @param nouns           the title's lower-cased nouns, in title order (WebShop takes them from spaCy)
 * @param query           the search query the product belongs to ({@code query}, lower-case)
 * @param productCategory the breadcrumb ({@code product_category}), levels separated by U+203A
 * @param attributes      attribute phrases ({@code Attributes})
 * @param bulletPoints    feature bullets ({@code BulletPoints})
 * @param description     the long description ({@code Description})
 * @param price           the effective price (for a price range: the value drawn at load)
 */
public record PurchasedItem(String asin, String name, List<String> nouns, String query, String productCategory,
                            List<String> attributes, List<String> bulletPoints, String description, double price) {
    public PurchasedItem {
        nouns = List.copyOf(nouns);
        attributes = List.copyOf(attributes);
        bulletPoints = List.copyOf(bulletPoints);
    }
}
