package dev.stepgym.envs.gui;

import java.util.List;

/**
 * Pages that misbehave on purpose (a script that never returns, a renderer that dies), reachable by task
 * id only: they show that an episode and the browser pool survive what a page can do. In no split.
 */
final class FaultTemplates {
    private FaultTemplates() {
    }

    static List<GuiTemplate> all() {
        return List.of();
    }
}
