package dev.stepgym.envs.shop.webshop;

import dev.stepgym.envs.shop.catalog.Catalog;
import dev.stepgym.envs.shop.goal.Goal;

import java.util.List;

/**
 * A loaded WebShop data set.
 *
 * @param catalog the products, in file order
 * @param goals   the goals, shuffled with the catalog seed (test = first 500, dev = next 1000, …)
 */
public record WebShopData(Catalog catalog, List<Goal> goals) {
    public WebShopData {
        goals = List.copyOf(goals);
    }
}
