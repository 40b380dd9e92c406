package dev.stepgym.protocol.server.openenv;

import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.ErrorBody;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.server.EpisodeManager;
import dev.stepgym.protocol.server.ErrorMapping;
import dev.stepgym.protocol.server.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenEnv-compatible endpoints of every environment, under {@code /openenv/{env-id}}: give
 * OpenEnv's client {@code http://host:port/openenv/shop-v1} as its base URL and it finds
 * {@code /ws}, {@code /health}, {@code /schema} and {@code /metadata} there. OpenEnv's stateless
 * HTTP {@code /reset}, {@code /step}, {@code /state} and its {@code /mcp} are not served (no
 * trainer's client calls them; docs/openenv.md).
 *
 * <pre>{@code
 * OpenEnvRoutes openEnv = new OpenEnvRoutes(vertx, manager, workers, gate, config);
 * openEnv.register(router);                       // the HTTP routes
 * if (openEnv.isSocketPath(socket.path())) {      // an accepted WebSocket upgrade
 *     openEnv.serve(socket);
 * }
 * }</pre>
 */
public final class OpenEnvRoutes {
    /** Where the endpoints live: {@code /openenv/{env-id}/…}. */
    public static final String PREFIX = "/openenv/";
    private static final Pattern SOCKET_PATH = Pattern.compile("/openenv/([^/]+)/ws");

    private final Vertx vertx;
    private final EpisodeManager manager;
    private final WorkerExecutor workers;
    private final RequestGate gate;
    private final ServerConfig config;

    public OpenEnvRoutes(Vertx vertx, EpisodeManager manager, WorkerExecutor workers, RequestGate gate, ServerConfig config) {
        this.vertx = vertx;
        this.manager = manager;
        this.workers = workers;
        this.gate = gate;
        this.config = config;
    }

    /** Adds {@code GET /openenv/:env/health|schema|metadata} and the answer to a {@code /ws} GET without an upgrade. */
    public void register(Router router) {
        router.get(PREFIX + ":env/health").handler(ctx -> describe(ctx, spec -> OpenEnvDescriptions.health()));
        router.get(PREFIX + ":env/schema").handler(ctx -> describe(ctx, OpenEnvDescriptions::schema));
        router.get(PREFIX + ":env/metadata").handler(ctx -> describe(ctx, OpenEnvDescriptions::metadata));
        router.get(PREFIX + ":env/ws").handler(ctx -> error(ctx.response(), new ErrorBody.Detail(ErrorCode.BAD_REQUEST,
                ctx.request().path() + " is OpenEnv's WebSocket endpoint: connect with a WebSocket upgrade (docs/openenv.md)", null)));
    }

    /** Whether a WebSocket upgrade to {@code path} is one of these endpoints. */
    public boolean isSocketPath(String path) {
        return path != null && SOCKET_PATH.matcher(path).matches();
    }

    /** Serves an accepted WebSocket whose path {@link #isSocketPath} accepted. */
    public void serve(ServerWebSocket socket) {
        Matcher matcher = SOCKET_PATH.matcher(socket.path());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an OpenEnv socket path: " + socket.path());
        }
        OpenEnvSession session = new OpenEnvSession(matcher.group(1), manager);
        new OpenEnvSocket(socket, vertx, workers, gate, config.limits(), config.maxBodyBytes(), session).start();
    }

    /** Answers with a description of the path's environment, built on a worker; 404 UNKNOWN_ENV if there is none. */
    private void describe(RoutingContext ctx, Function<EnvSpec, Object> body) {
        String envId = ctx.pathParam("env");
        if (!gate.tryEnter()) {
            error(ctx.response(), new ErrorBody.Detail(ErrorCode.SHUTTING_DOWN, "the server is shutting down", null));
            return;
        }
        workers.executeBlocking(() -> Json.writeBytes(body.apply(spec(envId))), false).onComplete(outcome -> {
            try {
                if (outcome.succeeded()) {
                    json(ctx.response(), 200, outcome.result());
                } else {
                    error(ctx.response(), ErrorMapping.detail(outcome.cause()));
                }
            } finally {
                gate.exit();
            }
        });
    }

    private EnvSpec spec(String envId) {
        List<EnvSpec> specs = manager.envs();
        return specs.stream().filter(spec -> spec.id().equals(envId)).findFirst()
                .orElseThrow(() -> new StepGymException(ErrorCode.UNKNOWN_ENV, "unknown environment '" + envId + "'; registered: "
                        + specs.stream().map(EnvSpec::id).toList()));
    }

    private static void error(HttpServerResponse response, ErrorBody.Detail error) {
        json(response, error.code().httpStatus(), Json.writeBytes(new ErrorBody(error)));
    }

    private static void json(HttpServerResponse response, int status, byte[] body) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(Buffer.buffer(body));
    }
}
