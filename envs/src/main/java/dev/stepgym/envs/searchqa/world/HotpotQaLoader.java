package dev.stepgym.envs.searchqa.world;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepgym.protocol.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a HotpotQA file (the distractor or fullwiki dev/train JSON): an array of objects with {@code _id},
 * {@code question}, {@code answer}, {@code supporting_facts} ({@code [[title, sentence index], …]}),
 * {@code context} ({@code [[title, [sentence, …]], …]}) and optionally {@code type} and {@code level}, read as a
 * stream, entry by entry.
 *
 * <p>Documents are the context paragraphs, text = the sentences stripped and joined by spaces, deduplicated
 * across the file by (title, text); ids {@code hotpot-00000} in order of first appearance. Supporting documents
 * are the titles of {@code supporting_facts} in their order, without repeats.
 *
 * <p>HotpotQA gives no decomposition, so hops are an approximation: one per supporting document, in that order;
 * the last hop asks the question and has the gold answer; each earlier ("bridge") hop has the synthetic
 * sub-question {@code About <title>} and the title as its answer (in bridge questions the bridge entity is
 * usually the title of the other paragraph). Every hop's query and search-key group is the document's title.
 * HotpotQA has no answer aliases.
 *
 * <pre>{@code Corpus corpus = HotpotQaLoader.load(Path.of("hotpot_dev_distractor_v1.json"), "dev");}</pre>
 */
public final class HotpotQaLoader {
    private static final ObjectMapper MAPPER = Json.mapper();

    private HotpotQaLoader() {
    }

    /**
     * @param split the split every question of the file gets
     * @throws IllegalArgumentException when the file is unreadable, not a JSON array, holds no question, or an
     *                                  entry lacks a field or names a supporting title absent from its context
     */
    public static Corpus load(Path file, String split) {
        if (split == null || split.isBlank()) {
            throw new IllegalArgumentException("a split name is required to load " + file);
        }
        String fileName = String.valueOf(file.getFileName());
        Map<String, Document> documents = new LinkedHashMap<>();
        List<Question> questions = new ArrayList<>();
        int entry = 0;
        try (InputStream in = Files.newInputStream(file); JsonParser parser = MAPPER.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException(file + ": a HotpotQA file must hold a JSON array of questions");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new IllegalArgumentException(file + ": the JSON array is not closed");
                }
                SourceFields fields = new SourceFields(file + " entry " + entry);
                if (token != JsonToken.START_OBJECT) {
                    throw fields.error("must be a JSON object");
                }
                JsonNode item = MAPPER.readTree(parser);
                questions.add(question(item, fields, split, documents));
                entry++;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read HotpotQA file " + file + " (at entry " + entry + "): "
                    + e.getMessage(), e);
        }
        if (questions.isEmpty()) {
            throw new IllegalArgumentException(file + ": the HotpotQA file holds no question");
        }
        return new Corpus("hotpotqa:" + fileName, List.copyOf(documents.values()), questions);
    }

    private static Question question(JsonNode item, SourceFields fields, String split, Map<String, Document> documents) {
        String id = fields.text(item, "_id");
        SourceFields at = fields.at("(_id " + id + ")");
        String text = at.text(item, "question");
        String answer = at.text(item, "answer");

        Map<String, String> idByTitle = new HashMap<>();
        JsonNode context = at.array(item, "context");
        for (int i = 0; i < context.size(); i++) {
            JsonNode paragraph = context.get(i);
            if (!paragraph.isArray() || paragraph.size() != 2 || !paragraph.get(0).isTextual() || !paragraph.get(1).isArray()) {
                throw at.error("context[" + i + "] must be [title, [sentences…]]");
            }
            List<String> sentences = new ArrayList<>();
            paragraph.get(1).forEach(s -> sentences.add(s.asText().strip()));
            String title = paragraph.get(0).asText();
            String body = String.join(" ", sentences).strip();
            Document doc = documents.computeIfAbsent(title + '\u0000' + body, k -> new Document(
                    String.format(Locale.ROOT, "hotpot-%05d", documents.size()), title, body));
            idByTitle.putIfAbsent(title, doc.id());
        }

        Set<String> titles = new LinkedHashSet<>();
        JsonNode facts = at.array(item, "supporting_facts");
        for (int i = 0; i < facts.size(); i++) {
            JsonNode fact = facts.get(i);
            if (!fact.isArray() || fact.isEmpty() || !fact.get(0).isTextual()) {
                throw at.error("supporting_facts[" + i + "] must be [title, sentence index]");
            }
            String title = fact.get(0).asText();
            if (!idByTitle.containsKey(title)) {
                throw at.error("supporting_facts title '" + title + "' is not in context");
            }
            titles.add(title);
        }
        if (titles.isEmpty()) {
            throw at.error("field 'supporting_facts' is empty");
        }

        List<Hop> hops = new ArrayList<>();
        List<String> supporting = new ArrayList<>();
        List<List<String>> searchKeys = new ArrayList<>();
        int n = 0;
        for (String title : titles) {
            boolean last = ++n == titles.size();
            String documentId = idByTitle.get(title);
            hops.add(new Hop(last ? text : "About " + title, title, last ? answer : title, documentId));
            supporting.add(documentId);
            searchKeys.add(List.of(title));
        }
        return new Question(id, split, text, answer, List.of(), hops, supporting, searchKeys);
    }
}
