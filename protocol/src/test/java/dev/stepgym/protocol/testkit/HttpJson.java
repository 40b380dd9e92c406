package dev.stepgym.protocol.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.stepgym.protocol.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A tiny JSON-over-HTTP client for tests ({@code java.net.http}, loopback only). */
public final class HttpJson {
    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    public HttpJson(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * An answer.
     *
     * @param json the parsed body, or a missing node when the body is not JSON
     */
    public record Reply(int status, HttpResponse<String> response, JsonNode json) {
        public Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        public String body() {
            return response.body();
        }

        /** {@code error.code} of an error answer. */
        public String errorCode() {
            return json.path("error").path("code").asText(null);
        }
    }

    public Reply get(String path) {
        return send("GET", path, null);
    }

    public Reply post(String path, String body) {
        return send("POST", path, body);
    }

    public Reply postJson(String path, Object body) {
        return send("POST", path, Json.write(body));
    }

    public Reply delete(String path) {
        return send("DELETE", path, null);
    }

    public Reply send(String method, String path, String body) {
        return send(method, path, body, "application/json");
    }

    /** Sends {@code body} with the given {@code Content-Type} (what {@code curl -d} does is {@code application/x-www-form-urlencoded}). */
    public Reply send(String method, String path, String body, String contentType) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = response.body().isEmpty() ? MissingNode.getInstance() : Json.mapper().readTree(response.body());
            } catch (IOException notJson) {
                json = MissingNode.getInstance();
            }
            return new Reply(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
