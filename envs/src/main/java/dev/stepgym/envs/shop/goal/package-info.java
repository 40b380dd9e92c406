/**
 * Shopping goals and the task splits built from them: synthetic goals made from target products as
 * WebShop's {@code get_synthetic_goals} does (dict options), human goals from WebShop's annotation file
 * (list options), the price limit rule, and stable task ids per split.
 */
package dev.stepgym.envs.shop.goal;
