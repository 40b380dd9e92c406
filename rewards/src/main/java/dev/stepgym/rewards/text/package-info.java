/**
 * Answer-text normalisation and token-overlap scores (SQuAD bag F1, IGPO set F1, exact match) with
 * Python's string semantics reproduced exactly, so that rewards match the reference implementations.
 */
package dev.stepgym.rewards.text;
