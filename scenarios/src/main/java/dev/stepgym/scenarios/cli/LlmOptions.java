package dev.stepgym.scenarios.cli;

import dev.stepgym.agents.llm.LlmSettings;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code openai:MODEL} agent's flags, turned into agent options ({@link LlmSettings} names).
 * Flags left out are not set, so the agent falls back to its environment variables and defaults.
 * The API key never appears on a command line: {@code --llm-api-key-env} names the variable holding it.
 */
final class LlmOptions {
    @Option(names = "--llm-base-url", paramLabel = "URL",
            description = "chat-completions endpoint root for openai:MODEL agents, e.g. http://127.0.0.1:8000/v1"
                    + " (default: $OPENAI_BASE_URL, else " + LlmSettings.DEFAULT_BASE_URL + ")")
    String baseUrl;

    @Option(names = "--llm-api-key-env", paramLabel = "NAME",
            description = "environment variable holding the API key (default: OPENAI_API_KEY; none set: no key sent)")
    String apiKeyEnv;

    @Option(names = "--llm-temperature", paramLabel = "T", description = "sampling temperature (default: 0)")
    Double temperature;

    @Option(names = "--llm-max-tokens", paramLabel = "N", description = "max_tokens of each reply (default: 1024)")
    Integer maxTokens;

    @Option(names = "--llm-timeout-seconds", paramLabel = "S", description = "bound of one request (default: 60)")
    Double timeoutSeconds;

    @Option(names = "--llm-retries", paramLabel = "N",
            description = "retries after a 429, a 5xx, a timeout or a connection failure, with exponential back-off (default: 3)")
    Integer retries;

    /** The agent options these flags give; only the flags that were used. */
    Map<String, Object> agentOptions() {
        Map<String, Object> options = new LinkedHashMap<>();
        put(options, LlmSettings.BASE_URL, baseUrl);
        put(options, LlmSettings.API_KEY_ENV, apiKeyEnv);
        put(options, LlmSettings.TEMPERATURE, temperature);
        put(options, LlmSettings.MAX_TOKENS, maxTokens);
        put(options, LlmSettings.TIMEOUT_SECONDS, timeoutSeconds);
        put(options, LlmSettings.RETRIES, retries);
        return options;
    }

    private static void put(Map<String, Object> options, String key, Object value) {
        if (value != null) {
            options.put(key, value);
        }
    }
}
