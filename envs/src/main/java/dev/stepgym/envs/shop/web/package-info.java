/**
 * The store as real, stateless HTML pages (all state in the URL), for people and for browser-driven
 * agents: every control has a stable {@code id} and the button texts of the text environment.
 */
package dev.stepgym.envs.shop.web;
