package dev.stepgym.scenarios;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limit flags and the worker threads of {@code stepgym serve} reach the server (docs/limits.md). */
class ServeFlagsTest {

    @Test
    void limitFlagsAreApplied(@TempDir Path records) throws Exception {
        try (ServeProcess server = ServeProcess.start(records, "--max-batch-steps", "2", "--max-steps-ceiling", "30",
                "--max-reply-bytes", "100000", "--shutdown-grace-seconds", "3", "--worker-threads", "2")) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> ceiling = post(http, server, "/v1/episodes",
                    "{\"env\":\"counter-v1\",\"options\":{\"max_steps\":31}}");
            assertEquals(400, ceiling.statusCode(), ceiling.body());
            assertTrue(ceiling.body().contains("ceiling of 30"), ceiling.body());

            HttpResponse<String> reset = post(http, server, "/v1/episodes", "{\"env\":\"counter-v1\",\"options\":{\"max_steps\":30}}");
            assertEquals(201, reset.statusCode(), reset.body());
            String id = reset.body().replaceAll(".*\"episode_id\":\"([^\"]+)\".*", "$1");
            String entry = "{\"episode_id\":\"" + id + "\",\"action\":\"inc\"}";
            HttpResponse<String> batch = post(http, server, "/v1/batch/step", "{\"steps\":[" + entry + "," + entry + "," + entry + "]}");
            assertEquals(413, batch.statusCode(), batch.body());
            assertTrue(batch.body().contains("limit of 2"), batch.body());

            HttpResponse<String> big = post(http, server, "/v1/episodes",
                    "{\"env\":\"counter-v1\",\"options\":{\"note\":\"" + "n".repeat(120_000) + "\"}}");
            String bigId = big.body().replaceAll(".*\"episode_id\":\"([^\"]+)\".*", "$1");
            HttpResponse<String> trajectory = http.send(HttpRequest.newBuilder(
                    URI.create(server.baseUrl() + "/v1/episodes/" + bigId + "/trajectory")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, trajectory.statusCode(), trajectory.body());
            assertTrue(server.terminate(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aWorkerThreadCountBelowOneIsAClearError() {
        CliOutput run = CliOutput.bothStreams(() -> dev.stepgym.scenarios.cli.StepGymCli.execute("serve", "--port", "0", "--worker-threads", "0"));
        assertTrue(run.exit() != 0 && run.text().contains("workerThreads must be positive: 0"), run.exit() + " " + run.text());
    }

    private static HttpResponse<String> post(HttpClient http, ServeProcess server, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
