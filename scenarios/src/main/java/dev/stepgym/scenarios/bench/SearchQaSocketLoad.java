package dev.stepgym.scenarios.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.envs.searchqa.SearchQaEnvironmentProvider;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.protocol.server.ServerConfig;
import dev.stepgym.scenarios.server.Environments;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * searchqa as a trainer drives it: {@code episodes} concurrent episodes on one fresh server, each on
 * its own WebSocket, each looping reset → {@value #STEPS} steps → close. The client runs on its own
 * Vert.x instance (its own event loops), so the server's threads serve only the server. Only step
 * round trips are counted and timed, after a warm-up that opens the world, its indexes and MiniLM.
 *
 * <p>The actions follow what the last observation shows, so queries and opened documents vary:
 * odd steps search (the question, then the question with the title of the last opened document),
 * even steps open a result, the last step answers.
 */
final class SearchQaSocketLoad {
    static final int STEPS = SearchQaEnvironmentProvider.MAX_STEPS;

    /**
     * @param episodes  concurrent episodes, one WebSocket each
     * @param warmup    time before measuring
     * @param measure   measured time
     * @param envSettings searchqa settings of the server (e.g. {@code world=small} for a quick run)
     */
    record Settings(int episodes, Duration warmup, Duration measure, Map<String, String> envSettings) {
    }

    /** What one run measured: step round trips only. */
    record Result(int episodes, long steps, double seconds, double p50Millis, double p99Millis, long errors,
                  String firstError, long episodesClosed, double cpuSeconds) {
        double stepsPerSecond() {
            return steps / seconds;
        }

        /** CPU time of this process (server and client) per measured step: what the load costs, however busy the machine. */
        double cpuMillisPerStep() {
            return steps == 0 ? Double.NaN : cpuSeconds * 1000 / steps;
        }
    }

    private SearchQaSocketLoad() {
    }

    static Result run(Settings settings, PrintStream out) throws Exception {
        Path recordDir = Files.createTempDirectory("stepgym-bench-searchqa-load");
        ServerConfig config = ServerConfig.defaults().withPort(0).withRecordDir(recordDir)
                .withScenario("bench-searchqa-load").withEnvSettings(SearchQaEnvironmentProvider.ID, settings.envSettings());
        Vertx clientVertx = Vertx.vertx();
        try (RunningServer server = RunningServer.start(config, Environments.registry(config))) {
            WebSocketClient client = clientVertx.createWebSocketClient(new WebSocketClientOptions()
                    .setMaxFrameSize(16 * 1024 * 1024).setMaxMessageSize(64 * 1024 * 1024)
                    .setMaxConnections(settings.episodes())); // the default (50 per server) would queue the rest
            Shared shared = new Shared();
            List<Loop> loops = new ArrayList<>();
            for (int i = 0; i < settings.episodes(); i++) {
                WebSocket socket;
                try {
                    socket = client.connect(server.port(), "127.0.0.1", "/v1/ws").await(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("socket " + (i + 1) + " of " + settings.episodes() + " did not connect within 30 s", e);
                }
                loops.add(new Loop(i, socket, shared));
            }
            out.printf(Locale.ROOT, "searchqa load: %d episodes, one WebSocket each, reset -> %d steps -> close; warm-up %d s …%n",
                    settings.episodes(), STEPS, settings.warmup().toSeconds());
            loops.forEach(Loop::start);
            Thread.sleep(settings.warmup().toMillis());
            shared.measuring.set(true);
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            Thread.sleep(settings.measure().toMillis());
            shared.measuring.set(false);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            shared.stopping.set(true);
            for (Loop loop : loops) {
                loop.stopped.await(60, TimeUnit.SECONDS);
                loop.socket.close().await(5, TimeUnit.SECONDS);
            }
            client.close();
            return new Result(settings.episodes(), shared.steps.get(), seconds, shared.latency.percentileMillis(50),
                    shared.latency.percentileMillis(99), shared.errors.get(), shared.firstError.get(), shared.closed.get(), cpuSeconds);
        } finally {
            clientVertx.close().await(10, TimeUnit.SECONDS);
            deleteQuietly(recordDir);
        }
    }

    static void print(Result r, PrintStream out) {
        out.printf(Locale.ROOT, "| episodes (sockets) | steps | steps/s | step p50 ms | step p99 ms | episodes closed | errors |%n");
        out.printf(Locale.ROOT, "|---:|---:|---:|---:|---:|---:|---:|%n");
        out.printf(Locale.ROOT, "| %d | %d | %.0f | %.1f | %.1f | %d | %d |%n", r.episodes(), r.steps(), r.stepsPerSecond(),
                r.p50Millis(), r.p99Millis(), r.episodesClosed(), r.errors());
        out.printf(Locale.ROOT, "searchqa at %d sockets: %.0f steps/s (target >= 1000: %s), p99 %.1f ms (target <= 100: %s)%n",
                r.episodes(), r.stepsPerSecond(), r.stepsPerSecond() >= 1000 ? "met" : "NOT met", r.p99Millis(),
                r.p99Millis() <= 100 ? "met" : "NOT met");
        out.printf(Locale.ROOT, "CPU per step (server and client in this process, %d cores): %.2f ms%n",
                Runtime.getRuntime().availableProcessors(), r.cpuMillisPerStep());
        if (r.firstError() != null) {
            out.println("first error: " + r.firstError());
        }
    }

    /** Counters all loops add to. */
    private static final class Shared {
        final AtomicBoolean measuring = new AtomicBoolean();
        final AtomicBoolean stopping = new AtomicBoolean();
        final AtomicLong steps = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong closed = new AtomicLong();
        final AtomicReference<String> firstError = new AtomicReference<>();
        final LatencyStats latency = new LatencyStats();
    }

    /** One episode after another on one socket; every callback runs on that socket's event loop. */
    private static final class Loop {
        private final int index;
        private final WebSocket socket;
        private final Shared shared;
        private final CountDownLatch stopped = new CountDownLatch(1);
        private long sequence;
        private long sentAt;
        private String episodeId;
        private String question = "";
        private String lastTitle = "";
        private int step;

        Loop(int index, WebSocket socket, Shared shared) {
            this.index = index;
            this.socket = socket;
            this.shared = shared;
            socket.textMessageHandler(this::onReply);
        }

        void start() {
            reset();
        }

        private void reset() {
            if (shared.stopping.get()) {
                stopped.countDown();
                return;
            }
            Map<String, Object> frame = frame("reset");
            frame.put("env", SearchQaEnvironmentProvider.ID);
            frame.put("seed", index * 100_000L + sequence);
            send(frame);
        }

        private void onReply(String text) {
            long now = System.nanoTime();
            JsonNode reply = Json.tree(text);
            String op = reply.path("id").asText().split("-")[0];
            if (!reply.path("ok").asBoolean()) {
                shared.errors.incrementAndGet();
                shared.firstError.compareAndSet(null, op + ": " + reply.path("error"));
                if (op.equals("step") && episodeId != null) {
                    close(); // this episode is spoiled; start another
                } else {
                    episodeId = null;
                    reset();
                }
                return;
            }
            JsonNode result = reply.path("result");
            switch (op) {
                case "reset" -> {
                    episodeId = result.path("episode_id").asText();
                    question = result.path("observation").path("data").path("question").asText("");
                    lastTitle = "";
                    step = 0;
                    step(null);
                }
                case "step" -> {
                    if (shared.measuring.get()) {
                        shared.latency.add(now - sentAt);
                        shared.steps.incrementAndGet();
                    }
                    if (step >= STEPS || result.path("terminated").asBoolean() || result.path("truncated").asBoolean()) {
                        close();
                    } else {
                        step(result.path("observation").path("data"));
                    }
                }
                default -> { // close
                    shared.closed.incrementAndGet();
                    episodeId = null;
                    reset();
                }
            }
        }

        private void step(JsonNode data) {
            step++;
            String action;
            JsonNode results = data == null ? null : data.path("results");
            if (step == STEPS) {
                action = "answer[" + (lastTitle.isEmpty() ? "unknown" : lastTitle) + "]";
            } else if (step % 2 == 0 && results != null && results.size() > 0) {
                JsonNode hit = results.path((step / 2) % results.size());
                lastTitle = hit.path("title").asText("");
                action = "open[" + hit.path("doc_id").asText() + "]";
            } else {
                action = "search[" + (lastTitle.isEmpty() ? question : lastTitle + " " + question) + "]";
            }
            Map<String, Object> frame = frame("step");
            frame.put("episode_id", episodeId);
            frame.put("action", action);
            send(frame);
        }

        private void close() {
            Map<String, Object> frame = frame("close");
            frame.put("episode_id", episodeId);
            send(frame);
        }

        private Map<String, Object> frame(String op) {
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("id", op + "-" + index + "-" + (++sequence));
            frame.put("op", op);
            return frame;
        }

        private void send(Map<String, Object> frame) {
            sentAt = System.nanoTime();
            socket.writeTextMessage(Json.write(frame));
        }
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                .getProcessCpuTime();
    }

    private static void deleteQuietly(Path root) {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // a leftover temp folder is not worth failing a bench for
        }
    }
}
