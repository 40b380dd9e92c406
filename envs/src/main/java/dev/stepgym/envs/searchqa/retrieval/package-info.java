/**
 * Search over a searchqa {@link dev.stepgym.envs.searchqa.world.Corpus}: BM25 (Lucene), dense (a
 * {@link dev.stepgym.rewards.embed.TextEmbedder}, brute-force cosine) and their reciprocal-rank fusion, all behind
 * one thread-safe {@link dev.stepgym.envs.searchqa.retrieval.Retriever} that never throws on user text.
 */
package dev.stepgym.envs.searchqa.retrieval;
