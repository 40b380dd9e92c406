/**
 * {@code stepgym bench}: figures taken side by side in one run on this machine (never timed tests).
 * The protocol bench compares shop steps over {@code /v1/ws} with a raw Vert.x WebSocket echo under
 * the same client and measures heap per open episode.
 */
package dev.stepgym.scenarios.bench;
