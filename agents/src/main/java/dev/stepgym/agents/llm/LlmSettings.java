package dev.stepgym.agents.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the {@code openai} agent reaches its model. Built from the agent's options, with the
 * environment as fallback ({@code OPENAI_BASE_URL}; the key from the variable {@code api_key_env}
 * names, {@code OPENAI_API_KEY} by default). The key itself is never an option, so it cannot land
 * in a scenario file, a command line or a trajectory; {@link #toString()} leaves it out.
 *
 * @param baseUrl             endpoint root; requests go to {@code {baseUrl}/chat/completions}
 * @param model               the model name sent with every request
 * @param apiKey              sent as {@code Authorization: Bearer}; null sends no header (local servers)
 * @param temperature         sampling temperature
 * @param maxTokens           {@code max_tokens} of each reply
 * @param requestTimeout      bound of one request, headers and body
 * @param retries             further attempts after a 429, a 5xx, a timeout or a connection failure
 * @param retryBackoff        first wait between attempts, doubled each time, at most {@link #MAX_BACKOFF}
 * @param historyTurns        exchanges kept after the first message; older ones are dropped
 * @param maxObservationChars observation text longer than this is cut (the rest is announced, not sent)
 * @param useTools            send the environment's tool schemas as {@code tools}
 */
public record LlmSettings(URI baseUrl, String model, String apiKey, double temperature, int maxTokens,
                          Duration requestTimeout, int retries, Duration retryBackoff, int historyTurns,
                          int maxObservationChars, boolean useTools) {

    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_KEY_VARIABLE = "OPENAI_API_KEY";
    public static final String BASE_URL_VARIABLE = "OPENAI_BASE_URL";
    /** Upper bound of any wait between attempts, whatever Retry-After asks. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    public LlmSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("the openai agent needs a model: name it openai:MODEL (e.g. openai:gpt-4o-mini)");
        }
        if (!("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("LLM base URL must be an http(s) URL with a host, got '" + baseUrl + "'");
        }
        positive("max_tokens", maxTokens);
        positive("history_turns", historyTurns);
        positive("max_observation_chars", maxObservationChars);
        if (retries < 0 || retries > 20) {
            throw new IllegalArgumentException("retries must be between 0 and 20, got " + retries);
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature must be between 0 and 2, got " + temperature);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + requestTimeout);
        }
        if (retryBackoff.isNegative()) {
            throw new IllegalArgumentException("retry back-off must not be negative, got " + retryBackoff);
        }
    }

    /** Option names, as in {@code AgentConfig.options()} and scenario files. */
    public static final String MODEL = "model";
    public static final String BASE_URL = "base_url";
    public static final String API_KEY_ENV = "api_key_env";
    public static final String TEMPERATURE = "temperature";
    public static final String MAX_TOKENS = "max_tokens";
    public static final String TIMEOUT_SECONDS = "timeout_seconds";
    public static final String RETRIES = "retries";
    public static final String RETRY_BACKOFF_MS = "retry_backoff_ms";
    public static final String HISTORY_TURNS = "history_turns";
    public static final String MAX_OBSERVATION_CHARS = "max_observation_chars";
    public static final String USE_TOOLS = "use_tools";

    /**
     * Reads the settings from agent options, falling back to {@code environment} (a variable
     * lookup such as {@code System::getenv}).
     *
     * @throws IllegalArgumentException for a missing model, a malformed value (naming the option),
     *         or an {@code api_key_env} naming a variable that is not set
     */
    public static LlmSettings from(Map<String, Object> options, Function<String, String> environment) {
        String baseUrl = string(options, BASE_URL);
        if (baseUrl == null) {
            String fromEnvironment = environment.apply(BASE_URL_VARIABLE);
            baseUrl = fromEnvironment == null || fromEnvironment.isBlank() ? DEFAULT_BASE_URL : fromEnvironment.trim();
        }
        URI uri;
        try {
            uri = URI.create(stripTrailingSlash(baseUrl));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LLM base URL is not a URL: '" + baseUrl + "' (" + e.getMessage() + ")", e);
        }
        String keyVariable = string(options, API_KEY_ENV);
        String apiKey;
        if (keyVariable != null) {
            if (!keyVariable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("option api_key_env names an environment variable (e.g. OPENAI_API_KEY), not a key;"
                        + " got something that is not a variable name");
            }
            apiKey = environment.apply(keyVariable);
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("environment variable " + keyVariable + " (option api_key_env) is not set");
            }
        } else {
            apiKey = environment.apply(DEFAULT_KEY_VARIABLE);
        }
        return new LlmSettings(uri, string(options, MODEL),
                apiKey == null || apiKey.isBlank() ? null : apiKey.trim(),
                number(options, TEMPERATURE, 0.0),
                (int) whole(options, MAX_TOKENS, 1024),
                Duration.ofMillis(Math.round(number(options, TIMEOUT_SECONDS, 60.0) * 1000)),
                (int) whole(options, RETRIES, 3),
                Duration.ofMillis(whole(options, RETRY_BACKOFF_MS, 1000)),
                (int) whole(options, HISTORY_TURNS, 16),
                (int) whole(options, MAX_OBSERVATION_CHARS, 16_000),
                bool(options, USE_TOOLS, true));
    }

    /** {@code {baseUrl}/chat/completions}. */
    public URI chatCompletionsUri() {
        return URI.create(baseUrl + "/chat/completions");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LlmSettings[baseUrl=%s, model=%s, apiKey=%s, temperature=%s, maxTokens=%d, requestTimeout=%s,"
                        + " retries=%d, retryBackoff=%s, historyTurns=%d, maxObservationChars=%d, useTools=%s]",
                baseUrl, model, apiKey == null ? "none" : "(set)", temperature, maxTokens, requestTimeout, retries,
                retryBackoff, historyTurns, maxObservationChars, useTools);
    }

    private static String stripTrailingSlash(String url) {
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    private static String string(Map<String, Object> options, String key) {
        Object value = options.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("option " + key + " must be a non-empty string, got " + value);
        }
        return text.trim();
    }

    private static double number(Map<String, Object> options, String key, double fallback) {
        Object value = options.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " must be a number, got '" + value + "'", e);
        }
    }

    private static long whole(Map<String, Object> options, String key, long fallback) {
        double value = number(options, key, fallback);
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("option " + key + " must be a whole number, got " + options.get(key));
        }
        return (long) value;
    }

    private static boolean bool(Map<String, Object> options, String key, boolean fallback) {
        Object value = options.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("option " + key + " must be true or false, got '" + value + "'");
    }
}
