/**
 * StepSearch's rule-based rewards (docs/reward-methods.md §2.2): per-search-step information gain
 * against gold support paragraphs (sklearn-compatible TF-IDF cosine), redundancy penalty,
 * search-key match, and the answer F1 outcome behind its format gate.
 */
package dev.stepgym.rewards.stepsearch;
