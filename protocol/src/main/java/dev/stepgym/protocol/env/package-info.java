/**
 * The environment SPI. An {@link dev.stepgym.protocol.env.EnvironmentProvider} is found through
 * {@link java.util.ServiceLoader} by its versioned id; it opens an
 * {@link dev.stepgym.protocol.env.EnvironmentFactory} that owns the heavy shared resources (catalog,
 * index, browser pool) and makes one {@link dev.stepgym.protocol.env.Environment} per episode.
 * Environments are plain synchronous code; the server serialises calls per episode.
 */
package dev.stepgym.protocol.env;
