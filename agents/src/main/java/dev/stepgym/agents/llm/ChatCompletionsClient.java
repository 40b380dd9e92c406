package dev.stepgym.agents.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.json.Json;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST {base_url}/chat/completions} in the OpenAI wire format, with {@code java.net.http}.
 * A 429, a 5xx, a timeout or a connection failure is retried up to {@link LlmSettings#retries()}
 * times, waiting the server's Retry-After or an exponential back-off, each wait at most
 * {@link LlmSettings#MAX_BACKOFF}; any other 4xx fails at once (a wrong key or model does not get
 * better by asking again). Thread-safe: one client serves every episode of an agent.
 */
public final class ChatCompletionsClient {
    private static final int EXCERPT = 300;

    private final LlmSettings settings;
    private final HttpClient http;

    public ChatCompletionsClient(LlmSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.requestTimeout())
                .build();
    }

    /**
     * Sends {@code request} (a chat-completions body) and returns {@code choices[0].message}.
     *
     * @throws LlmEndpointException when no usable answer came within the retries
     * @throws CancellationException when the calling thread is interrupted
     */
    public JsonNode complete(ObjectNode request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.chatCompletionsUri())
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(request)));
        if (settings.apiKey() != null) {
            builder.header("Authorization", "Bearer " + settings.apiKey());
        }
        HttpRequest httpRequest = builder.build();
        int attempts = settings.retries() + 1;
        Duration backoff = settings.retryBackoff();
        String lastFailure = "";
        int lastStatus = 0;
        Throwable lastCause = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Duration wait = backoff;
            try {
                HttpResponse<String> response = send(httpRequest);
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return message(response.body());
                }
                lastStatus = status;
                lastFailure = "HTTP " + status + ": " + excerpt(response.body());
                if (status != 429 && status < 500) {
                    throw failure(attempt, lastFailure, status, null);
                }
                wait = retryAfter(response).orElse(backoff);
            } catch (HttpTimeoutException | TimeoutException e) {
                lastStatus = 0;
                lastFailure = "no answer within " + seconds(settings.requestTimeout());
                lastCause = e;
            } catch (IOException e) {
                lastStatus = 0;
                lastFailure = "connection failed: " + e;
                lastCause = e;
            }
            if (attempt < attempts) {
                sleep(min(wait, LlmSettings.MAX_BACKOFF));
                backoff = min(backoff.multipliedBy(2), LlmSettings.MAX_BACKOFF);
            }
        }
        throw failure(attempts, lastFailure, lastStatus, lastCause);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, TimeoutException {
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            // The request timeout bounds the wait for headers; this bounds the whole exchange, body included.
            return pending.get(settings.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the chat-completions endpoint");
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    private JsonNode message(String body) {
        JsonNode reply;
        try {
            reply = Json.tree(body);
        } catch (StepGymException e) {
            throw new LlmEndpointException("the chat-completions endpoint " + settings.chatCompletionsUri()
                    + " answered something that is not JSON: " + excerpt(body), 200, e);
        }
        JsonNode message = reply.path("choices").path(0).path("message");
        if (!message.isObject()) {
            String error = reply.path("error").isMissingNode() ? "" : " (error: " + excerpt(reply.path("error").toString()) + ")";
            throw new LlmEndpointException("the chat-completions endpoint " + settings.chatCompletionsUri()
                    + " answered without choices[0].message" + error + ": " + excerpt(body), 200, null);
        }
        return message;
    }

    private LlmEndpointException failure(int attempts, String lastFailure, int status, Throwable cause) {
        return new LlmEndpointException(String.format(Locale.ROOT, "chat-completions endpoint %s (model %s) failed after %d attempt%s: %s",
                settings.chatCompletionsUri(), settings.model(), attempts, attempts == 1 ? "" : "s", lastFailure), status, cause);
    }

    /** Retry-After in seconds (the HTTP-date form is rare from model servers and falls back to the back-off). */
    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(value.trim()) * 1000))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while backing off before retrying the chat-completions endpoint");
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "…";
    }
}
