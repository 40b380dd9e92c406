package dev.stepgym.envs.shop;

import java.util.Locale;

/** The pages of the store, as WebShop has them; {@link #DONE} follows a purchase. */
public enum ShopPage {
    SEARCH, RESULTS, ITEM, DESCRIPTION, FEATURES, DONE;

    /** The name used in observation data and state ({@code "results"}). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Pages that show one product. */
    public boolean showsItem() {
        return this == ITEM || this == DESCRIPTION || this == FEATURES;
    }
}
