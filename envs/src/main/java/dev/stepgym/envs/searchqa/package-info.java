/**
 * {@code searchqa-v1}: multi-hop question answering over a generated fictional encyclopedia (or a
 * user's HotpotQA / MuSiQue file), with StepSearch and IGPO step rewards.
 */
package dev.stepgym.envs.searchqa;
