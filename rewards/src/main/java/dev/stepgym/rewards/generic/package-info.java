/** Signals every environment shares: the invalid-action penalty. */
package dev.stepgym.rewards.generic;
