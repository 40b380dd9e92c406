package dev.stepgym.envs.gui;

import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.env.WebPages;

import java.util.LinkedHashMap;
import java.util.Map;

/** Serves the task pages: {@code /web/gui-v1/<template>?seed=N}; the home page lists the templates. */
final class GuiWebPages implements WebPages {
    private final GuiTemplates templates;

    GuiWebPages(GuiTemplates templates) {
        this.templates = templates;
    }

    @Override
    public Page render(String path, Map<String, String> query) {
        if (path.isEmpty()) {
            StringBuilder body = new StringBuilder("<h1>gui-v1 tasks</h1><ul>");
            templates.ids().forEach(id -> body.append("<li><a href=\"").append(id).append("?seed=0\">").append(id).append("</a></li>"));
            return Page.html(GuiHtml.page("gui-v1", body.append("</ul>").toString(),
                    "function check() { return {subgoals: [], failed: false, state: {}}; }"));
        }
        GuiTemplate template;
        try {
            template = templates.template(path);
        } catch (StepGymException e) {
            return Page.notFound(path);
        }
        long seed;
        try {
            seed = Long.parseLong(query.getOrDefault("seed", "0"));
        } catch (NumberFormatException e) {
            return new Page(400, "text/plain; charset=utf-8", "seed must be an integer");
        }
        Map<String, String> rest = new LinkedHashMap<>(query);
        rest.remove("seed");
        return Page.html(template.page(seed, rest));
    }
}
