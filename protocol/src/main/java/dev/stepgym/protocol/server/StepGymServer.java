package dev.stepgym.protocol.server;

import dev.stepgym.protocol.ErrorBody;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.env.WebPages;
import dev.stepgym.protocol.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
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
 * worker pool, unordered, so one slow episode never holds up another.
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
    private static final String JSON = "application/json";
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final int MAX_IN_FLIGHT_PER_SOCKET = 4096;

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final WorkerExecutor workers;
    private final HttpServer http;

    private StepGymServer(Vertx vertx, boolean ownsVertx, WorkerExecutor workers, HttpServer http) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.workers = workers;
        this.http = http;
    }

    /**
     * Starts listening and returns once the port is bound.
     *
     * @param vertx   the Vert.x instance to use, or null to create one (closed with the server)
     * @param config  host, port, limits
     * @param manager the episodes; not closed by {@link #close()} (its owner shuts it down)
     */
    public static StepGymServer start(Vertx vertx, ServerConfig config, EpisodeManager manager) {
        boolean owns = vertx == null;
        Vertx vx = owns ? Vertx.vertx() : vertx;
        WorkerExecutor workers = vx.createSharedWorkerExecutor("stepgym-env-" + System.identityHashCode(manager),
                config.workerThreads());
        Handlers handlers = new Handlers(manager, workers, config.maxBodyBytes());
        // Frames may be up to twice the body limit before the transport itself gives up, so an
        // oversized message still gets a TOO_LARGE reply on a socket that stays open.
        int frameLimit = (int) Math.min(Integer.MAX_VALUE, Math.max(65536L, 2L * config.maxBodyBytes()));
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setMaxWebSocketFrameSize(frameLimit)
                .setMaxWebSocketMessageSize(frameLimit)
                .setTcpNoDelay(true);
        HttpServer server = vx.createHttpServer(options).requestHandler(handlers.router(vx));
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
        return new StepGymServer(vx, owns, workers, server);
    }

    /** The bound port (the free port picked when the configuration asked for 0). */
    public int port() {
        return http.actualPort();
    }

    /** Stops listening and releases the worker pool (and Vert.x, if the server created it). */
    @Override
    public void close() {
        try {
            http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("closing the HTTP server failed", e);
        }
        cleanUp(vertx, ownsVertx, workers);
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

    /** The routes and the WebSocket session logic. */
    private static final class Handlers {
        private final EpisodeManager manager;
        private final Operations operations;
        private final WorkerExecutor workers;
        private final int maxBodyBytes;

        Handlers(EpisodeManager manager, WorkerExecutor workers, int maxBodyBytes) {
            this.manager = manager;
            this.operations = new Operations(manager);
            this.workers = workers;
            this.maxBodyBytes = maxBodyBytes;
        }

        Router router(Vertx vertx) {
            Router router = Router.router(vertx);
            // Only POST bodies are read (and limited), route by route: a catch-all body route would
            // turn every unknown GET into a 405, and the WebSocket route must stay unread.
            BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
            router.get("/v1/health").handler(ctx -> send(ctx, 200, Operations.health()));
            router.get("/v1/envs").handler(ctx -> offload(ctx, 200, operations::envs));
            router.post("/v1/episodes").handler(body).handler(ctx -> offload(ctx, 201,
                    () -> manager.reset(RequestDecoder.reset(RequestDecoder.object(ctx.body().asString())))));
            router.post("/v1/episodes/:id/step").handler(body).handler(ctx -> offload(ctx, 200,
                    () -> manager.step(ctx.pathParam("id"), RequestDecoder.action(RequestDecoder.object(ctx.body().asString())))));
            router.post("/v1/episodes/:id/fork").handler(body).handler(ctx -> offload(ctx, 201, () -> manager.fork(ctx.pathParam("id"))));
            router.delete("/v1/episodes/:id").handler(ctx -> offload(ctx, 200, () -> manager.close(ctx.pathParam("id"))));
            router.get("/v1/episodes/:id/trajectory").handler(ctx -> offload(ctx, 200, () -> manager.trajectory(ctx.pathParam("id"))));
            router.post("/v1/batch/step").handler(body).handler(ctx -> offload(ctx, 200,
                    () -> manager.batchStep(RequestDecoder.batch(RequestDecoder.object(ctx.body().asString())))));
            router.get("/v1/ws").handler(this::upgrade);
            router.get("/web/:env/*").handler(this::webPage);
            router.get("/web/:env").handler(this::webPage);

            router.errorHandler(404, ctx -> sendError(ctx, new ErrorBody.Detail(ErrorCode.NOT_FOUND,
                    "no route " + ctx.request().method() + " " + ctx.request().path() + "; see GET /v1/envs and docs/protocol.md", null)));
            router.errorHandler(405, ctx -> sendError(ctx, 405, new ErrorBody.Detail(ErrorCode.BAD_REQUEST,
                    "method " + ctx.request().method() + " is not allowed on " + ctx.request().path(), null)));
            router.errorHandler(413, ctx -> sendError(ctx, new ErrorBody.Detail(ErrorCode.TOO_LARGE,
                    "request body larger than the limit of " + maxBodyBytes + " bytes", null)));
            router.errorHandler(400, ctx -> sendError(ctx, new ErrorBody.Detail(ErrorCode.BAD_REQUEST,
                    ctx.failure() == null ? "bad request" : "bad request: " + ctx.failure().getMessage(), null)));
            router.errorHandler(500, ctx -> sendError(ctx, ErrorMapping.detail(
                    ctx.failure() == null ? new IllegalStateException("unknown failure") : ctx.failure())));
            return router;
        }

        /** Runs {@code work} on a worker (unordered) and writes its result or its error as JSON. */
        private void offload(RoutingContext ctx, int status, Callable<Object> work) {
            workers.executeBlocking(() -> Json.writeBytes(work.call()), false).onComplete(outcome -> {
                if (outcome.succeeded()) {
                    sendBytes(ctx, status, outcome.result());
                } else {
                    sendError(ctx, ErrorMapping.detail(outcome.cause()));
                }
            });
        }

        private void upgrade(RoutingContext ctx) {
            if (!ctx.request().canUpgradeToWebSocket()) {
                sendError(ctx, new ErrorBody.Detail(ErrorCode.BAD_REQUEST,
                        "/v1/ws is a WebSocket endpoint: connect with a WebSocket upgrade", null));
                return;
            }
            ctx.request().toWebSocket().onSuccess(this::serve)
                    .onFailure(e -> LOG.debug("WebSocket upgrade failed", e));
        }

        /** One socket: reassembles messages from frames, so an oversized one can be refused without closing. */
        private void serve(ServerWebSocket socket) {
            MessageAssembler assembler = new MessageAssembler(maxBodyBytes);
            int[] inFlight = {0}; // touched only on this socket's event loop
            socket.frameHandler(frame -> {
                if (!(frame.isText() || frame.isBinary() || frame.isContinuation())) {
                    return; // ping, pong and close frames are Vert.x's business
                }
                String message = assembler.add(frame.binaryData(), frame.isText() || frame.isBinary(), frame.isFinal());
                if (assembler.tooLarge()) {
                    if (frame.isFinal()) {
                        socket.writeTextMessage(Operations.errorReply(null, new ErrorBody.Detail(ErrorCode.TOO_LARGE,
                                "message larger than the limit of " + maxBodyBytes + " bytes", null)));
                        assembler.reset();
                    }
                    return;
                }
                if (message != null) {
                    if (inFlight[0] >= MAX_IN_FLIGHT_PER_SOCKET) {
                        // A client that never waits for answers must not queue unbounded work.
                        socket.writeTextMessage(Operations.errorReply(null, new ErrorBody.Detail(ErrorCode.CAPACITY,
                                MAX_IN_FLIGHT_PER_SOCKET + " requests already in flight on this socket: wait for replies", 1)));
                        return;
                    }
                    inFlight[0]++;
                    workers.executeBlocking(() -> operations.handleFrame(message), false)
                            .onComplete(reply -> {
                                inFlight[0]--;
                                if (!socket.isClosed()) {
                                    socket.writeTextMessage(reply.succeeded() ? reply.result()
                                            : Operations.errorReply(null, ErrorMapping.detail(reply.cause())));
                                }
                            });
                }
            });
            socket.exceptionHandler(e -> LOG.debug("WebSocket error", e));
        }

        private void webPage(RoutingContext ctx) {
            String env = ctx.pathParam("env");
            String prefix = "/web/" + env + "/";
            String path = ctx.request().path();
            String below = path.startsWith(prefix) ? path.substring(prefix.length()) : "";
            Map<String, String> query = new LinkedHashMap<>();
            ctx.queryParams().forEach(entry -> query.putIfAbsent(entry.getKey(), entry.getValue()));
            workers.executeBlocking(() -> {
                WebPages pages = manager.webPages(env).orElseThrow(() ->
                        new StepGymException(ErrorCode.NOT_FOUND, env + " has no web pages"));
                return pages.render(below, query);
            }, false).onComplete(outcome -> {
                if (outcome.failed()) {
                    sendError(ctx, ErrorMapping.detail(outcome.cause()));
                    return;
                }
                WebPages.Page page = outcome.result();
                ctx.response().setStatusCode(page.status())
                        .putHeader(HttpHeaders.CONTENT_TYPE, page.contentType())
                        .end(page.body());
            });
        }

        private static void send(RoutingContext ctx, int status, Object body) {
            sendBytes(ctx, status, Json.writeBytes(body));
        }

        private static void sendBytes(RoutingContext ctx, int status, byte[] body) {
            if (ctx.response().ended() || ctx.response().closed()) {
                return;
            }
            ctx.response().setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                    .end(Buffer.buffer(body));
        }

        private static void sendError(RoutingContext ctx, ErrorBody.Detail error) {
            sendError(ctx, error.code().httpStatus(), error);
        }

        private static void sendError(RoutingContext ctx, int status, ErrorBody.Detail error) {
            if (ctx.response().ended() || ctx.response().closed()) {
                return;
            }
            if (error.retryAfterSeconds() != null) {
                ctx.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(error.retryAfterSeconds()));
            }
            sendBytes(ctx, status, Json.writeBytes(new ErrorBody(error)));
        }
    }
}
