/**
 * The searchqa corpus: documents and multi-hop questions ({@link dev.stepgym.envs.searchqa.world.Corpus}),
 * generated as a seeded fictional encyclopedia ({@link dev.stepgym.envs.searchqa.world.WorldGenerator}) or
 * loaded from HotpotQA/MuSiQue files a user supplies.
 */
package dev.stepgym.envs.searchqa.world;
