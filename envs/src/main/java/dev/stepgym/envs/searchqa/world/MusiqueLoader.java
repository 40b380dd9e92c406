package dev.stepgym.envs.searchqa.world;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepgym.protocol.json.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a MuSiQue file (JSONL, e.g. {@code musique_ans_v1.0_dev.jsonl}): one object per line with {@code id},
 * {@code question}, {@code answer}, {@code answer_aliases}, {@code answerable}, {@code paragraphs}
 * ({@code [{idx, title, paragraph_text, is_supporting}]}) and {@code question_decomposition}
 * ({@code [{id, question, answer, paragraph_support_idx}]}). Blank lines are skipped.
 *
 * <p>Hops are the decomposition steps: {@code #k} in a step's question is replaced by step k's answer, the query
 * is that sub-question with MuSiQue's {@code >>} composition marks turned into spaces, and the gold document is
 * the paragraph at {@code paragraph_support_idx}. Supporting documents are those paragraphs in hop order.
 * Documents are deduplicated across the file by (title, text); ids {@code musique-00000} in order of first
 * appearance. Questions marked {@code answerable: false} are skipped unless asked for; their hops may then have
 * no document (null) when the supporting paragraph was removed from the context.
 *
 * <pre>{@code Corpus corpus = MusiqueLoader.load(Path.of("musique_ans_v1.0_dev.jsonl"), "dev");}</pre>
 */
public final class MusiqueLoader {
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final Pattern REFERENCE = Pattern.compile("#(\\d+)");

    private MusiqueLoader() {
    }

    /** Loads the answerable questions of {@code file}, all in {@code split}. */
    public static Corpus load(Path file, String split) {
        return load(file, split, false);
    }

    /**
     * @throws IllegalArgumentException when the file is unreadable, a line is not a JSON object, a field is
     *                                  missing, a step refers to a missing paragraph or a later step, or no
     *                                  question is left
     */
    public static Corpus load(Path file, String split, boolean includeUnanswerable) {
        if (split == null || split.isBlank()) {
            throw new IllegalArgumentException("a split name is required to load " + file);
        }
        Map<String, Document> documents = new LinkedHashMap<>();
        List<Question> questions = new ArrayList<>();
        int skipped = 0;
        int lineNumber = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                SourceFields fields = new SourceFields(file + " line " + lineNumber);
                JsonNode item;
                try {
                    item = MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    throw fields.error("not valid JSON: " + e.getOriginalMessage());
                }
                if (item == null || !item.isObject()) {
                    throw fields.error("must be a JSON object");
                }
                JsonNode answerable = item.get("answerable");
                boolean isAnswerable = answerable == null || answerable.isNull() || answerable.asBoolean();
                if (!isAnswerable && !includeUnanswerable) {
                    skipped++;
                    continue;
                }
                questions.add(question(item, fields, split, isAnswerable, documents));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read MuSiQue file " + file + " (after line " + lineNumber + "): "
                    + e.getMessage(), e);
        }
        if (questions.isEmpty()) {
            throw new IllegalArgumentException(file + ": the MuSiQue file holds no " + (includeUnanswerable ? "" : "answerable ")
                    + "question" + (skipped > 0 ? " (" + skipped + " unanswerable skipped)" : ""));
        }
        return new Corpus("musique:" + file.getFileName(), List.copyOf(documents.values()), questions);
    }

    private static Question question(JsonNode item, SourceFields fields, String split, boolean answerable,
                                     Map<String, Document> documents) {
        String id = fields.text(item, "id");
        SourceFields at = fields.at("(id " + id + ")");
        String text = at.text(item, "question");
        String answer = at.text(item, "answer");
        List<String> aliases = at.optionalTexts(item, "answer_aliases");

        Map<Integer, String> idByIdx = new HashMap<>();
        JsonNode paragraphs = at.array(item, "paragraphs");
        for (int i = 0; i < paragraphs.size(); i++) {
            JsonNode p = paragraphs.get(i);
            SourceFields pf = at.at("paragraphs[" + i + "]");
            JsonNode idx = pf.required(p, "idx");
            if (!idx.canConvertToInt()) {
                throw pf.error("field 'idx' must be an integer");
            }
            String title = pf.text(p, "title");
            String body = pf.text(p, "paragraph_text");
            Document doc = documents.computeIfAbsent(title + '\u0000' + body, k -> new Document(
                    String.format(Locale.ROOT, "musique-%05d", documents.size()), title, body));
            idByIdx.putIfAbsent(idx.asInt(), doc.id());
        }

        JsonNode steps = at.array(item, "question_decomposition");
        if (steps.isEmpty()) {
            throw at.error("field 'question_decomposition' is empty");
        }
        List<Hop> hops = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        Set<String> supporting = new LinkedHashSet<>();
        List<List<String>> searchKeys = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            SourceFields sf = at.at("question_decomposition[" + i + "]");
            String subQuestion = substitute(sf.text(step, "question"), answers, sf);
            String stepAnswer = sf.text(step, "answer");
            String documentId = null;
            JsonNode support = step.get("paragraph_support_idx");
            if (support != null && support.canConvertToInt()) {
                documentId = idByIdx.get(support.asInt());
            }
            if (documentId == null && answerable) {
                throw sf.error("paragraph_support_idx " + (support == null ? "is missing" : support
                        + " is not the idx of a paragraph"));
            }
            String query = subQuestion.replace(">>", " ").replaceAll("\\s+", " ").strip();
            hops.add(new Hop(subQuestion, query, stepAnswer, documentId));
            answers.add(stepAnswer);
            if (documentId != null) {
                supporting.add(documentId);
            }
            searchKeys.add(List.of(query));
        }
        return new Question(id, split, text, answer, aliases, hops, List.copyOf(supporting), searchKeys);
    }

    /** Replaces {@code #k} by the answer of step k (1-based); a reference to this or a later step is an error. */
    private static String substitute(String question, List<String> answers, SourceFields fields) {
        Matcher m = REFERENCE.matcher(question);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            // A number of more than three digits can only be out of range (and might overflow an int).
            int k = m.group(1).length() > 3 ? 0 : Integer.parseInt(m.group(1));
            if (k < 1 || k > answers.size()) {
                throw fields.error("question refers to " + m.group() + " but only " + answers.size()
                        + " earlier step(s) exist");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(answers.get(k - 1)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
