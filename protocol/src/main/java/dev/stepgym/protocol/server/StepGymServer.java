package dev.stepgym.protocol.server;

import dev.stepgym.protocol.ErrorBody;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.env.WebPages;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.server.openenv.OpenEnvRoutes;
import dev.stepgym.protocol.server.openenv.RequestGate;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Vert.x binding of the episode protocol: HTTP routes of DESIGN.md §2, the WebSocket
 * {@code /v1/ws} and environment pages under {@code /web/{env-id}/}. Event loops only parse
 * routes and write answers; everything that touches an environment (or parses a body) runs on a
 * worker pool, unordered, so one slow episode never holds up another. Every body, reply, socket
 * queue and wait is bounded by {@link ServerConfig#limits()} (docs/limits.md).
 *
 * <p>Shutting down is three steps, so no step is cut off and every line gets written:
 * {@link #stopIntake()} (new requests answer 503 SHUTTING_DOWN), {@link #awaitIdle} (running
 * requests finish), then the owner closes the episodes and calls {@link #close()}.
 *
 * <pre>{@code
 * try (EpisodeManager manager = new EpisodeManager(config);
 *      StepGymServer server = StepGymServer.start(null, config, manager)) {
 *     System.out.println("listening on " + server.port());
 * }
 * }</pre>
 */
public final class StepGymServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StepGymServer.class);
    private static final long START_TIMEOUT_SECONDS = 60;
    /** Time given to answers already on their way when the connections are closed. */
    private static final long CLOSE_GRACE_MILLIS = 1000;

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final WorkerExecutor workers;
    private final HttpServer http;
    private final Intake intake;
    private final java.util.List<String> routes;

    private StepGymServer(Vertx vertx, boolean ownsVertx, WorkerExecutor workers, HttpServer http, Intake intake,
                          java.util.List<String> routes) {
        this.routes = routes;
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.workers = workers;
        this.http = http;
        this.intake = intake;
    }

    /**
     * Starts listening and returns once the port is bound.
     *
     * @param vertx   the Vert.x instance to use, or null to create one (closed with the server)
     * @param config  host, port, limits
     * @param manager the episodes; not closed by {@link #close()} (its owner shuts it down)
     */
    public static StepGymServer start(Vertx vertx, ServerConfig config, EpisodeManager manager) {
        return start(vertx, config, manager, java.util.List.of());
    }

    /** As {@link #start(Vertx, ServerConfig, EpisodeManager)}, with routes of other services. */
    public static StepGymServer start(Vertx vertx, ServerConfig config, EpisodeManager manager, java.util.List<JsonRoute> routes) {
        boolean owns = vertx == null;
        Vertx vx = owns ? Vertx.vertx() : vertx;
        WorkerExecutor workers = vx.createSharedWorkerExecutor("stepgym-env-" + System.identityHashCode(manager),
                config.workerThreads());
        Intake intake = new Intake();
        Handlers handlers = new Handlers(vx, manager, workers, intake, config, routes);
        // Frames may be up to twice the body limit before the transport itself gives up, so an
        // oversized message still gets a TOO_LARGE reply on a socket that stays open.
        int frameLimit = (int) Math.min(Integer.MAX_VALUE, Math.max(65536L, 2L * config.maxBodyBytes()));
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setMaxWebSocketFrameSize(frameLimit)
                .setMaxWebSocketMessageSize(frameLimit)
                // A connection silent both ways this long is closed: half-sent heads, forgotten sockets.
                .setIdleTimeout(config.limits().idleTimeoutSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setTcpNoDelay(true);
        Router router = handlers.router();
        HttpServer server = vx.createHttpServer(options)
                .requestHandler(router)
                // Upgrades are taken here rather than through the router: its socket wrapper hides
                // the channel a stalled socket must be closed on (see BoundedSocket).
                .webSocketHandshakeHandler(handlers::handshake)
                .webSocketHandler(handlers::serve)
                .invalidRequestHandler(Handlers::invalidRequest)
                .exceptionHandler(e -> LOG.debug("connection error: {}", e.toString()));
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cleanUp(vx, owns, workers);
            throw new IllegalStateException("interrupted while starting the server", e);
        } catch (ExecutionException | TimeoutException e) {
            cleanUp(vx, owns, workers);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": " + cause.getMessage(), cause);
        }
        LOG.info("StepGym server listening on http://{}:{}", config.host(), server.actualPort());
        manager.serverListening(origin(config.host(), server.actualPort()));
        return new StepGymServer(vx, owns, workers, server, intake, describe(router));
    }

    /** The origin a browser on this machine reaches the server at: a wildcard host becomes loopback. */
    static String origin(String host, int port) {
        String reachable = host.equals("0.0.0.0") || host.equals("::") || host.isBlank() ? "127.0.0.1" : host;
        return "http://" + (reachable.contains(":") ? "[" + reachable + "]" : reachable) + ":" + port;
    }

    /** The bound port (the free port picked when the configuration asked for 0). */
    public int port() {
        return http.actualPort();
    }

    /**
     * The HTTP routes this server answers, one {@code "METHOD /path"} each, path parameters written
     * {@code {name}} and a trailing {@code /*} for a route that takes everything below it (the
     * WebSocket endpoints appear as the GET their upgrade is). docs/protocol.md lists them; a test
     * keeps the two equal.
     */
    public java.util.List<String> routes() {
        return routes;
    }

    private static java.util.List<String> describe(Router router) {
        java.util.List<String> described = new java.util.ArrayList<>();
        for (io.vertx.ext.web.Route route : router.getRoutes()) {
            if (route.getPath() == null || route.methods() == null) {
                continue; // the front-door handler every request passes
            }
            String path = route.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}") + (route.isExactPath() ? "" : "*");
            route.methods().forEach(method -> described.add(method.name() + " " + path));
        }
        return java.util.List.copyOf(described);
    }

    /**
     * From now on every new request (HTTP or WebSocket frame) answers 503 SHUTTING_DOWN; requests
     * already taken in go on. The port stays open, so clients get that answer rather than a refusal.
     */
    public void stopIntake() {
        intake.close();
    }

    /**
     * Waits until the requests taken in before {@link #stopIntake()} are done.
     *
     * @return true when none is left, false when {@code timeout} passed first
     */
    public boolean awaitIdle(long timeout, TimeUnit unit) {
        try {
            return intake.awaitIdle(timeout, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Requests being worked on right now. */
    public int requestsInFlight() {
        return intake.inFlight();
    }

    /**
     * Stops intake, closes the connections (answers already written get a moment to go out) and
     * releases the worker pool (and Vert.x, if the server created it). Whoever owns the episodes
     * should close them before this, after {@link #awaitIdle}: the pool interrupts what still runs.
     */
    @Override
    public void close() {
        intake.close();
        try {
            http.shutdown(CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS).toCompletionStage().toCompletableFuture()
                    .get(CLOSE_GRACE_MILLIS + 10_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("closing the HTTP server failed", e);
        }
        cleanUp(vertx, ownsVertx, workers);
    }

    /** The error a request gets once intake has stopped. */
    static ErrorBody.Detail shuttingDown() {
        return new ErrorBody.Detail(ErrorCode.SHUTTING_DOWN, "the server is shutting down: it finishes running steps"
                + " but takes no new requests; retry on another server or after it restarts", null);
    }

    private static void cleanUp(Vertx vertx, boolean ownsVertx, WorkerExecutor workers) {
        try {
            workers.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            if (ownsVertx) {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("closing Vert.x resources failed", e);
        }
    }

    /** The routes. */
    private static final class Handlers {
        private static final String WS_PATH = "/v1/ws";
        private final Vertx vertx;
        private final EpisodeManager manager;
        private final Operations operations;
        private final WorkerExecutor workers;
        private final Intake intake;
        private final ServerConfig config;

        private final java.util.List<JsonRoute> routes;
        private final OpenEnvRoutes openEnv;

        Handlers(Vertx vertx, EpisodeManager manager, WorkerExecutor workers, Intake intake, ServerConfig config,
                 java.util.List<JsonRoute> routes) {
            this.routes = java.util.List.copyOf(routes);
            this.vertx = vertx;
            this.manager = manager;
            this.operations = new Operations(manager);
            this.workers = workers;
            this.intake = intake;
            this.config = config;
            this.openEnv = new OpenEnvRoutes(vertx, manager, workers,
                    RequestGate.of(intake::tryEnter, intake::exit, intake::isClosed), config);
        }

        Router router() {
            Router router = Router.router(vertx);
            // Bodies are read as raw bytes whatever their Content-Type, only on POST routes: a
            // catch-all body route would turn every unknown GET into a 405, and the WebSocket
            // route must stay unread.
            BodyReader body = new BodyReader(vertx, config.maxBodyBytes(), config.limits().bodyTimeoutSeconds() * 1000L);
            router.route().handler(this::admit);
            router.get("/v1/health").handler(ctx -> HttpAnswers.json(ctx.response(), 200, Json.writeBytes(Operations.health())));
            router.get("/v1/envs").handler(ctx -> offload(ctx, 200, operations::envs));
            router.post("/v1/episodes").handler(body).handler(ctx -> offload(ctx, 201,
                    () -> manager.reset(RequestDecoder.reset(RequestDecoder.object(BodyReader.text(ctx))))));
            router.post("/v1/episodes/:id/step").handler(body).handler(ctx -> offload(ctx, 200,
                    () -> manager.step(ctx.pathParam("id"), RequestDecoder.action(RequestDecoder.object(BodyReader.text(ctx))))));
            router.post("/v1/episodes/:id/fork").handler(body).handler(ctx -> offload(ctx, 201, () -> manager.fork(ctx.pathParam("id"))));
            router.delete("/v1/episodes/:id").handler(ctx -> offload(ctx, 200, () -> manager.close(ctx.pathParam("id"))));
            router.get("/v1/episodes/:id/trajectory").handler(ctx -> offload(ctx, 200, () -> manager.trajectory(ctx.pathParam("id"))));
            router.post("/v1/batch/step").handler(body).handler(ctx -> offload(ctx, 200,
                    () -> manager.batchStep(RequestDecoder.batch(RequestDecoder.object(BodyReader.text(ctx))))));
            for (JsonRoute route : routes) {
                router.post("/v1/" + route.path()).handler(body).handler(ctx -> offload(ctx, 200, () -> answer(route, BodyReader.text(ctx))));
            }
            router.get(WS_PATH).handler(this::upgrade);
            openEnv.register(router);
            router.get("/web/:env/*").handler(this::webPage);
            router.get("/web/:env").handler(this::webPage);

            router.errorHandler(404, ctx -> HttpAnswers.error(ctx.response(), new ErrorBody.Detail(ErrorCode.NOT_FOUND,
                    "no route " + ctx.request().method() + " " + ctx.request().path() + "; see GET /v1/envs and docs/protocol.md", null)));
            router.errorHandler(405, ctx -> HttpAnswers.error(ctx.response(), 405, new ErrorBody.Detail(ErrorCode.BAD_REQUEST,
                    "method " + ctx.request().method() + " is not allowed on " + ctx.request().path(), null)));
            router.errorHandler(400, ctx -> HttpAnswers.error(ctx.response(), new ErrorBody.Detail(ErrorCode.BAD_REQUEST,
                    ctx.failure() == null || ctx.failure().getMessage() == null ? "bad request"
                            : "bad request: " + ctx.failure().getMessage(), null)));
            router.errorHandler(500, ctx -> HttpAnswers.error(ctx.response(), ErrorMapping.detail(
                    ctx.failure() == null ? new IllegalStateException("unknown failure") : ctx.failure())));
            return router;
        }

        /** First on every route: once shutting down, answer 503 before reading anything more. */
        private static Object answer(JsonRoute route, String text) {
            Object body = Json.convert(RequestDecoder.object(text), Object.class);
            try {
                return route.handler().answer(body);
            } catch (IllegalArgumentException e) {
                throw new StepGymException(ErrorCode.BAD_REQUEST, e.getMessage());
            }
        }

        private void admit(RoutingContext ctx) {
            if (intake.isClosed()) {
                HttpAnswers.errorAndClose(ctx.request(), ErrorCode.SHUTTING_DOWN.httpStatus(), shuttingDown());
            } else {
                ctx.next();
            }
        }

        /**
         * A request Vert.x could not decode: a request line or headers over Vert.x's limits (414,
         * 431) or no HTTP at all (400). Answered with the JSON error body, then the connection is
         * closed (the rest of what the client sent cannot be trusted to line up).
         */
        static void invalidRequest(HttpServerRequest request) {
            Throwable cause = request.decoderResult().cause();
            if (cause instanceof TooLongHttpLineException) {
                HttpAnswers.errorAndClose(request, 414, new ErrorBody.Detail(ErrorCode.TOO_LARGE,
                        "request line longer than " + HttpServerOptions.DEFAULT_MAX_INITIAL_LINE_LENGTH + " bytes", null));
            } else if (cause instanceof TooLongHttpHeaderException) {
                HttpAnswers.errorAndClose(request, 431, new ErrorBody.Detail(ErrorCode.TOO_LARGE,
                        "request headers larger than " + HttpServerOptions.DEFAULT_MAX_HEADER_SIZE + " bytes", null));
            } else {
                HttpAnswers.errorAndClose(request, 400, new ErrorBody.Detail(ErrorCode.BAD_REQUEST,
                        "not a valid HTTP/1.1 request" + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()), null));
            }
        }

        /** Runs {@code work} on a worker (unordered) and writes its result or its error as JSON. */
        private void offload(RoutingContext ctx, int status, Callable<Object> work) {
            if (!intake.tryEnter()) {
                HttpAnswers.errorAndClose(ctx.request(), ErrorCode.SHUTTING_DOWN.httpStatus(), shuttingDown());
                return;
            }
            workers.executeBlocking(() -> Json.writeBytes(work.call()), false).onComplete(outcome -> {
                try {
                    if (outcome.succeeded()) {
                        HttpAnswers.json(ctx.response(), status, outcome.result());
                    } else {
                        HttpAnswers.error(ctx.response(), ErrorMapping.detail(outcome.cause()));
                    }
                } finally {
                    intake.exit(); // after the answer is handed to the connection, so a shutdown lets it out
                }
            });
        }

        /** {@code GET /v1/ws} without an upgrade (upgrades never reach the router). */
        private void upgrade(RoutingContext ctx) {
            HttpAnswers.error(ctx.response(), new ErrorBody.Detail(ErrorCode.BAD_REQUEST,
                    "/v1/ws is a WebSocket endpoint: connect with a WebSocket upgrade", null));
        }

        /** A WebSocket upgrade: only on {@code /v1/ws} and OpenEnv's sockets, and not while shutting down. */
        void handshake(ServerWebSocketHandshake handshake) {
            if (!WS_PATH.equals(handshake.path()) && !openEnv.isSocketPath(handshake.path())) {
                handshake.reject(404);
            } else if (intake.isClosed()) {
                handshake.reject(ErrorCode.SHUTTING_DOWN.httpStatus());
            } else {
                handshake.accept().onFailure(e -> LOG.debug("WebSocket upgrade failed: {}", e.toString()));
            }
        }

        void serve(ServerWebSocket socket) {
            if (openEnv.isSocketPath(socket.path())) {
                openEnv.serve(socket);
                return;
            }
            new SocketSession(socket, vertx, workers, operations, intake, config.limits(), config.maxBodyBytes()).start();
        }

        private void webPage(RoutingContext ctx) {
            String env = ctx.pathParam("env");
            String prefix = "/web/" + env + "/";
            String path = ctx.request().path();
            String below = path.startsWith(prefix) ? path.substring(prefix.length()) : "";
            Map<String, String> query = new LinkedHashMap<>();
            ctx.queryParams().forEach(entry -> query.putIfAbsent(entry.getKey(), entry.getValue()));
            if (!intake.tryEnter()) {
                HttpAnswers.errorAndClose(ctx.request(), ErrorCode.SHUTTING_DOWN.httpStatus(), shuttingDown());
                return;
            }
            workers.executeBlocking(() -> {
                WebPages pages = manager.webPages(env).orElseThrow(() ->
                        new StepGymException(ErrorCode.NOT_FOUND, env + " has no web pages"));
                return pages.render(below, query);
            }, false).onComplete(outcome -> {
                try {
                    if (outcome.failed()) {
                        HttpAnswers.error(ctx.response(), ErrorMapping.detail(outcome.cause()));
                    } else if (!ctx.response().ended() && !ctx.response().closed()) {
                        WebPages.Page page = outcome.result();
                        ctx.response().setStatusCode(page.status())
                                .putHeader(HttpHeaders.CONTENT_TYPE, page.contentType())
                                .end(page.body());
                    }
                } finally {
                    intake.exit();
                }
            });
        }
    }
}
