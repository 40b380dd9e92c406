/**
 * Sentence embeddings with DJL (ONNX Runtime + Hugging Face tokenizer) and the all-MiniLM-L6-v2
 * model shipped inside a Maven Central jar; DJL is kept offline before it loads.
 */
package dev.stepgym.rewards.embed;
