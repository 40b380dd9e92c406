package dev.stepgym.agents.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client behaviour a well-behaved StepGym server rarely shows (capacity refusals, non-JSON error
 * pages, garbage replies), driven by a small scripted HTTP server on loopback.
 */
class HttpClientBehaviourTest {
    private static final String RESET_REPLY = "{\"episode_id\":\"ep-1\",\"observation\":{\"text\":\"hi\",\"available_actions\":[\"inc\"],"
            + "\"data\":{}},\"info\":{\"task\":\"t\"},\"lease_seconds\":300,\"state_hash\":\"sha256:00\"}";

    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusalsLeft = new AtomicInteger();
    private volatile String retryAfter = "0";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        paths.add(exchange.getRequestMethod() + " " + path);
        exchange.getRequestBody().readAllBytes();
        if (path.equals("/v1/episodes") && refusalsLeft.getAndDecrement() > 0) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
            reply(exchange, 429, "{\"error\":{\"code\":\"CAPACITY\",\"message\":\"shop-v1 is full\"}}");
        } else if (path.equals("/v1/episodes")) {
            reply(exchange, 201, RESET_REPLY);
        } else if (path.equals("/v1/health")) {
            reply(exchange, 502, "<html>Bad Gateway</html>");
        } else if (path.equals("/v1/envs")) {
            reply(exchange, 200, "not json at all");
        } else if (path.endsWith("/step")) {
            reply(exchange, 409, "{\"error\":{\"code\":\"EPISODE_DONE\",\"message\":\"episode is over\"}}");
        } else if (path.endsWith("/fork")) {
            reply(exchange, 418, "{\"error\":{\"code\":\"TEAPOT_MODE\",\"message\":\"a code from a newer server\"}}");
        } else {
            reply(exchange, 404, "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"no route\"}}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void capacityRefusalCarriesCodeStatusAndRetryAfterWithoutRetry() {
        refusalsLeft.set(1);
        retryAfter = "7";
        try (StepGymClient client = StepGymClient.connect(base())) {
            StepGymClientException e = assertThrows(StepGymClientException.class, () -> client.reset("shop-v1", null, 1L, null));
            assertEquals(ErrorCode.CAPACITY, e.code());
            assertEquals(429, e.httpStatus());
            assertEquals(7, e.retryAfterSeconds().orElseThrow());
            assertTrue(e.isCapacity());
            assertEquals(StepGymClientException.Origin.SERVER, e.origin());
            assertTrue(e.getMessage().contains("shop-v1 is full"), e.getMessage());
        }
    }

    @Test
    void retriesCapacityRefusalsUpToTheBound() {
        refusalsLeft.set(2);
        try (StepGymClient client = StepGymClient.builder(base()).retryPolicy(RetryPolicy.onCapacity(3, Duration.ofSeconds(1))).build()) {
            assertEquals("ep-1", client.reset("shop-v1", null, 1L, null).episodeId());
            assertEquals(3, paths.stream().filter(p -> p.equals("POST /v1/episodes")).count());
        }
        paths.clear();
        refusalsLeft.set(5);
        try (StepGymClient client = StepGymClient.builder(base()).retryPolicy(RetryPolicy.onCapacity(2, Duration.ofSeconds(1))).build()) {
            StepGymClientException e = assertThrows(StepGymClientException.class, () -> client.reset("shop-v1", null, 1L, null));
            assertEquals(ErrorCode.CAPACITY, e.code());
            assertEquals(2, paths.size(), "two attempts, then the refusal reaches the caller: " + paths);
        }
    }

    @Test
    void retryWaitIsBoundedByThePolicyNotTheServer() {
        StepGymClientException refusal = StepGymClientException.server("CAPACITY", 429, 3600, "full");
        RetryPolicy policy = RetryPolicy.onCapacity(3, Duration.ofMillis(250));
        assertEquals(Duration.ofMillis(250), policy.delayAfter(refusal));
        assertEquals(Duration.ZERO, policy.delayAfter(StepGymClientException.server("CAPACITY", 429, 0, "full")));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO));
    }

    @Test
    void errorRepliesMapToTypedExceptions() {
        try (StepGymClient client = StepGymClient.connect(base())) {
            StepGymClientException done = assertThrows(StepGymClientException.class, () -> client.step("ep-1", Action.text("inc")));
            assertEquals(ErrorCode.EPISODE_DONE, done.code());
            assertEquals(409, done.httpStatus());
            assertTrue(done.retryAfterSeconds().isEmpty());

            StepGymClientException unknownCode = assertThrows(StepGymClientException.class, () -> client.fork("ep-1"));
            assertEquals("TEAPOT_MODE", unknownCode.wireCode());
            assertEquals(ErrorCode.INTERNAL, unknownCode.code());
            assertEquals(418, unknownCode.httpStatus());

            StepGymClientException page = assertThrows(StepGymClientException.class, client::health);
            assertEquals(502, page.httpStatus());
            assertEquals(StepGymClientException.Origin.SERVER, page.origin());
            assertTrue(page.getMessage().contains("Bad Gateway"), page.getMessage());

            StepGymClientException garbage = assertThrows(StepGymClientException.class, client::envs);
            assertEquals(StepGymClientException.Origin.BAD_REPLY, garbage.origin());
        }
    }

    @Test
    void episodeIdsAreEncodedSoTheyCannotChangeTheRoute() {
        try (StepGymClient client = StepGymClient.connect(base())) {
            assertThrows(StepGymClientException.class, () -> client.step("../../health x", Action.text("inc")));
            assertThrows(StepGymClientException.class, () -> client.step("..", Action.text("inc")));
        }
        assertEquals(List.of("POST /v1/episodes/..%2F..%2Fhealth%20x/step", "POST /v1/episodes/%2E%2E/step"), paths);
    }

    @Test
    void unreachableServerIsATransportFailure() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }
        try (StepGymClient client = StepGymClient.connect("http://127.0.0.1:" + freePort)) {
            StepGymClientException e = assertThrows(StepGymClientException.class, client::health);
            assertEquals(StepGymClientException.Origin.TRANSPORT, e.origin());
            assertEquals(0, e.httpStatus());
        }
    }

    @Test
    void badBaseUrlsAreRejectedUpFront() {
        assertThrows(IllegalArgumentException.class, () -> StepGymClient.connect("ftp://127.0.0.1:1"));
        assertThrows(IllegalArgumentException.class, () -> StepGymClient.connect("http://127.0.0.1:1/v1"));
        assertThrows(IllegalArgumentException.class, () -> new ResetParams(" ", null, null, null));
    }
}
