package dev.stepgym.scenarios.run;

import dev.stepgym.agents.client.EpisodeClosed;
import dev.stepgym.agents.client.StepGymClient;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.record.Trajectory;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.scenarios.report.CodeEvalRecorder;
import dev.stepgym.scenarios.report.CodeEvalReport;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Evaluates an external agent process ({@code --agent-cmd}) over code-v1 tasks. Per task the
 * evaluator resets an episode on the embedded server (bound to 127.0.0.1), starts the command with
 * the episode in its environment ({@link #URL}, {@link #EPISODE_ID}, {@link #ENV}, {@link #TASK},
 * {@link #TIME_LIMIT}), lets it drive the episode over the public protocol, and when it exits (or
 * is killed at the time limit) closes the episode and reads the outcome from its trajectory. An
 * episode the agent did not submit is closed and reported "not submitted".
 */
public final class ExternalAgentRunner {
    public static final String URL = "STEPGYM_URL";
    public static final String EPISODE_ID = "STEPGYM_EPISODE_ID";
    public static final String ENV = "STEPGYM_ENV";
    public static final String TASK = "STEPGYM_TASK";
    public static final String TIME_LIMIT = "STEPGYM_TIME_LIMIT_S";
    /** Cap of one task's log file. */
    public static final long LOG_LIMIT_BYTES = 4L << 20;
    private static final Duration RESET_TIMEOUT = Duration.ofMinutes(5);

    private final RunningServer server;
    private final List<String> command;
    private final String env;
    private final Duration limit;
    private final Path reportDir;
    private final Path logDir;

    /**
     * @param server    the embedded server the episodes run on
     * @param command   the command line, split into words
     * @param env       the environment id ({@code code-v1})
     * @param limit     wall-clock limit per task
     * @param reportDir the report folder (logs are given relative to it)
     * @param logDir    where the per-task logs go, under {@code reportDir}
     */
    public ExternalAgentRunner(RunningServer server, List<String> command, String env, Duration limit, Path reportDir,
                               Path logDir) {
        this.server = server;
        this.command = List.copyOf(command);
        this.env = env;
        this.limit = limit;
        this.reportDir = reportDir;
        this.logDir = logDir;
    }

    /** Runs the tasks, {@code concurrency} at once; results in task order. */
    public List<CodeEvalReport.TaskResult> run(List<String> tasks, int concurrency) {
        return run(tasks, concurrency, task -> { });
    }

    /** As {@link #run(List, int)}; {@code done} hears of each task as it finishes (a progress bar), from the worker threads. */
    public List<CodeEvalReport.TaskResult> run(List<String> tasks, int concurrency, Consumer<CodeEvalReport.TaskResult> done) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, concurrency), r -> {
            Thread t = new Thread(r, "stepgym-agent-cmd");
            t.setDaemon(true);
            return t;
        });
        // A cold reset starts pyright and runs the baseline tests: far longer than the client's default bound.
        try (StepGymClient client = StepGymClient.builder(server.baseUrl()).requestTimeout(RESET_TIMEOUT).build()) {
            List<Future<CodeEvalReport.TaskResult>> futures = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                String task = tasks.get(i);
                long seed = i;
                futures.add(pool.submit(() -> {
                    CodeEvalReport.TaskResult result = runTask(client, task, seed);
                    done.accept(result);
                    return result;
                }));
            }
            List<CodeEvalReport.TaskResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                results.add(await(futures.get(i), tasks.get(i)));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static CodeEvalReport.TaskResult await(Future<CodeEvalReport.TaskResult> future, String task) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CodeEvalReport.TaskResult.failed(task, null, 0, null, "interrupted");
        } catch (ExecutionException e) {
            return CodeEvalReport.TaskResult.failed(task, null, 0, null, "evaluator error: " + e.getCause());
        }
    }

    private CodeEvalReport.TaskResult runTask(StepGymClient client, String task, long seed) {
        ResetResult reset;
        try {
            reset = client.reset(env, task, seed, Map.of());
        } catch (RuntimeException e) {
            return CodeEvalReport.TaskResult.failed(task, null, 0, null, "reset failed: " + e.getMessage());
        }
        String episode = reset.episodeId();
        Path log = logDir.resolve(safeFileName(task) + ".log");
        String logName = reportDir.toAbsolutePath().relativize(log.toAbsolutePath()).toString();
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(URL, server.baseUrl());
        variables.put(EPISODE_ID, episode);
        variables.put(ENV, env);
        variables.put(TASK, task);
        variables.put(TIME_LIMIT, String.valueOf(limit.toSeconds()));
        String error;
        double seconds;
        try {
            ExternalAgentProcess.Result result = ExternalAgentProcess.run(command, variables, log, limit, LOG_LIMIT_BYTES);
            seconds = result.seconds();
            error = result.killedBecause(limit, LOG_LIMIT_BYTES);
            if (error == null && result.exitCode() != 0) {
                error = "the agent exited with status " + result.exitCode() + " (see its log)";
            }
        } catch (UncheckedIOException e) {
            seconds = 0;
            error = e.getMessage();
        }
        // Closing is idempotent: an agent that closed its episode itself gets the same summary back.
        EpisodeClosed closed;
        try {
            closed = client.close(episode);
        } catch (RuntimeException e) {
            return CodeEvalReport.TaskResult.failed(task, episode, seconds, logName, join(error, "close failed: " + e.getMessage()));
        }
        Trajectory trajectory;
        try {
            trajectory = server.manager().trajectory(episode);
        } catch (RuntimeException e) {
            return CodeEvalReport.TaskResult.failed(task, episode, seconds, logName,
                    join(error, "cannot read the trajectory: " + e.getMessage()));
        }
        boolean submitted = closed.outcome().get("score") instanceof Number;
        if (!submitted) {
            error = join(error, "not submitted: the evaluator closed the episode after " + closed.steps() + " steps");
        }
        return CodeEvalRecorder.task(trajectory, seconds, logName, error);
    }

    private static String join(String first, String second) {
        return first == null ? second : first + "; " + second;
    }

    /** Task ids are already safe in the task format; this keeps a user's odd id from leaving the log folder. */
    static String safeFileName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }
}
