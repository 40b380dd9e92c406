/**
 * Reward signals shared across environments, credit-assignment transforms and model-based scorers
 * (DESIGN.md §4). Depends only on the protocol.
 */
package dev.stepgym.rewards;
