/**
 * Path confinement: every path an agent names goes through {@link dev.stepgym.sandbox.jail.WorkspaceJail}
 * before anything is read or written, so traversal, absolute paths, symlinks out of the
 * workspace and writes into {@code .git} are refused with a typed error.
 */
package dev.stepgym.sandbox.jail;
