package dev.stepgym.envs.gui;

import java.util.Map;

/**
 * A MiniWoB-like task family. The same seed always gives the same task and the same pages. Every
 * page defines {@code window.stepgym.check()}, the task's validate(): it reads the page's own state
 * and returns {@code {subgoals: [bool...], failed: bool, state: {...}}}.
 */
public interface GuiTemplate {
    /** The page path below {@code /web/gui-v1/}: lower case words joined by dashes. */
    String id();

    GuiTask task(long seed);

    /**
     * The HTML of one of the task's pages.
     *
     * @param query the page's query parameters besides {@code seed} (a multi-page flow's later pages)
     */
    String page(long seed, Map<String, String> query);
}
