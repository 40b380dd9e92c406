package dev.stepgym.envs.searchqa;

import dev.stepgym.envs.searchqa.retrieval.SearchHit;
import dev.stepgym.protocol.Observation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a session as an observation: prompt-ready text, the concrete actions available and the
 * same content as structured data. Deterministic: the same session always renders the same bytes.
 */
final class SearchQaObservations {
    static final String SEARCH_TEMPLATE = "search[<query>]";
    static final String ANSWER_TEMPLATE = "answer[<text>]";

    private SearchQaObservations() {
    }

    static Observation render(SearchQaSession s, String error) {
        StringBuilder text = new StringBuilder();
        Map<String, Object> data = new LinkedHashMap<>();
        text.append("Question: ").append(s.question.text()).append('\n');
        data.put("question", s.question.text());
        data.put("retriever", s.retriever.name().toLowerCase(java.util.Locale.ROOT));
        if (s.done) {
            text.append("[Answered] ").append(s.answer).append('\n');
            data.put("answer", s.answer);
        } else if (s.document != null) {
            text.append("[Document ").append(s.document.id()).append("] ").append(s.document.title()).append('\n')
                    .append(s.document.text()).append('\n');
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("doc_id", s.document.id());
            doc.put("title", s.document.title());
            doc.put("text", s.document.text());
            data.put("document", doc);
        } else if (!s.queries.isEmpty()) {
            renderResults(s, text, data);
        } else {
            text.append("Search the encyclopedia with search[<query>], read a document with open[<doc id>], "
                    + "and finish with answer[<text>].\n");
        }
        if (!s.done && s.document != null && !s.results.isEmpty()) {
            text.append("(The last results are still open: ");
            text.append(String.join(", ", s.results.stream().map(SearchHit::documentId).toList())).append(")\n");
        }
        return new Observation(text.toString(), availableActions(s), data, error);
    }

    private static void renderResults(SearchQaSession s, StringBuilder text, Map<String, Object> data) {
        String query = s.queries.get(s.queries.size() - 1);
        text.append("[Results for \"").append(query).append("\"]\n");
        if (s.results.isEmpty()) {
            text.append("No documents matched.\n");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        int rank = 1;
        for (SearchHit hit : s.results) {
            text.append(rank++).append(". ").append(hit.documentId()).append(" | ").append(hit.title()).append('\n')
                    .append("   ").append(hit.snippet()).append('\n');
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("doc_id", hit.documentId());
            row.put("title", hit.title());
            row.put("snippet", hit.snippet());
            row.put("score", round(hit.score()));
            rows.add(row);
        }
        data.put("query", query);
        data.put("results", rows);
    }

    static List<String> availableActions(SearchQaSession s) {
        if (s.done) {
            return List.of();
        }
        List<String> actions = new ArrayList<>();
        actions.add(SEARCH_TEMPLATE);
        for (SearchHit hit : s.results) {
            actions.add("open[" + hit.documentId() + "]");
        }
        actions.add(ANSWER_TEMPLATE);
        return actions;
    }

    /** Scores rounded so that the data carries no float noise that would differ between platforms. */
    private static double round(double score) {
        return Double.isFinite(score) ? BigDecimal.valueOf(score).setScale(4, RoundingMode.HALF_EVEN).doubleValue() : 0.0;
    }
}
