package dev.stepgym.scenarios.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * searchqa as an agent plays it, following what the last observation shows, so queries and opened
 * documents vary: odd steps search (the question, then the question with the title of the last
 * opened document), even steps open a result, the last step answers.
 */
final class SearchQaActionMix implements ActionMix {
    private final int steps;
    private String question = "";
    private String lastTitle = "";

    SearchQaActionMix(int steps) {
        this.steps = steps;
    }

    @Override
    public String next(int step, JsonNode data) {
        if (step == 1) {
            question = data.path("question").asText("");
        }
        JsonNode results = data.path("results");
        if (step >= steps) {
            return "answer[" + (lastTitle.isEmpty() ? "unknown" : lastTitle) + "]";
        }
        if (step % 2 == 0 && results.size() > 0) {
            JsonNode hit = results.path((step / 2) % results.size());
            lastTitle = hit.path("title").asText("");
            return "open[" + hit.path("doc_id").asText() + "]";
        }
        return "search[" + (lastTitle.isEmpty() ? question : lastTitle + " " + question) + "]";
    }
}
