/**
 * Bounded memory of pure computations shared by every episode of a process: what one episode
 * computed from a corpus text (its term counts, its retrieval results) another need not redo.
 */
package dev.stepgym.rewards.cache;
