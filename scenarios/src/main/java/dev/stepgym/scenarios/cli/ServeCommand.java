package dev.stepgym.scenarios.cli;

import dev.stepgym.protocol.server.ServerConfig;
import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.server.RunningServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
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

    @Option(names = "--env-setting", paramLabel = "ENV.KEY=VALUE",
            description = "a setting for one environment, e.g. shop-v1.products=20000 (repeatable)")
    List<String> envSettings = List.of();

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config = ServerConfig.defaults().withHost(host).withPort(port).withRecordDir(recordDir)
                .withLeaseSeconds(leaseSeconds).withDefaultCapacity(capacity).withMaxBodyBytes(maxBodyBytes)
                .withAllowPrivileged(allowPrivileged);
        for (Map.Entry<String, Map<String, String>> entry : parseSettings(envSettings).entrySet()) {
            config = config.withEnvSettings(entry.getKey(), entry.getValue());
        }
        RunningServer server = RunningServer.start(config, EnvironmentRegistry.discover()).closeOnShutdown();
        System.out.printf("stepgym: serving %s on http://%s:%d (WebSocket /v1/ws), recording to %s%n",
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
