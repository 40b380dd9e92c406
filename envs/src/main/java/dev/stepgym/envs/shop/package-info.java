/**
 * {@code shop-v1}: a WebShop-like store. {@link dev.stepgym.envs.shop.ShopEnvironmentProvider} opens one
 * shared {@link dev.stepgym.envs.shop.ShopStore} (catalog, BM25 index, task splits); each episode is a small
 * {@link dev.stepgym.envs.shop.ShopEnvironment} that holds ids into it. Rewards: the WebShop outcome split
 * into components at purchase, potential-based {@code progress} shaping every step, {@code invalid_action}
 * penalties.
 */
package dev.stepgym.envs.shop;
