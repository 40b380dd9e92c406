package dev.stepgym.agents.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stepgym.protocol.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local chat-completions server for tests, the only stand-in allowed for a model: it listens on
 * 127.0.0.1 (a free port), answers {@code POST …/chat/completions} in the OpenAI wire format (text
 * replies and tool calls) from a scripted policy, records every request it gets, and can be told
 * to answer errors (429/500 …) or to stall for the next N requests.
 *
 * <pre>{@code
 * try (ChatCompletionsStandIn model = new ChatCompletionsStandIn(request -> Reply.text("search[red shoes]"))) {
 *     Agent agent = Agents.create("openai:scripted", new AgentConfig(0, Map.of("base_url", model.baseUrl())));
 *     …
 * }
 * }</pre>
 */
public final class ChatCompletionsStandIn implements AutoCloseable {

    /** One tool call of a reply; {@code arguments} is sent as the JSON string the wire format carries. */
    public record ToolCall(String name, String arguments) {
        public static ToolCall of(String name, Map<String, ?> arguments) {
            return new ToolCall(name, Json.write(arguments));
        }
    }

    /**
     * What the stand-in answers: an assistant message (text and/or tool calls), or a raw HTTP answer.
     *
     * @param status    the HTTP status (200 for a message)
     * @param content   the assistant's text, or null
     * @param toolCalls the assistant's tool calls, possibly empty
     * @param rawBody   a body sent as is instead of a message, or null
     */
    public record Reply(int status, String content, List<ToolCall> toolCalls, String rawBody) {
        public Reply {
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }

        public static Reply text(String content) {
            return new Reply(200, content, List.of(), null);
        }

        public static Reply toolCall(String name, Map<String, ?> arguments) {
            return new Reply(200, null, List.of(ToolCall.of(name, arguments)), null);
        }

        /** A tool call whose arguments string is sent verbatim (malformed JSON included). */
        public static Reply rawToolCall(String name, String arguments) {
            return new Reply(200, null, List.of(new ToolCall(name, arguments)), null);
        }

        public static Reply toolCalls(String content, ToolCall... calls) {
            return new Reply(200, content, List.of(calls), null);
        }

        public static Reply http(int status, String body) {
            return new Reply(status, null, List.of(), body);
        }
    }

    /** A request as received: path, headers (lower-case names) and JSON body. */
    public record Recorded(String path, Map<String, List<String>> headers, JsonNode body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** The request's messages. */
        public JsonNode messages() {
            return body.path("messages");
        }
    }

    private final Function<JsonNode, Reply> policy;
    private final HttpServer server;
    private final ExecutorService threads;
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger stallsLeft = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile int failureStatus;
    private volatile Duration stall = Duration.ZERO;

    /** Starts the stand-in; {@code policy} gets each request's JSON body and says what to answer. */
    public ChatCompletionsStandIn(Function<JsonNode, Reply> policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the chat-completions stand-in", e);
        }
        threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "chat-completions-stand-in");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT/v1}: what the agent's {@code base_url} should be. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Answers the next {@code times} requests with {@code status} (and {@code Retry-After: 0} on 429). */
    public ChatCompletionsStandIn failNext(int status, int times) {
        failureStatus = status;
        failuresLeft.set(times);
        return this;
    }

    /** Holds the next {@code times} requests for {@code delay} before answering them (to provoke timeouts). */
    public ChatCompletionsStandIn stallNext(Duration delay, int times) {
        stall = delay;
        stallsLeft.set(times);
        return this;
    }

    /** Every request received so far, in order (failed and stalled ones included). */
    public List<Recorded> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The content of the last user or tool message of {@code request}: the latest observation. */
    public static String lastObservation(JsonNode request) {
        JsonNode messages = request.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            String role = messages.get(i).path("role").asText();
            if (role.equals("user") || role.equals("tool")) {
                return messages.get(i).path("content").asText("");
            }
        }
        return "";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
                send(exchange, 404, "{\"error\":{\"message\":\"not found\"}}");
                return;
            }
            JsonNode json;
            try {
                json = Json.tree(body);
            } catch (RuntimeException e) {
                send(exchange, 400, "{\"error\":{\"message\":" + Json.write(e.getMessage()) + "}}");
                return;
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
            requests.add(new Recorded(exchange.getRequestURI().getPath(), headers, json));
            if (stallsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                try {
                    Thread.sleep(stall.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                if (failureStatus == 429) {
                    exchange.getResponseHeaders().add("Retry-After", "0");
                }
                send(exchange, failureStatus, "{\"error\":{\"message\":\"scripted failure " + failureStatus + "\"}}");
                return;
            }
            Reply reply;
            try {
                reply = policy.apply(json);
            } catch (RuntimeException e) {
                send(exchange, 500, "{\"error\":{\"message\":" + Json.write("scripted policy failed: " + e) + "}}");
                return;
            }
            if (reply.rawBody() != null) {
                send(exchange, reply.status(), reply.rawBody());
                return;
            }
            send(exchange, reply.status(), Json.write(completion(json.path("model").asText("stand-in"), reply)));
        }
    }

    private ObjectNode completion(String model, Reply reply) {
        ObjectNode message = Json.mapper().createObjectNode().put("role", "assistant");
        if (reply.content() == null) {
            message.putNull("content");
        } else {
            message.put("content", reply.content());
        }
        if (!reply.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ToolCall call : reply.toolCalls()) {
                ObjectNode c = calls.addObject().put("id", "call_" + ids.incrementAndGet()).put("type", "function");
                c.putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
        }
        ObjectNode completion = Json.mapper().createObjectNode()
                .put("id", "chatcmpl-stand-in-" + ids.incrementAndGet())
                .put("object", "chat.completion")
                .put("created", 0)
                .put("model", model);
        completion.putArray("choices").addObject()
                .put("index", 0)
                .put("finish_reason", reply.toolCalls().isEmpty() ? "stop" : "tool_calls")
                .set("message", message);
        completion.putObject("usage").put("prompt_tokens", 0).put("completion_tokens", 0).put("total_tokens", 0);
        return completion;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
