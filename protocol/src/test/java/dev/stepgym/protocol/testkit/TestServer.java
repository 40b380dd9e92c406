package dev.stepgym.protocol.testkit;

import dev.stepgym.protocol.server.EpisodeManager;
import dev.stepgym.protocol.server.ServerConfig;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.protocol.env.EnvironmentRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A real StepGym server for tests: an {@link EpisodeManager} and a {@link StepGymServer} on
 * 127.0.0.1 with a free port and a temporary record directory (deleted on close).
 *
 * <pre>{@code
 * try (TestServer server = TestServer.start(c -> c.withLeaseSeconds(1))) {
 *     HttpJson http = new HttpJson(server.baseUrl());
 *     ...
 * }
 * }</pre>
 */
public final class TestServer implements AutoCloseable {
    private final RunningServer server;
    private final Path recordDir;

    private TestServer(RunningServer server, Path recordDir) {
        this.server = server;
        this.recordDir = recordDir;
    }

    /** A server with the default configuration (loopback, free port, temporary record directory). */
    public static TestServer start() {
        return start(UnaryOperator.identity());
    }

    /** A server whose configuration {@code customise} adjusts (host, port and record dir are set first). */
    public static TestServer start(UnaryOperator<ServerConfig> customise) {
        Path recordDir;
        try {
            recordDir = Files.createTempDirectory("stepgym-test-runs-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerConfig config = customise.apply(ServerConfig.defaults()
                .withHost("127.0.0.1").withPort(0).withRecordDir(recordDir).withWorkerThreads(8));
        return new TestServer(RunningServer.start(config, EnvironmentRegistry.discover()), recordDir);
    }

    public ServerConfig config() {
        return server.config();
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** {@code ws://127.0.0.1:<port>/v1/ws}. */
    public String wsUrl() {
        return server.wsUrl();
    }

    public EpisodeManager manager() {
        return server.manager();
    }

    /** The temporary record directory (trajectories under {@code <env-id>/<episode-id>.jsonl}). */
    public Path recordDir() {
        return recordDir;
    }

    /** Stops the server, shuts the manager down (writing end lines) and deletes the record directory. */
    @Override
    public void close() {
        try {
            server.close();
        } finally {
            deleteRecursively(recordDir);
        }
    }

    private static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // A leftover temp file is harmless.
                }
            });
        } catch (IOException ignored) {
            // Same: best effort cleanup of a temp directory.
        }
    }
}
