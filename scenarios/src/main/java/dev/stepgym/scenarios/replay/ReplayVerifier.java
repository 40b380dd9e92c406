package dev.stepgym.scenarios.replay;

import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.record.CorruptTrajectoryException;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.record.TrajectoryReader;
import dev.stepgym.protocol.record.TrajectoryRecord;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.EnvironmentFactory;
import dev.stepgym.protocol.env.EnvironmentProvider;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.pipeline.RewardLayer;
import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.StateHash;
import dev.stepgym.protocol.env.TimeLimit;
import dev.stepgym.protocol.env.WebPages;
import dev.stepgym.protocol.env.Transition;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Re-executes recorded episodes and compares every step with its record: same environment version,
 * task, seed, options and reward pipeline (the one in the header), same actions; a fork replays
 * its parent's actions up to the fork first. What differs is reported as a {@link Mismatch}, never
 * thrown, so one run lists every difference.
 */
public final class ReplayVerifier implements AutoCloseable {
    private final EnvironmentRegistry registry;
    private final Map<String, Map<String, String>> settings;
    private final Map<String, EnvironmentFactory> factories = new ConcurrentHashMap<>();
    /** Plain factories opened only to serve another environment's pages (env id → factory). */
    private final Map<String, EnvironmentFactory> pageFactories = new ConcurrentHashMap<>();
    /** Started for the first environment that has web pages: it plays the server those pages come from. */
    private PageServer pageServer;

    /**
     * @param registry the environments as discovered, without a reward layer: each episode gets the
     *     pipeline its header records, put in front as the server's (so server-only parameters,
     *     such as a model scorer, are re-executed as they were recorded)
     * @param settings env id → settings the episodes were recorded with (defaults when absent)
     */
    public ReplayVerifier(EnvironmentRegistry registry, Map<String, Map<String, String>> settings) {
        this.registry = registry;
        this.settings = Map.copyOf(settings);
    }

    /** What a verification found. */
    public record Report(int files, int steps, List<Mismatch> mismatches) {
        public Report {
            mismatches = List.copyOf(mismatches);
        }
    }

    public Report verify(Path in, PrintStream progress) {
        Path dir = in.toAbsolutePath().normalize();
        List<Path> files = list(dir);
        Map<String, Trajectory> byEpisode = new LinkedHashMap<>();
        Map<Path, Trajectory> read = new LinkedHashMap<>();
        List<Mismatch> mismatches = new ArrayList<>();
        for (Path f : files) {
            try {
                Trajectory t = TrajectoryReader.read(f);
                read.put(f, t);
                byEpisode.put(t.episodeId(), t);
            } catch (CorruptTrajectoryException e) {
                mismatches.add(new Mismatch(dir.relativize(f).toString(), 0, "file",
                        "a readable trajectory", "line " + e.lineNumber() + ": " + e.problem()));
            }
        }
        int steps = 0;
        int done = 0;
        for (Map.Entry<Path, Trajectory> e : read.entrySet()) {
            String name = dir.relativize(e.getKey()).toString();
            steps += e.getValue().steps().size();
            verify(name, e.getValue(), byEpisode, mismatches);
            done++;
            if (progress != null) {
                progress.print("\rverified " + done + "/" + read.size() + " files, " + mismatches.size() + " mismatches");
                progress.flush();
            }
        }
        if (progress != null && !read.isEmpty()) {
            progress.println();
        }
        return new Report(files.size(), steps, mismatches);
    }

