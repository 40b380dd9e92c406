/** The server configuration a scenario asks for (environment settings, reward weights, limits). */
package dev.stepgym.scenarios.server;
