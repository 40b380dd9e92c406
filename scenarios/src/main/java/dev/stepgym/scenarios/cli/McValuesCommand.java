package dev.stepgym.scenarios.cli;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.Agents;
import dev.stepgym.agents.client.StepGymSocket;
import dev.stepgym.agents.mc.McOptions;
import dev.stepgym.agents.mc.MonteCarloValues;
import dev.stepgym.agents.mc.ReplayDivergedException;
import dev.stepgym.agents.mc.StepValue;
import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.record.CorruptTrajectoryException;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.protocol.record.TrajectoryRecord;
import dev.stepgym.rewards.progress.ProgressModel;
import dev.stepgym.rewards.progress.ProgressStats;
import dev.stepgym.rewards.scoring.SharedModels;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.protocol.server.ServerConfig;
import dev.stepgym.scenarios.run.ProgressBar;
import dev.stepgym.scenarios.server.Environments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@code stepgym rewards mc-values}: Monte Carlo step values of recorded episodes through fork, on an
 * embedded server ({@link MonteCarloValues}), one JSONL row per step.
 */
@Command(name = "mc-values", mixinStandardHelpOptions = true,
        description = "Replay recorded episodes on an embedded server and, at every state, fork K rollouts of an agent "
                + "played to the end: V(s) is their mean outcome score, a step's progress is V(after) - V(before). "
                + "Writes one JSONL row per step: episode, step, action, v_before, v_after, progress, k, stderr; with --model also "
                + "the progress model's c_hat, and prints its correlation with the Monte Carlo progress.")
