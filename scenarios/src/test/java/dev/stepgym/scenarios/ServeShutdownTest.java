package dev.stepgym.scenarios;

import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.protocol.record.TrajectoryRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code stepgym serve} in its own JVM, stopped with SIGTERM while episodes are open: every
 * trajectory must end with an {@code end} line written by the shutdown hook. The twenty-round
 * version of the busy case is {@link ServeShutdownRoundsTest} (heavy).
 */
class ServeShutdownTest {

    @Test
    void sigtermFlushesOpenEpisodes(@TempDir Path records) throws Exception {
        try (ServeProcess server = ServeProcess.start(records)) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String reset = post(http, server.port(), "/v1/episodes", "{\"env\":\"shop-v1\",\"seed\":5}");
            Matcher id = Pattern.compile("\"episode_id\":\"([^\"]+)\"").matcher(reset);
            assertTrue(id.find(), reset);
            post(http, server.port(), "/v1/episodes/" + id.group(1) + "/step", "{\"action\":\"search[coffee]\"}");

            assertTrue(server.terminate(30, TimeUnit.SECONDS), "serve stops on SIGTERM");

            List<Trajectory> trajectories = TrajectoryReader.readAll(records);
            assertEquals(1, trajectories.size());
            Trajectory trajectory = trajectories.get(0);
            assertEquals(1, trajectory.steps().size());
            assertNotNull(trajectory.end(), "the shutdown hook wrote the end line");
            assertEquals(TrajectoryRecord.End.SHUTDOWN, trajectory.end().reason());
        }
    }

    /** Issue 8: SIGTERM while {@value BusyShutdownRound#EPISODES} episodes step lost end lines and step lines. */
    @Test
    void sigtermWhileEpisodesStepKeepsEveryLine(@TempDir Path records) throws Exception {
        BusyShutdownRound.run(records);
    }

    private static String post(HttpClient http, int port, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, path + " answered " + response.statusCode() + ": " + response.body());
        return response.body();
    }
}
