package dev.stepgym.rewards.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.rewards.batch.MicroBatcher;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * IGPO's {@code p_t} read from an OpenAI-compatible completions endpoint, the way users serve their
 * policy with vLLM ({@code vllm serve Qwen/Qwen2.5-7B-Instruct}). The scored text ({@link ChatPrompt})
 * is sent as the prompt with {@code echo: true, logprobs: 0, max_tokens: 1}; the endpoint answers the
 * log-prob of every prompt token, and {@code p = exp(mean log-prob of the gold-answer tokens)}.
 *
 * <pre>{@code
 * ScorerConfig config = ScorerConfig.parse(Map.of("scorer.type", "openai",
 *         "scorer.base_url", "http://127.0.0.1:8000/v1", "scorer.model", "Qwen/Qwen2.5-7B-Instruct"));
 * try (BeliefScorer scorer = new OpenAiCompletionsScorer(config)) {
 *     double p = scorer.belief(query).join();
 * }
 * }</pre>
 *
 * <p><b>Which tokens are the gold answer.</b> The reply gives each echoed token's {@code text_offset}
 * (in characters, counted as Python counts them: Unicode code points). A token belongs to the gold
 * answer when its offset lies in the gold span {@code [start, end)}, or when it starts before the span
 * and ends inside or past its start (a BPE merge across the prefix/gold join). A token ends where
 * the next one starts. Tokens with a {@code null} log-prob (the very first prompt token) are left out.
 * The server tokenises the joined text, so a merge across a join can differ from IGPO's separately
 * tokenised parts by a token; the local {@link DjlCausalLmScorer} tokenises the parts separately.
 *
 * <p><b>vLLM alternative.</b> vLLM also accepts {@code "prompt_logprobs": 0} (an extension) and then
 * answers {@code choices[i].prompt_logprobs}, a list of {@code {token_id: {logprob, decoded_token}}}
 * maps without character offsets; the standard {@code echo} route used here gives the offsets needed
 * to find the gold span.
 *
 * <p><b>Batching and failure.</b> Concurrent queries are gathered by a {@link MicroBatcher} into one
 * request whose {@code prompt} is a list (one choice per prompt, matched by {@code index}); several
 * requests can be in flight at once. Every attempt has a connect and a request timeout; I/O errors,
 * timeouts, HTTP 429 and 5xx are retried {@code retries} times with a short backoff; so a belief
 * fails, with a {@link BeliefUnavailableException} naming the cause, after at most about
 * {@code (retries + 1) * timeout} plus the backoff.
 */
public final class OpenAiCompletionsScorer implements BeliefScorer {
    private static final int BODY_EXCERPT_CHARS = 300;
    private static final long BACKOFF_MILLIS = 100;

    private final URI endpoint;
    private final String model;
    private final String source;
    private final String apiKey;
    private final Duration timeout;
    private final int retries;
    private final HttpClient client;
    private final MicroBatcher<ChatPrompt, CompletableFuture<Double>> batcher;

    public OpenAiCompletionsScorer(ScorerConfig config) {
        if (config.baseUrl() == null || config.model() == null) {
            throw new IllegalArgumentException("an OpenAI completions scorer needs scorer.base_url and scorer.model");
        }
        String base = config.baseUrl().toString();
        this.endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/completions");
        this.model = config.model();
        this.source = BeliefScorers.sourceOf(config);
        this.apiKey = config.apiKey();
        this.timeout = config.timeout();
        this.retries = config.retries();
        // HTTP/1.1: vLLM's server (uvicorn) speaks no HTTP/2, and an h2c upgrade attempt buys nothing.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
        this.batcher = new MicroBatcher<>("belief-openai", config.maxBatch(), config.maxWait(), this::sendBatch);
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public CompletableFuture<Double> belief(BeliefQuery query) {
        ChatPrompt prompt;
        try {
            prompt = ChatPrompt.of(query);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new BeliefUnavailableException(e.getMessage(), e));
        }
        return batcher.submit(prompt).thenCompose(f -> f).exceptionallyCompose(e -> {
            Throwable cause = unwrap(e);
            return CompletableFuture.failedFuture(cause instanceof BeliefUnavailableException ? cause
                    : new BeliefUnavailableException("belief request to " + endpoint + " failed: " + cause, cause));
        });
    }

