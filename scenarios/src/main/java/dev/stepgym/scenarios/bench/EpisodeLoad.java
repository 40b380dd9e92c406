package dev.stepgym.scenarios.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The load client: {@code episodes} concurrent episodes against a server, each on its own
 * WebSocket, each looping reset → up to {@code steps} steps of an {@link ActionMix} → close, as a
 * trainer's rollout workers do. Step and reset round trips are timed after the warm-up. It runs in a
 * process of its own ({@link EpisodeLoadProcess}, {@link #main}), so the server's process serves only
 * the server and each side's CPU time is its own.
 */
final class EpisodeLoad {

    /**
     * @param port     the server's port on 127.0.0.1
     * @param env      environment id to reset
     * @param mix      {@link ActionMix#named} name
     * @param steps    steps per episode at most (the episode also ends when the server says so)
     * @param episodes concurrent episodes, one WebSocket each
     */
    record Plan(int port, String env, String mix, int steps, int episodes, Duration warmup, Duration measure) {
        Plan {
            if (port < 1 || port > 65_535 || episodes < 1 || steps < 1 || warmup.isNegative() || measure.isZero() || measure.isNegative()) {
                throw new IllegalArgumentException("a load plan needs a port, episodes >= 1, steps >= 1 and a measured time > 0");
            }
        }

        List<String> arguments() {
            return List.of(Integer.toString(port), env, mix, Integer.toString(steps), Integer.toString(episodes),
                    Long.toString(warmup.toMillis()), Long.toString(measure.toMillis()));
        }

        static Plan parse(String[] args) {
            if (args.length != 7) {
                throw new IllegalArgumentException("usage: PORT ENV MIX STEPS EPISODES WARMUP_MS MEASURE_MS");
            }
            return new Plan(Integer.parseInt(args[0]), args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Duration.ofMillis(Long.parseLong(args[5])), Duration.ofMillis(Long.parseLong(args[6])));
        }
    }

    /** What the client measured; times in milliseconds, CPU of the client's own process. */
    record Result(long steps, long resets, double seconds, double stepP50, double stepP99, double resetP50, double resetP99,
                  long errors, String firstError, long episodesClosed, double clientCpuSeconds) {
        double stepsPerSecond() {
            return steps / seconds;
        }

        double resetsPerSecond() {
            return resets / seconds;
        }
    }

    /**
     * The parts of a reply the client reads. Bound straight from the text, so the observation's text and
     * everything else of the reply are skipped by the parser, not built into a tree: the client spends
     * its CPU (which the server's competes with on a small machine) on what it uses.
     */
    record Reply(String id, Boolean ok, JsonNode error, ReplyResult result) {
    }

    /** The result fields of reset and step replies the loops use. */
    record ReplyResult(String episodeId, Boolean terminated, Boolean truncated, ReplyObservation observation) {
    }

    /** The observation's {@code data}: what an agent reads to choose its next action. */
    record ReplyObservation(JsonNode data) {
    }

    private static final com.fasterxml.jackson.databind.ObjectReader REPLIES = Json.mapper().readerFor(Reply.class);

    private EpisodeLoad() {
    }

    /** Runs a plan given as arguments and prints its {@link Result} as one JSON line on stdout. */
    public static void main(String[] args) throws Exception {
        Result result = run(Plan.parse(args));
        System.out.println(Json.write(result));
        System.out.flush();
        System.exit(0);   // Vert.x threads must not keep a finished client alive
    }

    static Result run(Plan plan) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                    .setMaxFrameSize(16 * 1024 * 1024).setMaxMessageSize(64 * 1024 * 1024)
                    .setMaxConnections(plan.episodes())); // the default (50 per server) would queue the rest
            Shared shared = new Shared();
            List<Loop> loops = new ArrayList<>();
            for (int i = 0; i < plan.episodes(); i++) {
                WebSocket socket;
                try {
                    socket = client.connect(plan.port(), "127.0.0.1", "/v1/ws").await(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("socket " + (i + 1) + " of " + plan.episodes() + " did not connect within 30 s", e);
                }
                loops.add(new Loop(i, socket, shared, plan));
            }
            loops.forEach(Loop::reset);
            Thread.sleep(plan.warmup().toMillis());
            shared.measuring.set(true);
            long start = System.nanoTime();
            long cpuStart = CpuTime.processNanos();
            Thread.sleep(plan.measure().toMillis());
            shared.measuring.set(false);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (CpuTime.processNanos() - cpuStart) / 1e9;
            shared.stopping.set(true);
            for (Loop loop : loops) {
                loop.stopped.await(60, TimeUnit.SECONDS);
                loop.socket.close().await(5, TimeUnit.SECONDS);
            }
            client.close();
            return new Result(shared.steps.get(), shared.resets.get(), seconds, shared.stepLatency.percentileMillis(50),
                    shared.stepLatency.percentileMillis(99), shared.resetLatency.percentileMillis(50),
                    shared.resetLatency.percentileMillis(99), shared.errors.get(), shared.firstError.get(), shared.closed.get(), cpu);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** Counters all loops add to. */
    private static final class Shared {
        final AtomicBoolean measuring = new AtomicBoolean();
        final AtomicBoolean stopping = new AtomicBoolean();
        final AtomicLong steps = new AtomicLong();
        final AtomicLong resets = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong closed = new AtomicLong();
        final AtomicReference<String> firstError = new AtomicReference<>();
        final LatencyStats stepLatency = new LatencyStats();
        final LatencyStats resetLatency = new LatencyStats();
    }

    /** One episode after another on one socket; every callback runs on that socket's event loop. */
    private static final class Loop {
        private final int index;
        private final WebSocket socket;
        private final Shared shared;
        private final Plan plan;
        private final CountDownLatch stopped = new CountDownLatch(1);
        private long sequence;
        private long sentAt;
        private String episodeId;
        private ActionMix mix;
        private int step;

        Loop(int index, WebSocket socket, Shared shared, Plan plan) {
            this.index = index;
            this.socket = socket;
            this.shared = shared;
            this.plan = plan;
            socket.textMessageHandler(text -> {
                try {
                    onReply(text);
                } catch (RuntimeException e) {
                    // A reply this client cannot read ends this loop, counted, rather than hanging the run.
                    shared.errors.incrementAndGet();
                    shared.firstError.compareAndSet(null, "client: " + e);
                    stopped.countDown();
                }
            });
        }

        void reset() {
            if (shared.stopping.get()) {
                stopped.countDown();
                return;
            }
            Map<String, Object> frame = frame("reset");
            frame.put("env", plan.env());
            frame.put("seed", index * 100_000L + sequence);
            send(frame);
        }

        private void onReply(String text) {
            long now = System.nanoTime();
            Reply reply;
            try {
                reply = REPLIES.readValue(text);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("the server sent a reply that is not JSON: " + e.getMessage(), e);
            }
            String op = reply.id() == null ? "" : reply.id().substring(0, Math.max(0, reply.id().indexOf('-')));
            if (!Boolean.TRUE.equals(reply.ok()) || reply.result() == null) {
                shared.errors.incrementAndGet();
                shared.firstError.compareAndSet(null, op + ": " + reply.error());
                if (op.equals("step") && episodeId != null) {
                    close(); // this episode is spoiled; start another
                } else {
                    episodeId = null;
                    reset();
                }
                return;
            }
            ReplyResult result = reply.result();
            JsonNode data = result.observation() == null || result.observation().data() == null
                    ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : result.observation().data();
            switch (op) {
                case "reset" -> {
                    if (shared.measuring.get()) {
                        shared.resetLatency.add(now - sentAt);
                        shared.resets.incrementAndGet();
                    }
                    episodeId = result.episodeId();
                    mix = ActionMix.named(plan.mix(), plan.steps());
                    step = 0;
                    step(data);
                }
                case "step" -> {
                    if (shared.measuring.get()) {
                        shared.stepLatency.add(now - sentAt);
                        shared.steps.incrementAndGet();
                    }
                    if (step >= plan.steps() || Boolean.TRUE.equals(result.terminated()) || Boolean.TRUE.equals(result.truncated())) {
                        close();
                    } else {
                        step(data);
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
            Map<String, Object> frame = frame("step");
            frame.put("episode_id", episodeId);
            frame.put("action", mix.next(step, data));
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
}
