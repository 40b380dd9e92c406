package dev.stepgym.scenarios.bench;

import dev.stepgym.envs.searchqa.SearchQaEnvironmentProvider;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.protocol.server.ServerConfig;
import dev.stepgym.scenarios.server.Environments;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * searchqa as a trainer drives it: {@code episodes} concurrent episodes on one fresh server, each on
 * its own WebSocket, each looping reset → {@value #STEPS} steps → close ({@link SearchQaActionMix}).
 * The server runs here; the client is a process of its own ({@link EpisodeLoadProcess}), talking to
 * it over loopback. Step round trips are counted and timed after a warm-up that opens the world, its
 * indexes and MiniLM; each side's CPU time per step is reported.
 */
final class SearchQaSocketLoad {
    static final int STEPS = SearchQaEnvironmentProvider.MAX_STEPS;

    /**
     * @param episodes  concurrent episodes, one WebSocket each
     * @param warmup    time before measuring
     * @param measure   measured time
     * @param envSettings searchqa settings of the server (e.g. {@code world=small} for a quick run)
     * @param workerThreads the server's worker threads ({@code serve --worker-threads}); 0: its default
     */
    record Settings(int episodes, Duration warmup, Duration measure, Map<String, String> envSettings, int workerThreads) {
    }

    /** What one run measured: the client's figures and the server process's CPU time over the measured window. */
    record Result(int episodes, EpisodeLoad.Result client, double serverCpuSeconds) {
        double stepsPerSecond() {
            return client.stepsPerSecond();
        }

        double p99Millis() {
            return client.stepP99();
        }

        double serverCpuMillisPerStep() {
            return client.steps() == 0 ? Double.NaN : serverCpuSeconds * 1000 / client.steps();
        }

        double clientCpuMillisPerStep() {
            return client.steps() == 0 ? Double.NaN : client.clientCpuSeconds() * 1000 / client.steps();
        }
    }

    private SearchQaSocketLoad() {
    }

    static Result run(Settings settings, PrintStream out) throws Exception {
        Path recordDir = Files.createTempDirectory("stepgym-bench-searchqa-load");
        ServerConfig config = ServerConfig.defaults().withPort(0).withRecordDir(recordDir)
                .withScenario("bench-searchqa-load").withEnvSettings(SearchQaEnvironmentProvider.ID, settings.envSettings());
        if (settings.workerThreads() > 0) {
            config = config.withWorkerThreads(settings.workerThreads());
        }
        try (RunningServer server = RunningServer.start(config, Environments.registry(config))) {
            out.printf(Locale.ROOT, "searchqa load: %d episodes, one WebSocket each, reset -> %d steps -> close, from a client"
                            + " process of its own; server worker threads %d; warm-up %d s …%n", settings.episodes(), STEPS,
                    config.workerThreads(), settings.warmup().toSeconds());
            // The server's CPU is sampled over the client's measured window: it starts after the warm-up.
            long[] cpu = new long[2];
            Thread sampler = new Thread(() -> {
                try {
                    Thread.sleep(settings.warmup().toMillis());
                    cpu[0] = CpuTime.processNanos();
                    Thread.sleep(settings.measure().toMillis());
                    cpu[1] = CpuTime.processNanos();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "stepgym-bench-cpu");
            sampler.setDaemon(true);
            EpisodeLoad.Plan plan = new EpisodeLoad.Plan(server.port(), SearchQaEnvironmentProvider.ID, "searchqa", STEPS,
                    settings.episodes(), settings.warmup(), settings.measure());
            sampler.start();
            EpisodeLoad.Result client = EpisodeLoadProcess.run(plan);
            sampler.join(5_000);
            return new Result(settings.episodes(), client, cpu[1] > 0 ? (cpu[1] - cpu[0]) / 1e9 : Double.NaN);
        } finally {
            deleteQuietly(recordDir);
        }
    }

    static void print(Result r, PrintStream out) {
        EpisodeLoad.Result c = r.client();
        out.printf(Locale.ROOT, "| episodes (sockets) | steps | steps/s | step p50 ms | step p99 ms | resets/s | reset p50 ms | episodes closed | errors |%n");
        out.printf(Locale.ROOT, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n");
        out.printf(Locale.ROOT, "| %d | %d | %.0f | %.1f | %.1f | %.0f | %.1f | %d | %d |%n", r.episodes(), c.steps(), c.stepsPerSecond(),
                c.stepP50(), c.stepP99(), c.resetsPerSecond(), c.resetP50(), c.episodesClosed(), c.errors());
        out.printf(Locale.ROOT, "searchqa at %d sockets: %.0f steps/s (target >= 1000: %s), p99 %.1f ms (target <= 100: %s)%n",
                r.episodes(), r.stepsPerSecond(), r.stepsPerSecond() >= 1000 ? "met" : "NOT met", r.p99Millis(),
                r.p99Millis() <= 100 ? "met" : "NOT met");
        out.printf(Locale.ROOT, "CPU per step (%d cores): server %.2f ms, client %.2f ms%n",
                Runtime.getRuntime().availableProcessors(), r.serverCpuMillisPerStep(), r.clientCpuMillisPerStep());
        if (c.firstError() != null) {
            out.println("first error: " + c.firstError());
        }
    }

    private static void deleteQuietly(Path root) {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // a leftover temp folder is not worth failing a bench for
        }
    }
}
