/**
 * The WebShop purchase reward with thefuzz 0.19 / difflib semantics ({@link dev.stepgym.envs.shop.reward.TokenSetRatio},
 * {@link dev.stepgym.envs.shop.reward.ColorNormalizer}, {@link dev.stepgym.envs.shop.reward.WebShopReward}) and the
 * potential used for the shop's {@code progress} shaping component.
 */
package dev.stepgym.envs.shop.reward;
