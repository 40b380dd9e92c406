package dev.stepgym.scenarios.cli;

import dev.stepgym.scenarios.bench.CodeBench;
import dev.stepgym.scenarios.bench.ProtocolBench;
import dev.stepgym.scenarios.bench.SearchQaBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code stepgym bench …}: figures measured side by side in one run (never in timed tests). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchCommand.Protocol.class, BenchCommand.SearchQa.class, BenchCommand.Code.class, BenchCommand.Rewards.class,
                BenchCommand.Gui.class})
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "protocol", mixinStandardHelpOptions = true,
            description = "Shop steps over /v1/ws vs a raw Vert.x WebSocket echo at 1, 16 and 64 episodes; heap per open episode.")
    static final class Protocol implements Callable<Integer> {
        @Option(names = "--concurrency", split = ",", defaultValue = "1,16,64", description = "episodes at once (default: ${DEFAULT-VALUE})")
        List<Integer> concurrencies;

        @Option(names = "--seconds", defaultValue = "8", description = "measured seconds per row (default: ${DEFAULT-VALUE})")
        int seconds;

        @Option(names = "--warmup-seconds", defaultValue = "3", description = "warm-up seconds per row (default: ${DEFAULT-VALUE})")
        int warmupSeconds;

        @Option(names = "--heap-episodes", defaultValue = "10000", description = "episodes opened for the heap figure (default: ${DEFAULT-VALUE})")
        int heapEpisodes;

        @Override
        public Integer call() throws Exception {
            ProtocolBench.run(new ProtocolBench.Settings(concurrencies, Duration.ofSeconds(warmupSeconds),
                    Duration.ofSeconds(seconds), heapEpisodes), System.out);
            return 0;
        }
    }

    @Command(name = "searchqa", mixinStandardHelpOptions = true,
            description = "Search step p50/p99 (BM25, dense, hybrid), reward cost per step, batched vs raw embedding throughput.")
    static final class SearchQa implements Callable<Integer> {
        @Option(names = "--queries", defaultValue = "500", description = "queries per retriever (default: ${DEFAULT-VALUE})")
        int queries;

        @Option(names = "--embed-texts", defaultValue = "2000", description = "texts per side of the embedding comparison (default: ${DEFAULT-VALUE})")
        int embedTexts;

        @Option(names = "--batch", defaultValue = "32", description = "raw batch size and largest batch formed (default: ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--threads", defaultValue = "32", description = "threads submitting single texts (default: ${DEFAULT-VALUE})")
        int threads;

        @Option(names = "--small", description = "use the small world (a quick run)")
        boolean small;

        @Option(names = "--load-episodes", defaultValue = "64",
                description = "episodes of the load run, one WebSocket each (0: no load run; default: ${DEFAULT-VALUE})")
        int loadEpisodes;

        @Option(names = "--load-warmup-seconds", defaultValue = "20", description = "load warm-up seconds (default: ${DEFAULT-VALUE})")
        int loadWarmup;

        @Option(names = "--load-seconds", defaultValue = "20", description = "load measured seconds (default: ${DEFAULT-VALUE})")
        int loadSeconds;

        @Option(names = "--load-worker-threads", defaultValue = "0",
                description = "the load server's worker threads, as serve --worker-threads (0: serve's default; default: ${DEFAULT-VALUE})")
        int loadWorkerThreads;

        @Option(names = "--load-only", description = "run only the many-socket load, not the per-step latencies and embedding throughput")
        boolean loadOnly;

        @Override
        public Integer call() {
            if (loadOnly) {
                if (loadEpisodes < 1) {
                    throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                            "--load-only needs --load-episodes of at least 1, got " + loadEpisodes);
                }
                SearchQaBench.runLoad(new SearchQaBench.Load(loadEpisodes, Duration.ofSeconds(loadWarmup), Duration.ofSeconds(loadSeconds),
                                loadWorkerThreads),
                        small ? java.util.Map.of("world", "small") : java.util.Map.of(), System.out);
                return 0;
            }
            SearchQaBench.run(new SearchQaBench.Settings(queries, embedTexts, batch, threads, small,
                    new SearchQaBench.Load(loadEpisodes, Duration.ofSeconds(loadWarmup), Duration.ofSeconds(loadSeconds), loadWorkerThreads)),
                    System.out);
            return 0;
        }
    }

    @Command(name = "code", mixinStandardHelpOptions = true,
            description = "Reset warm vs cold, step overhead over the raw pyright round trip, oracle episodes/s over the suite.")
    static final class Code implements Callable<Integer> {
        @Option(names = "--cold-resets", defaultValue = "5", description = "cold resets (default: ${DEFAULT-VALUE})")
        int coldResets;

        @Option(names = "--warm-resets", defaultValue = "100", description = "warm resets (default: ${DEFAULT-VALUE})")
        int warmResets;

        @Option(names = "--requests", defaultValue = "300", description = "definition requests per side (default: ${DEFAULT-VALUE})")
        int requests;

        @Option(names = "--concurrency", defaultValue = "2", description = "oracle episodes at once (default: ${DEFAULT-VALUE})")
        int concurrency;

        @Override
        public Integer call() throws Exception {
            CodeBench.run(new CodeBench.Settings(coldResets, warmResets, requests, concurrency), System.out);
            return 0;
        }
    }

    @Command(name = "rewards", mixinStandardHelpOptions = true,
            description = "Rescoring recorded steps from their evidence vs re-executing them (target >= 50x); transforms per second;"
                    + " batched vs raw progress inference (target >= 0.8); searchqa at 64 sockets.")
    static final class Rewards implements Callable<Integer> {
        @Option(names = "--steps", defaultValue = "10000", description = "recorded steps to measure over (default: ${DEFAULT-VALUE})")
        int steps;

        @Option(names = "--transform-loops", defaultValue = "20", description = "passes over the task groups per transform (default: ${DEFAULT-VALUE})")
        int loops;

        @Option(names = "--code-tasks", defaultValue = "6", description = "code-v1 tasks measured too, with real pyright (0: none; default: ${DEFAULT-VALUE})")
        int codeTasks;

        @Option(names = "--searchqa-episodes", defaultValue = "64",
                description = "searchqa episodes of the load run, one WebSocket each (0: none; default: ${DEFAULT-VALUE})")
        int searchQaEpisodes;

        @Option(names = "--searchqa-seconds", defaultValue = "20", description = "searchqa load: warm-up and measured seconds each (default: ${DEFAULT-VALUE})")
        int searchQaSeconds;

        @Option(names = "--progress-steps", defaultValue = "1024",
                description = "recorded steps scored by each side of the batched vs raw progress inference comparison (0: none; default: ${DEFAULT-VALUE})")
        int progressSteps;

        @Override
        public Integer call() throws Exception {
            dev.stepgym.scenarios.bench.RewardsBench.run(new dev.stepgym.scenarios.bench.RewardsBench.Settings(steps, loops, codeTasks,
                    new SearchQaBench.Load(searchQaEpisodes, Duration.ofSeconds(searchQaSeconds), Duration.ofSeconds(searchQaSeconds)), progressSteps),
                    System.out);
            return 0;
        }
    }

    @Command(name = "gui", mixinStandardHelpOptions = true,
            description = "gui-v1 in real Chromium: warm reset vs a raw cold start, step overhead over the raw Playwright calls"
                    + " (target <= 15%%), oracle episodes/s, memory per open episode, episodes in a row with flat memory,"
                    + " Chromium processes left after the server closed.")
    static final class Gui implements Callable<Integer> {
        @Option(names = "--resets", defaultValue = "50", description = "warm resets measured (default: ${DEFAULT-VALUE})")
        int resets;

        @Option(names = "--cold-launches", defaultValue = "5", description = "raw cold starts measured (default: ${DEFAULT-VALUE})")
        int coldLaunches;

        @Option(names = "--steps", defaultValue = "100", description = "steps per side of the step comparison (default: ${DEFAULT-VALUE})")
        int steps;

        @Option(names = "--concurrency", split = ",", defaultValue = "1,4,8", description = "oracle episodes at once (default: ${DEFAULT-VALUE})")
        List<Integer> concurrencies;

        @Option(names = "--oracle-episodes", defaultValue = "30", description = "oracle episodes per concurrency (default: ${DEFAULT-VALUE})")
        int oracleEpisodes;

        @Option(names = "--open-episodes", defaultValue = "16", description = "episodes held open for memory per episode (default: ${DEFAULT-VALUE})")
        int openEpisodes;

        @Option(names = "--soak-episodes", defaultValue = "1000", description = "oracle episodes in a row for flat memory (0: none; default: ${DEFAULT-VALUE})")
        int soakEpisodes;

        @Option(names = "--soak-interval", defaultValue = "100", description = "episodes between memory samples (default: ${DEFAULT-VALUE})")
        int soakInterval;

        @Option(names = "--soak-seconds", defaultValue = "240", description = "the run in a row stops at the first sample past this (default: ${DEFAULT-VALUE})")
        int soakSeconds;

        @Option(names = "--small", description = "a quick run (tests): 3 resets, 1 cold start, 6 steps, 2 oracle episodes at 1 and 2 at once,"
                + " 2 open episodes, 8 in a row sampled every 4; other flags are ignored")
        boolean small;

        @Override
        public Integer call() throws Exception {
            dev.stepgym.scenarios.bench.GuiBench.Settings settings;
            try {
                settings = small
                        ? new dev.stepgym.scenarios.bench.GuiBench.Settings(3, 1, 6, List.of(1, 2), 2, 2, 8, 4, Duration.ofSeconds(120))
                        : new dev.stepgym.scenarios.bench.GuiBench.Settings(resets, coldLaunches, steps, concurrencies, oracleEpisodes,
                        openEpisodes, soakEpisodes, soakInterval, Duration.ofSeconds(soakSeconds));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage());
            }
            var figures = dev.stepgym.scenarios.bench.GuiBench.run(settings, System.out);
            return figures.chromiumLeftAfterClose() == 0 ? 0 : 1;
        }
    }
}
