/**
 * The shop's product catalog: the {@link dev.stepgym.envs.shop.catalog.Product} record, the shared
 * read-only {@link dev.stepgym.envs.shop.catalog.Catalog}, and the deterministic generator of a
 * WebShop-like catalog from a seed.
 */
package dev.stepgym.envs.shop.catalog;
