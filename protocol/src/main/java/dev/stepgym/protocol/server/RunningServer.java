package dev.stepgym.protocol.server;

import dev.stepgym.protocol.env.EnvironmentRegistry;
import io.vertx.core.Vertx;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * A server with everything it owns: its Vert.x instance, the {@link EpisodeManager} (and through it
 * every environment, episode and trajectory file) and the HTTP/WebSocket binding. Closing it (as
 * SIGTERM does) stops intake, lets running requests finish (up to
 * {@link ServerLimits#shutdownGraceSeconds()}), writes every open episode's end line, and only then
 * closes the connections, the worker pool and Vert.x, so nothing interrupts a step or a write.
 *
 * <pre>{@code
 * try (RunningServer server = RunningServer.start(ServerConfig.defaults().withPort(0), EnvironmentRegistry.discover())) {
 *     String url = server.wsUrl();
 *     ...
 * }
 * }</pre>
 */
public final class RunningServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningServer.class);
    private final Vertx vertx;
    private final EpisodeManager manager;
    private final StepGymServer server;
    private final ServerConfig config;
    private boolean closed;

    private RunningServer(Vertx vertx, EpisodeManager manager, StepGymServer server, ServerConfig config) {
        this.vertx = vertx;
        this.manager = manager;
        this.server = server;
        this.config = config;
    }

    /** Opens the manager over {@code registry} and listens; on failure nothing is left running. */
    public static RunningServer start(ServerConfig config, EnvironmentRegistry registry) {
        return start(config, registry, java.util.List.of());
    }

    /** As {@link #start(ServerConfig, EnvironmentRegistry)}, with the routes of other services (the reward service). */
    public static RunningServer start(ServerConfig config, EnvironmentRegistry registry, java.util.List<JsonRoute> routes) {
        Vertx vertx = Vertx.vertx();
        EpisodeManager manager = null;
        try {
            manager = new EpisodeManager(config, registry);
            return new RunningServer(vertx, manager, StepGymServer.start(vertx, config, manager, routes), config);
        } catch (RuntimeException e) {
            if (manager != null) {
                manager.close();
            }
            vertx.close();
            throw e;
        }
    }

    public ServerConfig config() {
        return config;
    }

    /** The bound port (the free port picked when the configuration asked for 0). */
    public int port() {
        return server.port();
    }

    /** {@code http://<host>:<port>}. */
    public String baseUrl() {
        return "http://" + config.host() + ":" + port();
    }

    /** {@code ws://<host>:<port>/v1/ws}. */
    public String wsUrl() {
        return "ws://" + config.host() + ":" + port() + "/v1/ws";
    }

    public EpisodeManager manager() {
        return manager;
    }

    /** The Vert.x instance the server runs on (benchmarks put their baseline server beside it). */
    public Vertx vertx() {
        return vertx;
    }

    /** Closes everything when the JVM is asked to stop (SIGTERM, Ctrl-C), flushing open trajectories. */
    public RunningServer closeOnShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "stepgym-shutdown"));
        return this;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.stopIntake();
            int grace = config.limits().shutdownGraceSeconds();
            if (!server.awaitIdle(grace, TimeUnit.SECONDS)) {
                LOG.warn("{} request(s) still running after the shutdown grace of {} s (serve --shutdown-grace-seconds):"
                        + " closing their episodes anyway", server.requestsInFlight(), grace);
            }
        } finally {
            try {
                manager.close();
            } finally {
                try {
                    server.close();
                } finally {
                    closeVertx();
                }
            }
        }
    }

    private void closeVertx() {
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Vert.x could not stop in time: the trajectories were already flushed above,
            // and the caller is shutting down anyway.
        }
    }
}
