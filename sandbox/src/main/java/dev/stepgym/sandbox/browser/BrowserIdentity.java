package dev.stepgym.sandbox.browser;

/**
 * Which browser a session runs in: the pool slot, the launch count of that slot (a crashed browser's
 * replacement gets the next generation) and the Chromium main process id (0 when it could not be found).
 */
public record BrowserIdentity(int slot, long generation, long pid, String version) {
}
