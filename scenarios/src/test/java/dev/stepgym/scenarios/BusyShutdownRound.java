package dev.stepgym.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.protocol.record.TrajectoryRecord;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One round of issue 8's shutdown reproduction: {@code stepgym serve} in its own JVM, {@value #EPISODES}
 * {@code counter-v1} episodes each stepped in a loop by its own client thread (CPU-bound steps of a
 * few milliseconds), SIGTERM while the
 * steps are in flight, then every trajectory file must hold its header, every step the client got
 * an answer for (and nothing after a gap), an end line with reason {@code shutdown}, and no torn line.
 */
final class BusyShutdownRound {
    static final int EPISODES = 50;
    /** Below the server's default ceiling; the round ends by SIGTERM long before. */
    private static final int MAX_STEPS = 5000;
    private static final int STEPS_BEFORE_SIGTERM = 3;
    /**
     * Each step keeps a server worker busy this long without noticing interrupts, as a search in a
     * real index does, so steps are always in flight when SIGTERM lands.
     */
    private static final int SPIN_MS = 5;

    private BusyShutdownRound() {
    }

    static void run(Path records) throws Exception {
        try (ServeProcess server = ServeProcess.start(records)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            CountDownLatch stepping = new CountDownLatch(EPISODES);
            List<Client> clients = new ArrayList<>();
            for (int i = 0; i < EPISODES; i++) {
                Client client = new Client(http, server.baseUrl(), i, stepping);
                clients.add(client);
                client.thread.start();
            }
            try {
                assertTrue(stepping.await(60, TimeUnit.SECONDS), "every client stepping; server output:\n" + server.output());
                assertTrue(server.terminate(60, TimeUnit.SECONDS), "serve stops on SIGTERM; output:\n" + server.output());
            } finally {
                for (Client client : clients) {
                    client.thread.join(TimeUnit.SECONDS.toMillis(40));
                }
            }
            for (Client client : clients) {
                assertNull(client.failure.get(), "client " + client.index + " failed before SIGTERM");
                assertNotNull(client.episodeId, "client " + client.index + " has an episode");
                checkFile(records, client, server);
            }
        }
    }

    private static void checkFile(Path records, Client client, ServeProcess server) {
        Path file = records.resolve("counter-v1").resolve(client.episodeId + ".jsonl");
        String context = client.episodeId + " (acknowledged " + client.acknowledged.get() + " steps); server output:\n"
                + server.output();
        assertTrue(Files.isRegularFile(file), "no trajectory file for " + context);
        Trajectory trajectory = TrajectoryReader.read(file);
        assertNull(trajectory.tornLine(), "torn line in " + context);
        assertEquals(client.episodeId, trajectory.header().episodeId());
        List<TrajectoryRecord.StepLine> steps = trajectory.steps();
        for (int i = 0; i < steps.size(); i++) {
            assertEquals(i + 1, steps.get(i).step(), "step lines numbered without gaps in " + context);
        }
        assertTrue(steps.size() >= client.acknowledged.get(),
                "every acknowledged step is recorded: " + steps.size() + " lines in " + context);
        assertNotNull(trajectory.end(), "end line missing in " + context);
        assertEquals(TrajectoryRecord.End.SHUTDOWN, trajectory.end().reason(), context);
        assertEquals(steps.size(), trajectory.end().steps(), "the end line counts the recorded steps in " + context);
    }

    /** One episode's client: reset, then step until the server stops answering 200. */
    private static final class Client implements Runnable {
        final int index;
        final Thread thread;
        final AtomicInteger acknowledged = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final HttpClient http;
        private final String baseUrl;
        private final CountDownLatch stepping;
        volatile String episodeId;

        Client(HttpClient http, String baseUrl, int index, CountDownLatch stepping) {
            this.http = http;
            this.baseUrl = baseUrl;
            this.index = index;
            this.stepping = stepping;
            this.thread = new Thread(this, "busy-client-" + index);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            try {
                HttpResponse<String> reset = post("/v1/episodes",
                        "{\"env\":\"counter-v1\",\"seed\":" + index + ",\"options\":{\"max_steps\":" + MAX_STEPS + "}}");
                if (reset.statusCode() != 201) {
                    throw new AssertionError("reset answered " + reset.statusCode() + ": " + reset.body());
                }
                episodeId = Json.tree(reset.body()).path("episode_id").asText();
                for (int i = 0; i < MAX_STEPS; i++) {
                    HttpResponse<String> step;
                    try {
                        step = post("/v1/episodes/" + episodeId + "/step", "{\"action\":\"spin[" + SPIN_MS + "]\"}");
                    } catch (java.io.IOException stopped) {
                        return; // the server went away: expected once SIGTERM is sent
                    }
                    if (step.statusCode() != 200) {
                        return; // refused while shutting down
                    }
                    JsonNode result = Json.tree(step.body());
                    acknowledged.set(result.path("step").asInt());
                    if (acknowledged.get() == STEPS_BEFORE_SIGTERM) {
                        stepping.countDown();
                    }
                }
            } catch (Throwable e) {
                if (stepping.getCount() > 0) {
                    failure.set(e); // before SIGTERM nothing may fail
                }
            } finally {
                if (acknowledged.get() < STEPS_BEFORE_SIGTERM) {
                    stepping.countDown();
                }
            }
        }

        private HttpResponse<String> post(String path, String body) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
