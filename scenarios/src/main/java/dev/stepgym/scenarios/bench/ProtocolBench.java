package dev.stepgym.scenarios.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.server.EpisodeManager;
import dev.stepgym.protocol.server.ResetCall;
import dev.stepgym.protocol.server.ServerConfig;
import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.scenarios.server.Environments;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code stepgym bench protocol}: in one run, (1) a raw Vert.x WebSocket echo and (2) shop-v1 steps
 * over {@code /v1/ws}, both driven by the same client at each concurrency, then (3) heap per open
 * shop episode with many episodes open. Targets (DESIGN.md §6): shop/echo ≥ 0.5 at 64 episodes,
 * ≤ 64 KiB per open episode.
 */
public final class ProtocolBench {
    static final String ENV = "shop-v1";

    /** What to measure and for how long. */
    public record Settings(List<Integer> concurrencies, Duration warmup, Duration measure, int heapEpisodes) {
    }

    /** The figures of one run. */
    public record Figures(List<LoadResult> echo, List<LoadResult> shop, double heapBytesPerEpisode, int heapEpisodes) {
        double ratioAt(int concurrency) {
            return find(shop, concurrency).perSecond() / find(echo, concurrency).perSecond();
        }

        private static LoadResult find(List<LoadResult> results, int concurrency) {
            return results.stream().filter(r -> r.concurrency() == concurrency).findFirst().orElseThrow();
        }
    }

    private ProtocolBench() {
    }

    public static Figures run(Settings settings, PrintStream out) throws Exception {
        Path recordDir = Files.createTempDirectory("stepgym-bench");
        int maxConcurrency = settings.concurrencies().stream().max(Integer::compare).orElse(1);
        ServerConfig config = ServerConfig.defaults().withPort(0).withRecordDir(recordDir).withAllowPrivileged(true)
                .withMaxSteps(ENV, Integer.MAX_VALUE).withScenario("bench-protocol")
                .withDefaultCapacity(settings.heapEpisodes() + maxConcurrency + 16);
        List<LoadResult> echo = new ArrayList<>();
        List<LoadResult> shop = new ArrayList<>();
        double heapPerEpisode;
        try (RunningServer server = RunningServer.start(config, Environments.registry(config));
             EchoServer echoServer = new EchoServer(server.vertx())) {
            out.println("opening " + ENV + " (catalog and index are built once) …");
            List<ResetResult> episodes = new ArrayList<>();
            for (int i = 0; i < maxConcurrency; i++) {
                episodes.add(server.manager().reset(new ResetCall(ENV, null, (long) i, Map.of("privileged", true, "split", "test"))));
            }
            ShopActions actions = new ShopActions(episodes);
            for (int concurrency : settings.concurrencies()) {
                echo.add(WebSocketLoad.run(server.vertx(), "echo", echoServer.port(), "/", concurrency,
                        (loop, seq, reply) -> actions.echoFrame(loop), settings.warmup(), settings.measure()));
                out.println("  " + line(echo.get(echo.size() - 1)));
                shop.add(WebSocketLoad.run(server.vertx(), ENV, server.port(), "/v1/ws", concurrency,
                        actions::next, settings.warmup(), settings.measure()));
                out.println("  " + line(shop.get(shop.size() - 1)));
            }
            for (ResetResult episode : episodes) {
                server.manager().close(episode.episodeId());
            }
            heapPerEpisode = heapPerOpenEpisode(server.manager(), settings.heapEpisodes(), out);
        } finally {
            deleteTree(recordDir);
        }
        Figures figures = new Figures(echo, shop, heapPerEpisode, settings.heapEpisodes());
        print(figures, settings, out);
        return figures;
    }

