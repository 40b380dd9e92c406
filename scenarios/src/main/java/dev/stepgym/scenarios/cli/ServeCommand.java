package dev.stepgym.scenarios.cli;

import dev.stepgym.protocol.server.ServerConfig;
import dev.stepgym.protocol.server.ServerLimits;
import dev.stepgym.rewards.pipeline.PipelineConfig;
import dev.stepgym.rewards.service.RewardRoutes;
import dev.stepgym.scenarios.server.Environments;
import dev.stepgym.protocol.server.RunningServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code stepgym serve}: every registered environment on one port until SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve every registered environment over HTTP and WebSocket (protocol v1).")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = ServerConfig.DEFAULT_HOST, description = "address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--record-dir", defaultValue = "runs", description = "trajectory directory (default: ${DEFAULT-VALUE})")
    Path recordDir;

    @Option(names = "--lease-seconds", defaultValue = "300", description = "idle episodes are closed after this (default: ${DEFAULT-VALUE})")
    int leaseSeconds;

    @Option(names = "--capacity", defaultValue = "4096", description = "open episodes per environment (default: ${DEFAULT-VALUE})")
    int capacity;

    @Option(names = "--max-body-bytes", defaultValue = "8388608", description = "largest request body or WebSocket message (default: ${DEFAULT-VALUE})")
    int maxBodyBytes;

    @Option(names = "--allow-privileged", description = "let clients ask for privileged goal data (oracle agents)")
    boolean allowPrivileged;

    // What one client may cost; docs/limits.md says what a client gets past each.
    @Option(names = "--max-batch-steps", defaultValue = "" + ServerLimits.DEFAULT_MAX_BATCH_STEPS,
            description = "most entries in one batch_step (default: ${DEFAULT-VALUE}); past it: 413 TOO_LARGE")
    int maxBatchSteps;

    @Option(names = "--max-steps-ceiling", defaultValue = "" + ServerLimits.DEFAULT_MAX_STEPS_CEILING,
            description = "highest options.max_steps a client may ask for (default: ${DEFAULT-VALUE}); past it: 400 BAD_REQUEST")
    int maxStepsCeiling;

    @Option(names = "--max-reply-bytes", defaultValue = "" + ServerLimits.DEFAULT_MAX_REPLY_BYTES,
            description = "largest trajectory served, and where a batch stops taking steps (default: ${DEFAULT-VALUE}); past it: 413 REPLY_TOO_LARGE")
    int maxReplyBytes;

    @Option(names = "--max-in-flight-per-socket", defaultValue = "" + ServerLimits.DEFAULT_MAX_IN_FLIGHT_PER_SOCKET,
            description = "requests of one WebSocket worked on at once (default: ${DEFAULT-VALUE}); past it: a CAPACITY error reply")
    int maxInFlightPerSocket;

    @Option(names = "--socket-write-queue-bytes", defaultValue = "" + ServerLimits.DEFAULT_SOCKET_WRITE_QUEUE_BYTES,
            description = "replies queued for a WebSocket before the server stops reading it (default: ${DEFAULT-VALUE})")
    int socketWriteQueueBytes;

    @Option(names = "--socket-drain-seconds", defaultValue = "" + ServerLimits.DEFAULT_SOCKET_DRAIN_SECONDS,
            description = "a WebSocket that leaves its full queue unread this long is closed (default: ${DEFAULT-VALUE})")
    int socketDrainSeconds;

    @Option(names = "--body-timeout-seconds", defaultValue = "" + ServerLimits.DEFAULT_BODY_TIMEOUT_SECONDS,
            description = "time for a request body to arrive after its headers (default: ${DEFAULT-VALUE}); past it: 408 REQUEST_TIMEOUT")
    int bodyTimeoutSeconds;

    @Option(names = "--idle-timeout-seconds", defaultValue = "" + ServerLimits.DEFAULT_IDLE_TIMEOUT_SECONDS,
            description = "a connection silent both ways this long is closed (default: ${DEFAULT-VALUE})")
    int idleTimeoutSeconds;

    @Option(names = "--shutdown-grace-seconds", defaultValue = "" + ServerLimits.DEFAULT_SHUTDOWN_GRACE_SECONDS,
            description = "on SIGTERM, time running requests get to finish (default: ${DEFAULT-VALUE})")
    int shutdownGraceSeconds;

    @Option(names = "--reward-pipeline", paramLabel = "ENV=FILE",
            description = "the reward pipeline of an environment, server-wide (JSON, docs/rewards.md); repeatable. "
                    + "An episode's options.reward_pipeline still wins.")
    List<String> rewardPipelines = new ArrayList<>();

    /** {@code --reward-pipeline ENV=FILE} entries, read and checked now. */
    Map<String, PipelineConfig> pipelines() throws java.io.IOException {
        Map<String, PipelineConfig> out = new LinkedHashMap<>();
        for (String entry : rewardPipelines) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("--reward-pipeline takes ENV=FILE, e.g. shop-v1=shop.json; got " + entry);
            }
            Path file = Path.of(entry.substring(eq + 1));
            out.put(entry.substring(0, eq), PipelineConfig.parseJson(java.nio.file.Files.readString(file), file.toString()));
        }
        return out;
    }

    @picocli.CommandLine.Mixin DeviceOptions device;

    @Option(names = "--env-setting", paramLabel = "ENV.KEY=VALUE",
            description = "a setting for one environment, e.g. shop-v1.products=20000 (repeatable)")
    List<String> envSettings = List.of();

    @Option(names = "--worker-threads", description = "threads running environment steps off the event loop (default: max(16, 8 x cores) = "
            + "${DEFAULT-VALUE}; fewer give CPU-bound environments such as shop and searchqa a tighter p99, more let"
            + " environments that wait on processes, such as code-v1, run more steps at once)")
    int workerThreads = ServerConfig.defaults().workerThreads();

    @Override
    public Integer call() throws InterruptedException, java.io.IOException {
        ServerConfig config = ServerConfig.defaults().withHost(host).withPort(port).withRecordDir(recordDir)
                .withLeaseSeconds(leaseSeconds).withDefaultCapacity(capacity).withMaxBodyBytes(maxBodyBytes)
                .withAllowPrivileged(allowPrivileged).withWorkerThreads(workerThreads)
                .withLimits(limits -> limits.withMaxBatchSteps(maxBatchSteps).withMaxStepsCeiling(maxStepsCeiling)
                        .withMaxReplyBytes(maxReplyBytes).withMaxInFlightPerSocket(maxInFlightPerSocket)
                        .withSocketWriteQueueBytes(socketWriteQueueBytes).withSocketDrainSeconds(socketDrainSeconds)
                        .withBodyTimeoutSeconds(bodyTimeoutSeconds).withIdleTimeoutSeconds(idleTimeoutSeconds)
                        .withShutdownGraceSeconds(shutdownGraceSeconds));
        for (Map.Entry<String, Map<String, String>> entry : parseSettings(envSettings).entrySet()) {
            config = config.withEnvSettings(entry.getKey(), entry.getValue());
        }
        RunningServer server = RunningServer.start(config, Environments.registry(config, pipelines()), RewardRoutes.all())
                .closeOnShutdown();
        System.out.printf("stepgym: serving %s on http://%s:%d (WebSocket /v1/ws; OpenEnv /openenv/<env>/ws), recording to %s%n",
                server.manager().envs().stream().map(s -> s.id()).toList(), host, server.port(), recordDir.toAbsolutePath());
        new CountDownLatch(1).await();
        return 0;
    }

    static Map<String, Map<String, String>> parseSettings(List<String> settings) {
        Map<String, Map<String, String>> byEnv = new LinkedHashMap<>();
        for (String setting : settings) {
            int dot = setting.indexOf('.');
            int eq = setting.indexOf('=');
            if (dot < 1 || eq < dot + 2) {
                throw new IllegalArgumentException("--env-setting must look like ENV.KEY=VALUE, got '" + setting + "'");
            }
            byEnv.computeIfAbsent(setting.substring(0, dot), k -> new LinkedHashMap<>())
                    .put(setting.substring(dot + 1, eq), setting.substring(eq + 1));
        }
        return byEnv;
    }
}
