/**
 * The browser pool: a few warm Debian Chromium processes driven by Playwright for Java, shared by
 * many episodes, one fresh {@code BrowserContext} per episode ({@link dev.stepgym.sandbox.browser.BrowserPool},
 * {@link dev.stepgym.sandbox.browser.BrowserSession}). Each Playwright instance lives on a thread of its own
 * and is reached only through it; pages may talk to one origin only ({@link dev.stepgym.sandbox.browser.OriginGate}).
 * docs/gui.md tells how it works, its limits and its offline setup.
 */
package dev.stepgym.sandbox.browser;
