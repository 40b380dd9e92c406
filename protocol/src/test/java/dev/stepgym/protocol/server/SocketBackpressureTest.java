package dev.stepgym.protocol.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.testkit.CounterProvider;
import dev.stepgym.protocol.testkit.HttpJson;
import dev.stepgym.protocol.testkit.RawWebSocket;
import dev.stepgym.protocol.testkit.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, item 4: a WebSocket client that sends and never reads piled its replies up inside the
 * server. Now a full write queue stops the server reading that socket, and a socket that does not
 * drain within the limit is closed; a client that reads late still gets every reply.
 */
class SocketBackpressureTest {
    private static final String ENV = CounterProvider.ID;
    /** Each trajectory reply carries this much padding from the episode's options. */
    private static final int REPLY_PADDING = 40_000;

    private static String bigEpisode(TestServer server) {
        HttpJson http = new HttpJson(server.baseUrl());
        HttpJson.Reply reply = http.postJson("/v1/episodes", Map.of("env", ENV, "seed", 1,
                "options", Map.of("note", "n".repeat(REPLY_PADDING))));
        assertEquals(201, reply.status(), reply.body());
        return reply.json().path("episode_id").asText();
    }

    private static String trajectoryFrame(int n, String episodeId) {
        return "{\"id\":\"t" + n + "\",\"op\":\"trajectory\",\"episode_id\":\"" + episodeId + "\"}";
    }

    @Test
    void aSocketThatNeverReadsIsClosedOnceItsQueueStaysFull() throws Exception {
        try (TestServer server = TestServer.start(c -> c.withLimits(l -> l.withSocketWriteQueueBytes(64 * 1024)
                .withSocketDrainSeconds(2)))) {
            String episode = bigEpisode(server);
            // Far more replies than any socket buffer holds (40 KB each), bounded so the old server survives it.
            int frames = 3000;
            IOException dropped = null;
            int sent = 0;
            try (RawWebSocket socket = new RawWebSocket(server.port())) {
                long deadline = System.nanoTime() + 30_000_000_000L;
                try {
                    for (; sent < frames && System.nanoTime() < deadline; sent++) {
                        socket.send(trajectoryFrame(sent, episode));
                    }
                    // Everything is sent and nothing read: keep knocking until the server hangs up.
                    while (System.nanoTime() < deadline) {
                        socket.send("{\"id\":\"h\",\"op\":\"health\"}");
                        Thread.sleep(100);
                    }
                } catch (IOException e) {
                    dropped = e;
                }
            }
            assertNotNull(dropped, "the server never closed a socket that reads none of its replies (" + sent + " frames sent)");
            assertEquals(200, new HttpJson(server.baseUrl()).get("/v1/health").status(), "and it goes on serving");
        }
    }

    @Test
    void aClientThatReadsLateGetsEveryReply() throws Exception {
        try (TestServer server = TestServer.start(c -> c.withLimits(l -> l.withSocketWriteQueueBytes(64 * 1024)
                .withSocketDrainSeconds(60)))) {
            String episode = bigEpisode(server);
            int frames = 400; // 16 MB of replies: the server has to stop reading and resume
            try (RawWebSocket socket = new RawWebSocket(server.port())) {
                Thread sender = new Thread(() -> {
                    try {
                        for (int i = 0; i < frames; i++) {
                            socket.send(trajectoryFrame(i, episode));
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, "late-reader-sender");
                sender.start();
                Thread.sleep(1000); // not reading yet: the server's queue fills and it pauses the socket
                Set<String> ids = new HashSet<>();
                for (int i = 0; i < frames; i++) {
                    JsonNode reply = Json.tree(socket.receive());
                    assertTrue(reply.path("ok").asBoolean(), reply.toString());
                    ids.add(reply.path("id").asText());
                }
                sender.join(30_000);
                assertEquals(frames, ids.size(), "every request answered once");
            }
        }
    }
}
