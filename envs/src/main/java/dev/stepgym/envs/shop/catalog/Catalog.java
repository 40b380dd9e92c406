package dev.stepgym.envs.shop.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shared, read-only product list. Episodes refer to products by their index in it, so an
 * open episode holds ints, not copies of catalog data.
 */
public final class Catalog {
    private final List<Product> products;
    private final Map<String, Integer> indexByAsin;

    public Catalog(List<Product> products) {
        this.products = List.copyOf(products);
        this.indexByAsin = new HashMap<>();
        for (int i = 0; i < this.products.size(); i++) {
            String key = this.products.get(i).asin().toUpperCase(Locale.ROOT);
            if (indexByAsin.putIfAbsent(key, i) != null) {
                throw new IllegalArgumentException("duplicate asin in catalog: " + key);
            }
        }
    }

    public int size() {
        return products.size();
    }

    public Product get(int index) {
        return products.get(index);
    }

    public List<Product> products() {
        return products;
    }

    /** The index of a product by asin (case-insensitive), or -1. */
    public int indexOf(String asin) {
        if (asin == null) {
            return -1;
        }
        Integer index = indexByAsin.get(asin.strip().toUpperCase(Locale.ROOT));
        return index == null ? -1 : index;
    }
}
