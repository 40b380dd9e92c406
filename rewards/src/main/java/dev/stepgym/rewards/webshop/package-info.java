/**
 * WebShop's purchase reward (docs/webshop-reward.md) with thefuzz 0.19 / difflib semantics
 * ({@link dev.stepgym.rewards.webshop.TokenSetRatio}, {@link dev.stepgym.rewards.webshop.ColorNormalizer},
 * {@link dev.stepgym.rewards.webshop.WebShopReward}) over value records of the purchase and the goal,
 * the shop's progress potential, and the signals that turn the shop's evidence into the
 * {@code attribute_match}, {@code option_match}, {@code price_match}, {@code type_match} and
 * {@code progress} components. {@link dev.stepgym.rewards.webshop.WebShopEvidence} names the evidence
 * and context fields, so the environment that writes them and the signals that read them agree.
 */
package dev.stepgym.rewards.webshop;