final class McValuesCommand implements Callable<Integer> {
    @Option(names = "--env", required = true, description = "the environment whose trajectories to use, e.g. shop-v1")
    String env;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "recorded trajectories (*.jsonl, searched recursively)")
    Path from;

    @Option(names = "--episodes", paramLabel = "N", description = "only the first N episodes (by file path; default: all)")
    Integer episodes;

    @Option(names = "--agent", defaultValue = "random", description = "the rollout agent (default: ${DEFAULT-VALUE})")
    String agent;

    @Option(names = "--k", defaultValue = "8", description = "rollouts per state (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--concurrency", defaultValue = "16", description = "rollouts open at once, at most (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--seed", defaultValue = "0", description = "base seed of the rollout agents (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", defaultValue = "mc.jsonl", paramLabel = "FILE", description = "the JSONL output (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--env-setting", paramLabel = "ENV.KEY=VALUE",
            description = "settings the episodes were recorded with, as for serve (e.g. shop-v1.products=2000)")
    List<String> envSettings = new ArrayList<>();

    @Option(names = "--model", paramLabel = "DIR",
            description = "a progress model folder (rewards train-progress): each row also gets the model's c_hat, and the summary "
                    + "prints the Pearson and Spearman correlation of c_hat with the Monte Carlo progress")
    Path model;

    @Option(names = "--held-out", description = "with --model: only the episodes the model held out of its training")
    boolean heldOut;

    @Mixin
    ProgressOptions progress;

    @Override
    public Integer call() throws IOException {
        McOptions options = new McOptions(k, concurrency, McOptions.DEFAULT_MAX_ROLLOUT_STEPS, seed);
        if (episodes != null && episodes < 1) {
            throw new IllegalArgumentException("--episodes must be at least 1, got " + episodes);
        }
        if (heldOut && model == null) {
            throw new IllegalArgumentException("--held-out needs --model, whose manifest lists the held-out episodes");
        }
        Agent rolloutAgent = Agents.create(agent, seed);
        ServerConfig config = ServerConfig.defaults().withPort(0).withHost("127.0.0.1").withRecordDir(null)
                .withAllowPrivileged(true).withCapacity(env, concurrency + 2);
        for (Map.Entry<String, Map<String, String>> entry : ServeCommand.parseSettings(envSettings).entrySet()) {
            config = config.withEnvSettings(entry.getKey(), entry.getValue());
        }
        EnvironmentRegistry registry = Environments.registry(config, Map.of());
        if (!registry.ids().contains(env)) {
            throw new IllegalArgumentException("unknown environment '" + env + "'; registered: " + registry.ids());
        }
        ProgressModel progressModel = model == null ? null : ProgressModel.load(model, SharedModels.miniLm());
        if (heldOut && progressModel.manifest().split() == null) {
            progressModel.close();
            throw new IllegalArgumentException("--held-out: model " + model + " records no held-out split; retrain it");
        }
        try (progressModel) {
            return value(rolloutAgent, options, config, registry, progressModel);
        }
    }

    private int value(Agent rolloutAgent, McOptions options, ServerConfig config, EnvironmentRegistry registry,
                      ProgressModel progressModel) throws IOException {
        List<Trajectory> chosen = trajectories(progressModel);
        System.out.printf(Locale.ROOT, "stepgym rewards mc-values: %d %s episodes from %s, agent %s, k %d, concurrency %d%n",
                chosen.size(), env, from, agent, k, concurrency);
        long started = System.nanoTime();
        int steps = 0;
        int failed = 0;
        double progressSum = 0;
        List<Double> modelValues = new ArrayList<>();
        List<Double> mcProgress = new ArrayList<>();
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (RunningServer server = RunningServer.start(config, registry);
             StepGymSocket socket = StepGymSocket.connect(server.wsUrl());
             MonteCarloValues mc = new MonteCarloValues(socket, rolloutAgent, options);
             BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             ProgressBar bar = ProgressBar.create(System.err, "mc-values " + agent, chosen.size(), progress.mode())) {
            bar.start();
            for (Trajectory trajectory : chosen) {
                List<StepValue> values;
                try {
                    values = mc.forRecorded(trajectory);
                } catch (RuntimeException e) {
                    failed++;
                    String why = e instanceof ReplayDivergedException ? e.getMessage()
                            : "episode " + trajectory.episodeId() + " failed: " + e.getMessage();
                    bar.printAbove(() -> System.out.println(why));
                    bar.advance(false);
                    continue;
                }
                float[] cHat = progressModel == null ? null : progressModel.contributions(
                        trajectory.steps().stream().map(TrajectoryRecord.StepLine::evidence).toList(),
                        IntStream.rangeClosed(1, trajectory.steps().size()).boxed().toList());
                for (int i = 0; i < values.size(); i++) {
                    StepValue value = values.get(i);
                    Map<String, Object> row = value.toJson(k);
                    if (cHat != null) {
                        row.put("c_hat", (double) cHat[i]);
                        modelValues.add((double) cHat[i]);
                        mcProgress.add(value.progress());
                    }
                    writer.write(Json.write(row));
                    writer.newLine();
                    progressSum += value.progress();
                }
                writer.flush();
                steps += values.size();
                bar.advance(true);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "%d episodes (%d failed), %d steps, %d rollouts (at most %d open at once) in %.1f s; "
                            + "mean progress %.4f; written to %s%n",
                    chosen.size(), failed, steps, mc.rolloutsPlayed(), mc.peakOpenRollouts(), seconds,
                    steps == 0 ? 0.0 : progressSum / steps, out);
            if (progressModel != null) {
                double[] c = modelValues.stream().mapToDouble(Double::doubleValue).toArray();
                double[] p = mcProgress.stream().mapToDouble(Double::doubleValue).toArray();
                System.out.printf(Locale.ROOT, "progress model %s%s: per-step c_hat against Monte Carlo progress over %d steps: "
                                + "Pearson r = %.3f, Spearman rho = %.3f%n", model, heldOut ? " (held-out episodes)" : "", c.length,
                        ProgressStats.pearson(c, p), ProgressStats.spearman(c, p));
            }
        }
        return failed == 0 ? 0 : 1;
    }

    /** The root episodes of {@code --env} under {@code --from}, by file path, at most {@code --episodes}. */
    private List<Trajectory> trajectories(ProgressModel progressModel) {
        if (!Files.isDirectory(from)) {
            throw new IllegalArgumentException("--from " + from + ": no such folder");
        }
        List<Path> files;
        try (Stream<Path> paths = Files.walk(from)) {
            files = paths.filter(p -> p.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + from, e);
        }
        List<Trajectory> chosen = new ArrayList<>();
        int skipped = 0;
        for (Path file : files) {
            if (episodes != null && chosen.size() >= episodes) {
                break;
            }
            Trajectory trajectory;
            try {
                trajectory = TrajectoryReader.read(file);
            } catch (CorruptTrajectoryException | UncheckedIOException e) {
                System.out.println("skipping unreadable " + file + ": " + e.getMessage());
                continue;
            }
            if (!env.equals(trajectory.header().env()) || trajectory.header().parentEpisodeId() != null || trajectory.steps().isEmpty()
                    || heldOut && !progressModel.manifest().isHeldOut(trajectory.episodeId())) {
                skipped++;
                continue;
            }
            chosen.add(trajectory);
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("--from " + from + ": no recorded " + env + " episodes with steps (*.jsonl; "
                    + files.size() + " files, " + skipped + " of other environments, forks, without steps"
                    + (heldOut ? " or not held out by the model" : "") + ")");
        }
        return chosen;
    }
}
