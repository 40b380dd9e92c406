/**
 * Everything with an operating-system lifecycle, each behind try-with-resources: workspace jail,
 * process runner, Git workspaces, browser pool, language-server pool. Depends only on the protocol.
 */
package dev.stepgym.sandbox;
