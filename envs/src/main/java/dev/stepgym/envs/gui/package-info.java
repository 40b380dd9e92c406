/**
 * {@code gui-v1}: MiniWoB-like tasks in a real headless Chromium (the sandbox module's browser pool).
 * Task pages are seeded HTML served by the StepGym server itself under {@code /web/gui-v1/}; each page
 * keeps its state in a {@code window.stepgym} object whose {@code check()} is the task's validate().
 * The agent sees the page's accessibility tree with element refs and acts on refs (click, type,
 * select, check), coordinates, keys, scrolling and going back. See docs/gui.md.
 */
package dev.stepgym.envs.gui;
