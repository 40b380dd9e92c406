/**
 * Rewards as a service, for trainers with environments of their own: score a sequence of steps'
 * evidence with a pipeline, or apply a transform to a group of reward sequences. The same JSON
 * in and out serves {@code POST /v1/rewards/score}, {@code POST /v1/rewards/transform} and
 * {@code stepgym rewards score|transform --input FILE}.
 */
package dev.stepgym.rewards.service;