    /** The URL beliefs are read from: {@code base_url + "/completions"}. */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        batcher.close();
    }

    /**
     * Runs on the batcher's thread: starts one request for the whole batch and returns at once, so the
     * next batch can be gathered while this one is in flight.
     */
    private List<CompletableFuture<Double>> sendBatch(List<ChatPrompt> prompts) {
        CompletableFuture<JsonNode[]> choices = post(requestBody(prompts), 0)
                .thenApply(body -> choicesByIndex(body, prompts.size()));
        List<CompletableFuture<Double>> beliefs = new ArrayList<>(prompts.size());
        for (int i = 0; i < prompts.size(); i++) {
            int index = i;
            beliefs.add(choices.thenApply(all -> beliefOf(all[index], prompts.get(index))));
        }
        return beliefs;
    }

    private String requestBody(List<ChatPrompt> prompts) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("model", model);
        if (prompts.size() == 1) {
            // A single string is what every OpenAI-compatible server accepts; lists are for batches.
            body.put("prompt", prompts.get(0).text());
        } else {
            ArrayNode list = body.putArray("prompt");
            prompts.forEach(p -> list.add(p.text()));
        }
        body.put("max_tokens", 1);
        body.put("echo", true);
        body.put("logprobs", 0);
        body.put("temperature", 0);
        return body.toString();
    }

    private CompletableFuture<String> post(String body, int attempt) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        // The request timeout stops waiting for headers only; orTimeout also bounds reading the body.
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = unwrap(error);
                        BeliefUnavailableException failure = describe(cause, attempt);
                        boolean retryable = cause instanceof IOException || cause instanceof TimeoutException;
                        return retryable && attempt < retries ? retryLater(body, attempt) : CompletableFuture.<String>failedFuture(failure);
                    }
                    int status = response.statusCode();
                    if (status / 100 == 2) {
                        return CompletableFuture.completedFuture(response.body());
                    }
                    if ((status == 429 || status >= 500) && attempt < retries) {
                        return retryLater(body, attempt);
                    }
                    return CompletableFuture.<String>failedFuture(new BeliefUnavailableException(
                            "HTTP " + status + " from " + endpoint + ": " + excerpt(response.body())));
                })
                .thenCompose(f -> f);
    }

    private CompletableFuture<String> retryLater(String body, int attempt) {
        long delay = BACKOFF_MILLIS << attempt;
        return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS))
                .thenCompose(ignored -> post(body, attempt + 1));
    }

    private BeliefUnavailableException describe(Throwable cause, int attempt) {
        String attempts = attempt == 0 ? "" : " (after " + (attempt + 1) + " attempts)";
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return new BeliefUnavailableException("belief endpoint " + endpoint + " timed out after "
                    + timeout.toMillis() + " ms" + attempts, cause);
        }
        if (cause instanceof ConnectException) {
            return new BeliefUnavailableException("belief endpoint " + endpoint + " is unreachable" + attempts
                    + ": connection refused or failed (" + cause + ")", cause);
        }
        if (cause instanceof BeliefUnavailableException b) {
            return b;
        }
        return new BeliefUnavailableException("request to belief endpoint " + endpoint + " failed" + attempts + ": " + cause, cause);
    }

    private JsonNode[] choicesByIndex(String body, int prompts) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new BeliefUnavailableException("malformed JSON from " + endpoint + ": " + e.getOriginalMessage()
                    + "; reply began: " + excerpt(body), e);
        }
        JsonNode choices = root == null ? null : root.get("choices");
        if (choices == null || !choices.isArray()) {
            String error = root != null && root.has("error") ? " (error: " + excerpt(root.get("error").toString()) + ")" : "";
            throw new BeliefUnavailableException("reply from " + endpoint + " has no 'choices' array" + error + ": " + excerpt(body));
        }
        JsonNode[] byIndex = new JsonNode[prompts];
        for (int position = 0; position < choices.size(); position++) {
            JsonNode choice = choices.get(position);
            int index = choice.path("index").asInt(position);
            if (index < 0 || index >= prompts) {
                throw new BeliefUnavailableException("reply from " + endpoint + " has a choice with index " + index
                        + " for " + prompts + " prompts");
            }
            byIndex[index] = choice;
        }
        return byIndex;
    }

    private double beliefOf(JsonNode choice, ChatPrompt prompt) {
        if (choice == null) {
            throw new BeliefUnavailableException("reply from " + endpoint + " has no choice for one of the prompts");
        }
        JsonNode logprobs = choice.path("logprobs");
        JsonNode tokens = logprobs.path("tokens");
        JsonNode tokenLogprobs = logprobs.path("token_logprobs");
        JsonNode offsets = logprobs.path("text_offset");
        if (!tokens.isArray() || !tokenLogprobs.isArray() || !offsets.isArray()) {
            throw new BeliefUnavailableException("reply from " + endpoint + " lacks logprobs.tokens, token_logprobs"
                    + " or text_offset; does the server support echo with logprobs? choice: " + excerpt(choice.toString()));
        }
        int n = tokens.size();
        if (tokenLogprobs.size() != n || offsets.size() != n) {
            throw new BeliefUnavailableException("reply from " + endpoint + " has " + n + " tokens but "
                    + tokenLogprobs.size() + " log-probs and " + offsets.size() + " offsets");
        }
        String[] tokenTexts = new String[n];
        Double[] values = new Double[n];
        int[] starts = new int[n];
        for (int i = 0; i < n; i++) {
            tokenTexts[i] = tokens.get(i).asText("");
            JsonNode lp = tokenLogprobs.get(i);
            values[i] = lp == null || lp.isNull() ? null : lp.asDouble();
            starts[i] = offsets.get(i).asInt();
        }
        String text = prompt.text();
        // Offsets count code points (Python string indices); Java indexes UTF-16 units.
        int spanStart = text.codePointCount(0, prompt.goldStart());
        int spanEnd = text.codePointCount(0, prompt.goldEnd());
        return geometricMeanProbability(tokenTexts, values, starts, spanStart, spanEnd);
    }

    /**
     * {@code exp(mean log-prob)} over the tokens of the span {@code [spanStart, spanEnd)} (code points),
     * by the rule in the class comment; null log-probs are skipped.
     *
     * @throws BeliefUnavailableException when no token with a log-prob falls in the span
     */
    static double geometricMeanProbability(String[] tokens, Double[] logprobs, int[] starts, int spanStart, int spanEnd) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < tokens.length; i++) {
            int start = starts[i];
            int end = i + 1 < tokens.length ? starts[i + 1] : start + tokens[i].codePointCount(0, tokens[i].length());
            boolean startsInside = start >= spanStart && start < spanEnd;
            boolean straddlesStart = start < spanStart && end > spanStart;
            if ((startsInside || straddlesStart) && logprobs[i] != null) {
                sum += logprobs[i];
                count++;
            }
        }
        if (count == 0) {
            throw new BeliefUnavailableException("no echoed token with a log-prob lies in the gold-answer span ["
                    + spanStart + ", " + spanEnd + ") of " + tokens.length + " echoed tokens; does the server echo the prompt?");
        }
        double p = Math.exp(sum / count);
        if (Double.isNaN(p)) {
            throw new BeliefUnavailableException("log-probs of the gold answer are not numbers");
        }
        return Math.min(1.0, p);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String excerpt(String body) {
        if (body == null) {
            return "<no body>";
        }
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= BODY_EXCERPT_CHARS ? oneLine : oneLine.substring(0, BODY_EXCERPT_CHARS) + "…";
    }
}
