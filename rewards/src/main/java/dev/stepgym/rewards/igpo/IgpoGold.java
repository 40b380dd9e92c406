package dev.stepgym.rewards.igpo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.json.Json;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * IGPO's gold-answer conventions. A gold string may hold alternatives joined by
 * {@code <|answer_split|>}: the outcome takes the best of them, the belief scorer only the first.
 * Fact-checking data sets (Factbench, politifact, liar2) give a JSON list of labels instead, which
 * collapses to {@code "false"} if any label is false, otherwise {@code "true"}.
 *
 * <pre>{@code
 * IgpoGold.alternatives("NYC<|answer_split|>New York")         // ["NYC", "New York"]
 * IgpoGold.factCheckVerdict("[{\"label\":\"True\"},{\"label\":\"FALSE\"}]")   // "false"
 * }</pre>
 */
public final class IgpoGold {
    /** The separator between gold alternatives. */
    public static final String ANSWER_SPLIT = "<|answer_split|>";

    private static final Pattern SPLIT = Pattern.compile(Pattern.quote(ANSWER_SPLIT));

    private IgpoGold() {
    }

    /** Every alternative, empty ones included (Python's {@code str.split} keeps them). */
    public static List<String> alternatives(String gold) {
        if (gold == null) {
            throw new IllegalArgumentException("gold answer must not be null");
        }
        return Arrays.asList(SPLIT.split(gold, -1));
    }

    /** The alternative the belief scorer uses: the first. */
    public static String first(String gold) {
        return alternatives(gold).get(0);
    }

    /**
     * Collapses a fact-check gold to one verdict. Elements are objects with a {@code label} field (the
     * reference's format) or bare label strings; labels compare case-insensitively with "false".
     */
    public static String factCheckVerdict(String labelsJson) {
        if (labelsJson == null) {
            throw new IllegalArgumentException("fact-check labels must not be null");
        }
        JsonNode labels;
        try {
            labels = Json.tree(labelsJson);
        } catch (StepGymException e) {
            throw new IllegalArgumentException("fact-check labels are not valid JSON: " + e.getMessage(), e);
        }
        if (!labels.isArray()) {
            throw new IllegalArgumentException("fact-check labels must be a JSON list, got: " + labels.getNodeType());
        }
        for (JsonNode item : labels) {
            JsonNode label = item.isObject() ? item.get("label") : item;
            if (label == null || !label.isTextual()) {
                throw new IllegalArgumentException("fact-check label must be a string or {\"label\": string}, got: " + item);
            }
            if (label.asText().toLowerCase(Locale.ROOT).equals("false")) {
                return "false";
            }
        }
        return "true";
    }
}
