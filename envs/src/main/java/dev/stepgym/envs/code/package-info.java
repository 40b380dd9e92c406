/**
 * {@code code-v1}: Python repositories in Git workspaces behind pyright, with Lanser's language-server
 * process reward, sandboxed test runs and hidden-test outcomes.
 */
package dev.stepgym.envs.code;
