package dev.stepgym.protocol.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.testkit.CounterProvider;
import dev.stepgym.protocol.testkit.HttpJson;
import dev.stepgym.protocol.testkit.HttpJson.Reply;
import dev.stepgym.protocol.testkit.RawConnection;
import dev.stepgym.protocol.testkit.TestServer;
import dev.stepgym.protocol.testkit.WsJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, item 5: the input gaps a hostile client found over loopback. Each one answers a clear
 * JSON error (or, for curl's form-encoded JSON, works), and the server goes on serving.
 */
class HostileInputTest {
    private static final String ENV = CounterProvider.ID;
    private static TestServer server;
    private static HttpJson http;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        http = new HttpJson(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void stillServing() {
        assertEquals(200, http.get("/v1/health").status());
    }

    private static void assertError(Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(code, reply.errorCode(), reply.body());
        String message = reply.json().path("error").path("message").asText();
        assertFalse(message.isBlank() || message.endsWith(": null"), "a message that says what was wrong: " + reply.body());
        assertTrue(reply.header("content-type").orElse("").startsWith("application/json"), reply.body());
    }

    private static String reset() {
        Reply reply = http.postJson("/v1/episodes", Map.of("env", ENV, "seed", 1));
        assertEquals(201, reply.status(), reply.body());
        return reply.json().path("episode_id").asText();
    }

    /** {@code curl -d} sends the JSON as-is with {@code application/x-www-form-urlencoded}; past 1 KiB that failed with "bad request: null". */
    @Test
    void curlFormEncodedJsonIsReadAsJsonWhateverItsSize() {
        String padded = "{\"env\":\"" + ENV + "\",\"seed\":3,\"options\":{\"note\":\"" + "n".repeat(4000) + "\"}}";
        for (String type : List.of("application/x-www-form-urlencoded", "text/plain", "application/octet-stream")) {
            Reply small = http.send("POST", "/v1/episodes", "{\"env\":\"" + ENV + "\",\"seed\":3}", type);
            assertEquals(201, small.status(), type + ": " + small.body());
            Reply large = http.send("POST", "/v1/episodes", padded, type);
            assertEquals(201, large.status(), type + ": " + large.body());
            String id = large.json().path("episode_id").asText();
            Reply step = http.send("POST", "/v1/episodes/" + id + "/step", "{\"action\":\"inc\",\"pad\":\"" + "p".repeat(3000) + "\"}", type);
            assertEquals(200, step.status(), type + ": " + step.body());
        }
        Reply formFields = http.send("POST", "/v1/episodes", "env=" + ENV + "&seed=3&pad=" + "x".repeat(2000),
                "application/x-www-form-urlencoded");
        assertError(formFields, 400, "BAD_REQUEST");
        assertTrue(formFields.json().path("error").path("message").asText().contains("JSON"), formFields.body());
    }

    /** {@code {"env":""}} was a 500 INTERNAL. */
    @Test
    void anEmptyEnvIsAnUnknownEnvironment() {
        for (String env : List.of("", "   ")) {
            Reply reply = http.postJson("/v1/episodes", Map.of("env", env));
            assertError(reply, 404, "UNKNOWN_ENV");
            assertTrue(reply.json().path("error").path("message").asText().contains(ENV), "lists the registered ids: " + reply.body());
        }
        try (WsJson ws = new WsJson(server.wsUrl())) {
            JsonNode reply = ws.call("reset", Map.of("env", ""));
            assertFalse(reply.path("ok").asBoolean(), reply.toString());
            assertEquals("UNKNOWN_ENV", reply.path("error").path("code").asText(), reply.toString());
        }
    }

    /** Anything after the JSON value was silently ignored. */
    @Test
    void trailingGarbageAfterTheJsonIsRefused() {
        for (String body : List.of("{\"env\":\"" + ENV + "\"} trailing", "{\"env\":\"" + ENV + "\"}{\"env\":\"x\"}",
                "{\"env\":\"" + ENV + "\"}]")) {
            Reply reply = http.post("/v1/episodes", body);
            assertError(reply, 400, "BAD_REQUEST");
        }
        String id = reset();
        assertError(http.post("/v1/episodes/" + id + "/step", "{\"action\":\"inc\"} {\"action\":\"dec\"}"), 400, "BAD_REQUEST");
        assertEquals(201, http.post("/v1/episodes", "{\"env\":\"" + ENV + "\"}\n  \n").status(), "trailing white space is fine");
        try (WsJson ws = new WsJson(server.wsUrl())) {
            ws.sendRaw("{\"id\":\"g1\",\"op\":\"health\"} garbage");
            JsonNode reply = ws.next();
            assertFalse(reply.path("ok").asBoolean(), reply.toString());
            assertEquals("BAD_REQUEST", reply.path("error").path("code").asText(), reply.toString());
        }
    }

    /** A damaged trajectory file was a 500 with the file's absolute path in the message. */
    @Test
    void aDamagedTrajectoryIs422NamingTheEpisodeAndLineButNoPath() throws Exception {
        String empty = reset();
        assertEquals(200, http.delete("/v1/episodes/" + empty).status());
        Path emptyFile = server.recordDir().resolve(ENV).resolve(empty + ".jsonl");
        Files.write(emptyFile, new byte[0]);
        Reply emptyReply = http.get("/v1/episodes/" + empty + "/trajectory");
        assertError(emptyReply, 422, "CORRUPT_TRAJECTORY");
        assertNamesEpisodeAndLineOnly(emptyReply, empty, 1);

        String damaged = reset();
        assertEquals(200, http.postJson("/v1/episodes/" + damaged + "/step", Map.of("action", "inc")).status());
        Path file = server.recordDir().resolve(ENV).resolve(damaged + ".jsonl");
        List<String> lines = Files.readAllLines(file);
        Files.write(file, List.of(lines.get(0), "{\"type\":\"step\",\"ste", lines.get(1)), StandardCharsets.UTF_8);
        Reply reply = http.get("/v1/episodes/" + damaged + "/trajectory");
        assertError(reply, 422, "CORRUPT_TRAJECTORY");
        assertNamesEpisodeAndLineOnly(reply, damaged, 2);
        try (WsJson ws = new WsJson(server.wsUrl())) {
            JsonNode wsReply = ws.call("trajectory", Map.of("episode_id", damaged));
            assertEquals("CORRUPT_TRAJECTORY", wsReply.path("error").path("code").asText(), wsReply.toString());
            assertFalse(wsReply.toString().contains(server.recordDir().toString()), wsReply.toString());
        }
    }

    private static void assertNamesEpisodeAndLineOnly(Reply reply, String episodeId, int line) {
        String message = reply.json().path("error").path("message").asText();
        assertTrue(message.contains(episodeId), message);
        assertTrue(message.contains("line " + line), message);
        assertFalse(reply.body().contains(server.recordDir().toString()) || reply.body().contains(".jsonl"),
                "no host path on the wire: " + reply.body());
    }

    /** A 414 came with an empty body. */
    @Test
    void aUriTooLongAnswersTheStandardJsonError() {
        Reply reply = http.get("/v1/episodes/" + "a".repeat(10_000) + "/trajectory");
        assertError(reply, 414, "TOO_LARGE");
        assertTrue(reply.json().path("error").path("message").asText().contains("request line"), reply.body());
    }

    /** A client that hangs up mid-upload is not the server's error: no ERROR line, no stack trace. */
    @Test
    void droppedUploadsAreNotLoggedAsErrors() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < 3; i++) {
                RawConnection upload = new RawConnection(server.port());
                upload.write("POST /v1/episodes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100000\r\n\r\n{\"env\":\"" + "x".repeat(5000));
                upload.abort();
            }
            // The server notices a reset at once on loopback; look for a while for what it logged.
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < deadline && !loggedLoudly(captured)) {
                Thread.sleep(50);
            }
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        original.print(log);
        assertFalse(loggedLoudly(captured), "a dropped upload logs at most one DEBUG line:\n" + log);
    }

    private static boolean loggedLoudly(ByteArrayOutputStream captured) {
        String log = captured.toString(StandardCharsets.UTF_8);
        return log.contains("ERROR") || log.contains("WARN") || log.contains("\tat ");
    }
}
