package dev.stepgym.rewards.scoring;

import dev.stepgym.rewards.embed.DjlOffline;
import dev.stepgym.rewards.scoring.BeliefQuery.ChatTurn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Loads a real ONNX model through DJL and ONNX Runtime: a bigram LM written byte by byte
 * ({@link TinyOnnxModels}) with a word-level Hugging Face tokenizer, so every belief can be computed by
 * hand from the embedding table.
 */
@Tag("heavy")
class DjlCausalLmScorerTest {
    // Word-level vocabulary; ids are list positions.
    private static final List<String> VOCAB = List.of("[UNK]", "<|im_start|>", "<|im_end|>", "user", "assistant",
            "Who", "wrote", "Hamlet", "William", "Shakespeare", ">", "answer");
    private static final int V = VOCAB.size();
    private static final int GT = 10;
    private static final int WILLIAM = 8;
    private static final int SHAKESPEARE = 9;
    private static final int HAMLET = 7;

    /**
     * Row ">" (the last prefix token, which predicts the first gold token) gives William probability 0.5;
     * row William gives Shakespeare 0.25. Rows are shifted by +3 and -1: log-softmax must not care.
     */
    private static final float[][] TABLE = table();

    @TempDir
    static Path modelDir;

    @BeforeAll
    static void keepDjlOffline() {
        DjlOffline.ensure();
    }

    @Test
    void beliefIsGeometricMeanOfGoldTokenProbabilities() throws Exception {
        Path dir = writeModelDir("bigram-lm", false);
        try (DjlCausalLmScorer scorer = new DjlCausalLmScorer(config(dir, 16, 5))) {
            BeliefQuery query = query(List.of(new ChatTurn("user", "Who wrote Hamlet?")), "William Shakespeare");

            DjlCausalLmScorer.Encoded encoded = scorer.encode(ChatPrompt.of(query));
            long[] ids = encoded.ids();
            // Tokens: <|im_start|> user Who wrote Hamlet ? <|im_end|> <|im_start|> assistant < think >   (context, 12)
            //         Now there ' s enough information to answer </ think > < answer >                (prefix, 14)
            //         William Shakespeare                                                               (gold, 2)
            assertArrayEquals(new long[] {1, 3, 5, 6, 7, 0, 2, 1, 4, 0, 0, GT}, Arrays.copyOfRange(ids, 0, 12));
            assertEquals(26, encoded.goldStart());
            assertEquals(28, encoded.goldEnd());
            assertEquals(GT, ids[25]);
            assertArrayEquals(new long[] {WILLIAM, SHAKESPEARE}, Arrays.copyOfRange(ids, 26, 28));

            double p = scorer.belief(query).get(30, TimeUnit.SECONDS);

            assertEquals(Math.sqrt(0.5 * 0.25), p, 1e-5);
            assertEquals("djl:bigram-lm", scorer.source());
        }
    }

    @Test
    void batchedQueriesOfDifferentLengthsMatchTheirOwnBeliefs() throws Exception {
        Path dir = writeModelDir("bigram-lm-masked", true);
        try (DjlCausalLmScorer scorer = new DjlCausalLmScorer(config(dir, 2, 2_000))) {
            BeliefQuery shortQuery = query(List.of(new ChatTurn("user", "Who wrote Hamlet?")), "William Shakespeare");
            BeliefQuery longQuery = query(List.of(new ChatTurn("user", "Who wrote Hamlet?"),
                    new ChatTurn("assistant", "<search>Hamlet</search>"),
                    new ChatTurn("tool", "Hamlet William Shakespeare wrote")), "Hamlet");

            CompletableFuture<Double> first = scorer.belief(shortQuery);
            CompletableFuture<Double> second = scorer.belief(longQuery);

            assertEquals(Math.sqrt(0.5 * 0.25), first.get(30, TimeUnit.SECONDS), 1e-5);
            // Hamlet after ">" has probability (1 - 0.5) / (V - 1).
            assertEquals(0.5 / (V - 1), second.get(30, TimeUnit.SECONDS), 1e-5);
            assertEquals(handBelief(scorer.encode(ChatPrompt.of(longQuery))), second.get(), 1e-5);
        }
    }

    /** exp(mean over gold tokens of log softmax(E[previous id])[id]), straight from the table. */
    private static double handBelief(DjlCausalLmScorer.Encoded encoded) {
        double sum = 0;
        for (int j = encoded.goldStart(); j < encoded.goldEnd(); j++) {
            float[] row = TABLE[(int) encoded.ids()[j - 1]];
            double z = 0;
            for (float x : row) {
                z += Math.exp(x);
            }
            sum += row[(int) encoded.ids()[j]] - Math.log(z);
        }
        return Math.exp(sum / (encoded.goldEnd() - encoded.goldStart()));
    }

    private static float[][] table() {
        float[][] e = new float[V][V];
        for (int r = 0; r < V; r++) {
            for (int c = 0; c < V; c++) {
                e[r][c] = (float) Math.sin(r * 7.0 + c * 3.0);
            }
        }
        fillWithLogProbabilities(e[GT], WILLIAM, 0.5, 3f);
        fillWithLogProbabilities(e[WILLIAM], SHAKESPEARE, 0.25, -1f);
        return e;
    }

    private static void fillWithLogProbabilities(float[] row, int favourite, double probability, float shift) {
        double rest = (1 - probability) / (row.length - 1);
        for (int c = 0; c < row.length; c++) {
            row[c] = (float) Math.log(c == favourite ? probability : rest) + shift;
        }
    }

    private static Path writeModelDir(String name, boolean withMask) throws IOException {
        Path dir = Files.createDirectories(modelDir.resolve(name));
        Files.write(dir.resolve("model.onnx"), TinyOnnxModels.bigramLm(TABLE, withMask));
        Files.writeString(dir.resolve("tokenizer.json"), wordLevelTokenizer());
        return dir;
    }

    /** Hugging Face tokenizer.json: WordLevel model, Whitespace pre-tokenizer, ChatML markers as added tokens. */
    static String wordLevelTokenizer() {
        StringBuilder vocab = new StringBuilder();
        for (int i = 0; i < V; i++) {
            vocab.append(i == 0 ? "" : ",").append('"').append(VOCAB.get(i).replace("\"", "\\\"")).append("\":").append(i);
        }
        return """
                {
                  "version": "1.0",
                  "truncation": null,
                  "padding": null,
                  "added_tokens": [
                    {"id": 0, "content": "[UNK]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                    {"id": 1, "content": "<|im_start|>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                    {"id": 2, "content": "<|im_end|>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}
                  ],
                  "normalizer": null,
                  "pre_tokenizer": {"type": "Whitespace"},
                  "post_processor": null,
                  "decoder": null,
                  "model": {"type": "WordLevel", "vocab": {%s}, "unk_token": "[UNK]"}
                }
                """.formatted(vocab);
    }

    private static ScorerConfig config(Path dir, int maxBatch, int maxWaitMs) {
        return ScorerConfig.parse(Map.of("scorer.type", "djl", "scorer.model_dir", dir.toString(), "scorer.device", "cpu",
                "scorer.max_batch", String.valueOf(maxBatch), "scorer.max_wait_ms", String.valueOf(maxWaitMs)));
    }

    private static BeliefQuery query(List<ChatTurn> conversation, String gold) {
        return new BeliefQuery("Who wrote Hamlet?", conversation, gold, List.of(), List.of(), null);
    }
}
