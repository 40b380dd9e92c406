package dev.stepgym.scenarios;

import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.protocol.record.TrajectoryRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * {@code stepgym serve} in its own JVM, stopped with SIGTERM while an episode is open: the
 * trajectory must end with an {@code end} line written by the shutdown hook.
 */
class ServeShutdownTest {
    private static final Pattern SERVING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)");

    @Test
    void sigtermFlushesOpenEpisodes(@TempDir Path records) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-Xmx1g", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), "dev.stepgym.scenarios.cli.StepGymCli",
                "serve", "--port", "0", "--record-dir", records.toString())
                .redirectErrorStream(true).start();
        try {
            int port = awaitPort(server);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String reset = post(http, port, "/v1/episodes", "{\"env\":\"shop-v1\",\"seed\":5}");
            Matcher id = Pattern.compile("\"episode_id\":\"([^\"]+)\"").matcher(reset);
            assertTrue(id.find(), reset);
            post(http, port, "/v1/episodes/" + id.group(1) + "/step", "{\"action\":\"search[coffee]\"}");

            server.destroy(); // SIGTERM
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "serve stops on SIGTERM");

            List<Trajectory> trajectories = TrajectoryReader.readAll(records);
            assertEquals(1, trajectories.size());
            Trajectory trajectory = trajectories.get(0);
            assertEquals(1, trajectory.steps().size());
            assertNotNull(trajectory.end(), "the shutdown hook wrote the end line");
            assertEquals(TrajectoryRecord.End.SHUTDOWN, trajectory.end().reason());
        } finally {
            server.destroyForcibly();
        }
    }

    private static int awaitPort(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        StringBuilder seen = new StringBuilder();
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = SERVING.matcher(line);
            if (line.startsWith("stepgym: serving") && m.find()) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "serve-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("serve did not report its port; output:\n" + seen);
    }

    private static String post(HttpClient http, int port, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, path + " answered " + response.statusCode() + ": " + response.body());
        return response.body();
    }
}
