/**
 * Trajectory recording: one JSONL file per episode ({@code <record-dir>/<env-id>/<episode-id>.jsonl})
 * holding a header line, one line per step and an end line (DESIGN.md §3). Each line is written whole
 * in a single write, so a crash can tear at most the last line, which {@link
 * dev.stepgym.protocol.record.TrajectoryReader} detects and skips.
 */
package dev.stepgym.protocol.record;
