package dev.stepgym.protocol.server;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@code POST /v1/<path>} route the composition root adds to the server: a JSON body in, a
 * JSON value out, answered on a worker thread. How services outside the episode protocol (the
 * reward service: {@code rewards/score}, {@code rewards/transform}) reach trainers without the
 * protocol module knowing them. An {@link IllegalArgumentException} from the handler is the
 * client's mistake: a 400 {@code BAD_REQUEST} with its message.
 *
 * @param path under {@code /v1/}, e.g. {@code rewards/score}
 */
public record JsonRoute(String path, Handler handler) {
    private static final Pattern PATH = Pattern.compile("[a-z0-9_-]+(/[a-z0-9_-]+)*");

    public JsonRoute {
        Objects.requireNonNull(handler, "handler");
        if (path == null || !PATH.matcher(path).matches() || path.startsWith("episodes") || path.startsWith("batch")) {
            throw new IllegalArgumentException("not a route path of its own: " + path);
        }
    }

    /** Answers one request body (maps, lists, strings, numbers, as Jackson reads them). */
    @FunctionalInterface
    public interface Handler {
        Object answer(Object body);
    }
}
