/**
 * Loads WebShop's own data files (products, attributes, human instructions) into a shop catalog and
 * goals, mirroring the normalisation of WebShop's {@code load_products} and {@code get_human_goals}.
 */
package dev.stepgym.envs.shop.webshop;
