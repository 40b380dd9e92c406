package dev.stepgym.envs.searchqa.world;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads required fields of one entry of a user-supplied dataset file, failing with a message that names the
 * file, the entry and the field ({@code dev.json entry 3 (_id 5a8b57f2): field 'answer' is missing}).
 */
final class SourceFields {
    private final String where;

    /** @param where the file and entry, e.g. {@code hotpot_dev.json entry 3} */
    SourceFields(String where) {
        this.where = where;
    }

    /** This reader with more context appended, e.g. the entry's id once it is known. */
    SourceFields at(String more) {
        return new SourceFields(where + " " + more);
    }

    IllegalArgumentException error(String message) {
        return new IllegalArgumentException(where + ": " + message);
    }

    JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw error("field '" + field + "' is missing");
        }
        return value;
    }

    /** A string field; numbers and booleans are taken as their text (HotpotQA answers "yes"/"no" are strings). */
    String text(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isValueNode()) {
            throw error("field '" + field + "' must be a string, got " + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return value.asText();
    }

    JsonNode array(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isArray()) {
            throw error("field '" + field + "' must be an array, got " + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return value;
    }

    /** The strings of an array field; empty when the field is absent. */
    List<String> optionalTexts(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return out;
        }
        if (!value.isArray()) {
            throw error("field '" + field + "' must be an array of strings");
        }
        value.forEach(v -> out.add(v.asText()));
        return out;
    }
}