    private void verify(String file, Trajectory t, Map<String, Trajectory> byEpisode, List<Mismatch> out) {
        List<TrajectoryRecord.Header> lineage = new ArrayList<>();
        List<List<TrajectoryRecord.StepLine>> prefixes = new ArrayList<>();
        Trajectory root = t;
        while (root.header().parentEpisodeId() != null) {
            Trajectory parent = byEpisode.get(root.header().parentEpisodeId());
            if (parent == null) {
                out.add(new Mismatch(file, 0, "episode", "the parent " + root.header().parentEpisodeId() + " in the input", "missing"));
                return;
            }
            int upTo = root.header().parentStep();
            prefixes.add(0, parent.steps().stream().filter(s -> s.step() <= upTo).toList());
            root = parent;
        }
        TrajectoryRecord.Header h = root.header();
        Environment env;
        try {
            env = start(h);
        } catch (RuntimeException e) {
            out.add(new Mismatch(file, 0, "episode", "a fresh " + h.env() + " episode of task " + h.task() + " seed " + h.seed(),
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
            return;
        }
        try (env) {
            for (List<TrajectoryRecord.StepLine> prefix : prefixes) {
                for (TrajectoryRecord.StepLine s : prefix) {
                    env.step(s.action()); // already compared in the parent's own file
                }
            }
            for (TrajectoryRecord.StepLine s : t.steps()) {
                Transition got;
                try {
                    got = env.step(s.action());
                } catch (RuntimeException e) {
                    out.add(new Mismatch(file, s.step(), "step", "a step", e.getClass().getSimpleName() + ": " + e.getMessage()));
                    return;
                }
                compare(file, s, got, StateHash.of(h.env(), env), out);
            }
        } catch (RuntimeException e) {
            out.add(new Mismatch(file, 0, "episode", "a replay", e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private Environment start(TrajectoryRecord.Header h) {
        if (!registry.ids().contains(h.env())) {
            throw new IllegalArgumentException("unknown environment version " + h.env() + "; registered: " + registry.ids());
        }
        String key = h.env() + " " + h.rewardConfigDigest();
        EnvironmentFactory factory = factories.computeIfAbsent(key, k -> {
            EnvironmentProvider provider = registry.provider(h.env());
            if (h.rewardPipeline() != null) {
                provider = RewardLayer.defaults().with(h.env(), PipelineConfig.parse(h.rewardPipeline(), "header of " + h.episodeId()))
                        .wrap(provider);
            }
            EnvironmentFactory opened = provider.open(settings.getOrDefault(h.env(), Map.of()));
            if (opened.webPages().isPresent()) {
                opened.serverListening(pageServer().origin());
            }
            return opened;
        });
        EnvSpec spec = factory.spec();
        Map<String, Object> options = new LinkedHashMap<>(h.options());
        options.remove("max_steps");
        options.remove("reward_pipeline"); // the recorded pipeline is in force already, as the server's
        boolean privileged = Boolean.TRUE.equals(options.remove("privileged"));
        int maxSteps = h.maxSteps() != null ? h.maxSteps() : spec.maxSteps();
        Environment env = new TimeLimit(factory.newEpisode(), maxSteps);
        env.reset(new ResetRequest(h.seed(), h.task(), options, privileged));
        return env;
    }

    /**
     * The loopback server for environments whose episodes open their own pages in a browser (gui-v1):
     * the recording server served them; here this one does, under the same {@code /web/{env-id}/} paths,
     * from a factory of that environment (the one replaying, or a plain one opened for its pages).
     */
    private synchronized PageServer pageServer() {
        if (pageServer == null) {
            pageServer = new PageServer(this::pagesOf);
        }
        return pageServer;
    }

    private Optional<WebPages> pagesOf(String envId) {
        for (EnvironmentFactory f : factories.values()) {
            if (f.spec().id().equals(envId)) {
                return f.webPages();
            }
        }
        if (!registry.ids().contains(envId)) {
            return Optional.empty();
        }
        return pageFactories.computeIfAbsent(envId, id -> registry.provider(id).open(settings.getOrDefault(id, Map.of())))
                .webPages();
    }

    private static void compare(String file, TrajectoryRecord.StepLine want, Transition got, String stateHash, List<Mismatch> out) {
        int step = want.step();
        check(file, step, "observation", want.observation(), got.observation(), out);
        check(file, step, "state_hash", want.stateHash(), stateHash, out);
        check(file, step, "rewards", want.rewards(), got.rewards(), out);
        double reward = dev.stepgym.protocol.RewardComponent.total(got.rewards());
        if (Double.doubleToLongBits(reward) != Double.doubleToLongBits(want.reward())) {
            out.add(new Mismatch(file, step, "reward", Double.toString(want.reward()), Double.toString(reward)));
        }
        check(file, step, "terminated", want.terminated(), got.terminated(), out);
        check(file, step, "truncated", want.truncated(), got.truncated(), out);
    }

    /** Equal as JSON (the record went through JSON: an int read back must equal the long written). */
    private static void check(String file, int step, String field, Object want, Object got, List<Mismatch> out) {
        String w = Json.canonical(want);
        String g = Json.canonical(got);
        if (!w.equals(g)) {
            out.add(new Mismatch(file, step, field, abbreviate(w), abbreviate(g)));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no such folder: " + dir);
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> p.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        factories.values().forEach(EnvironmentFactory::close);
        pageFactories.values().forEach(EnvironmentFactory::close);
        synchronized (this) {
            if (pageServer != null) {
                pageServer.close();
            }
        }
    }
}
