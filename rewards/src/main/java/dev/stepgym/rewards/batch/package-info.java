/** Request batching: many episodes' model calls gathered into one forward pass. */
package dev.stepgym.rewards.batch;
