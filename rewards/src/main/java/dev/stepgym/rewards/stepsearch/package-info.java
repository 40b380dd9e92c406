/**
 * StepSearch's rule-based rewards (docs/reward-methods.md §2.2): per-search-step information gain
 * against gold support paragraphs (sklearn-compatible TF-IDF cosine), redundancy penalty,
 * search-key match, and the answer F1 outcome behind its format gate; and the reward signals over
 * evidence that use them ({@code information_gain}, {@code redundancy_penalty}, {@code answer_f1},
 * {@code answer_em}, {@code search_key_match}, {@code format_gate}).
 */
package dev.stepgym.rewards.stepsearch;