    /**
     * Opens {@code count} shop episodes and divides the heap growth by their number. The catalog and
     * index are already loaded (the episodes above opened them), so the growth is per-episode state:
     * the environment's, the manager's bookkeeping and the recorder's.
     */
    static double heapPerOpenEpisode(EpisodeManager manager, int count, PrintStream out) {
        out.printf(Locale.ROOT, "opening %d %s episodes to measure heap …%n", count, ENV);
        long before = usedHeapAfterGc();
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(manager.reset(new ResetCall(ENV, null, (long) i, Map.of("split", "train"))).episodeId());
        }
        long after = usedHeapAfterGc();
        for (String id : ids) {
            manager.close(id);
        }
        return (double) (after - before) / count;
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    /**
     * A fixed walk through the store for each loop, chosen from the page the last reply shows:
     * search → results → item → description → item → results → search …, so every step kind is
     * in the mix and no step ends the episode.
     */
    static final class ShopActions {
        private final List<ResetResult> episodes;
        private final List<String> queries = new ArrayList<>();

        ShopActions(List<ResetResult> episodes) {
            this.episodes = episodes;
            for (ResetResult episode : episodes) {
                Object goal = episode.info().get("goal");
                String query = goal instanceof Map<?, ?> g && g.get("search_query") != null
                        ? g.get("search_query").toString() : String.valueOf(episode.info().get("instruction"));
                queries.add(query);
            }
        }

        String next(int loop, long sequence, JsonNode reply) {
            JsonNode data = reply == null ? null : reply.path("result").path("observation").path("data");
            String page = data == null ? "search" : data.path("page").asText("search");
            String action = switch (page) {
                case "results" -> sequence % 4 == 3 ? "click[back to search]"
                        : "click[" + data.path("results").path((int) (sequence % Math.max(1, data.path("results").size())))
                        .path("asin").asText("back to search") + "]";
                case "item" -> sequence % 2 == 0 ? "click[description]" : "click[< prev]";
                case "description", "features" -> "click[< prev]";
                default -> "search[" + queries.get(loop) + "]";
            };
            return frame(loop, action);
        }

        String echoFrame(int loop) {
            return frame(loop, "search[" + queries.get(loop) + "]");
        }

        private String frame(int loop, String action) {
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("id", "c" + loop);
            frame.put("op", "step");
            frame.put("episode_id", episodes.get(loop).episodeId());
            frame.put("action", action);
            return Json.write(frame);
        }
    }

    static String line(LoadResult r) {
        return String.format(Locale.ROOT, "%-8s %4d episodes: %9.0f steps/s  p50 %7.3f ms  p99 %7.3f ms  (%d round trips)",
                r.target(), r.concurrency(), r.perSecond(), r.p50Millis(), r.p99Millis(), r.operations());
    }

    static void print(Figures f, Settings settings, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "protocol bench (%d cores, %s warm-up, %s measured per row)%n",
                Runtime.getRuntime().availableProcessors(), settings.warmup(), settings.measure());
        out.printf(Locale.ROOT, "| episodes | echo msg/s | echo p50 ms | echo p99 ms | shop steps/s | shop p50 ms | shop p99 ms | shop/echo |%n");
        out.printf(Locale.ROOT, "|---:|---:|---:|---:|---:|---:|---:|---:|%n");
        for (int i = 0; i < f.shop().size(); i++) {
            LoadResult e = f.echo().get(i);
            LoadResult s = f.shop().get(i);
            out.printf(Locale.ROOT, "| %d | %.0f | %.3f | %.3f | %.0f | %.3f | %.3f | %.2f |%n", s.concurrency(), e.perSecond(),
                    e.p50Millis(), e.p99Millis(), s.perSecond(), s.p50Millis(), s.p99Millis(), s.perSecond() / e.perSecond());
        }
        out.printf(Locale.ROOT, "heap per open %s episode (%d open): %.1f KiB (target <= 64 KiB)%n", ENV, f.heapEpisodes(),
                f.heapBytesPerEpisode() / 1024);
        int top = settings.concurrencies().stream().max(Integer::compare).orElse(1);
        out.printf(Locale.ROOT, "shop/echo at %d episodes: %.2f (target >= 0.50)%n", top, f.ratioAt(top));
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove bench directory " + root, e);
        }
    }
}
