package dev.stepgym.envs.gui;

import java.util.List;
import java.util.Map;

/**
 * One seeded task: a template at a seed.
 *
 * @param template  the template id (the page path under {@code /web/gui-v1/})
 * @param seed      the variant
 * @param instruction what the agent is asked to do
 * @param reference a trajectory that solves it (privileged: given to oracles only)
 */
public record GuiTask(String template, long seed, String instruction, List<ReferenceStep> reference) {
    public GuiTask {
        reference = List.copyOf(reference);
    }

    public String id() {
        return template + ":" + seed;
    }

    /** The task's first page, relative to the server's origin. */
    public String path() {
        return "/web/" + GuiEnvironmentProvider.ID + "/" + template + "?seed=" + seed;
    }

    /**
     * True when a page at this path (and query) belongs to the task: the agent may go there. Other
     * pages of the server (another env's, the API) are away from the task, and the step is refused.
     */
    public boolean within(String pathAndQuery) {
        return pathAndQuery.startsWith("/web/" + GuiEnvironmentProvider.ID + "/");
    }

    public List<Map<String, Object>> referenceJson() {
        return reference.stream().map(ReferenceStep::toJson).toList();
    }
}
