package dev.stepgym.scenarios.server;

import dev.stepgym.protocol.env.EnvironmentRegistry;
import dev.stepgym.protocol.server.EpisodeManager;
import dev.stepgym.protocol.server.ServerConfig;
import dev.stepgym.protocol.server.StepGymServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.util.concurrent.TimeUnit;

/**
 * A server with everything it owns: the Vert.x instance, the episode manager (and through it every
 * environment, episode and trajectory file) and the HTTP/WebSocket binding. Closing it closes them
 * in reverse order, so open episodes are recorded as ended and flushed.
 */
public final class EmbeddedServer implements AutoCloseable {
    private final Vertx vertx;
    private final EpisodeManager manager;
    private final StepGymServer server;
    private boolean closed;

    private EmbeddedServer(Vertx vertx, EpisodeManager manager, StepGymServer server) {
        this.vertx = vertx;
        this.manager = manager;
        this.server = server;
    }

    public static EmbeddedServer start(ServerConfig config) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(config.workerThreads()));
        EpisodeManager manager = null;
        try {
            manager = new EpisodeManager(config, EnvironmentRegistry.discover());
            StepGymServer server = StepGymServer.start(vertx, config, manager);
            return new EmbeddedServer(vertx, manager, server);
        } catch (RuntimeException e) {
            if (manager != null) {
                manager.close();
            }
            vertx.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + port() + "/v1/ws";
    }

    public EpisodeManager manager() {
        return manager;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Closes everything when the JVM is asked to stop (SIGTERM, Ctrl-C), flushing open trajectories. */
    public EmbeddedServer closeOnShutdown() {
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
            server.close();
        } finally {
            try {
                manager.close();
            } finally {
                try {
                    vertx.close().await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // Vert.x could not stop in time: the JVM is going down anyway and the
                    // trajectories were already flushed by the manager above.
                }
            }
        }
    }
}
