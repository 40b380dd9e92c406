/**
 * Full-text search over the shop catalog: one in-memory Lucene BM25 index shared by every episode.
 */
package dev.stepgym.envs.shop.search;
