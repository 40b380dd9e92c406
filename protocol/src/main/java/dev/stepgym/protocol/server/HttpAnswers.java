package dev.stepgym.protocol.server;

import dev.stepgym.protocol.ErrorBody;
import dev.stepgym.protocol.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes JSON answers, errors included, on an HTTP response: every answer of the server, even one
 * Vert.x would have sent bare (414, 431, a timed-out body), has the {@code {"error":{…}}} body.
 * Called on the connection's event loop.
 */
final class HttpAnswers {
    static final String JSON = "application/json";

    private HttpAnswers() {
    }

    /** {@code status} with a JSON body, unless the response is already gone. */
    static void json(HttpServerResponse response, int status, byte[] body) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(Buffer.buffer(body));
    }

    /** The error with its code's HTTP status. */
    static void error(HttpServerResponse response, ErrorBody.Detail error) {
        error(response, error.code().httpStatus(), error);
    }

    /** The error with another status (405, 414, 431 carry a code of their family). */
    static void error(HttpServerResponse response, int status, ErrorBody.Detail error) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (error.retryAfterSeconds() != null) {
            response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(error.retryAfterSeconds()));
        }
        json(response, status, Json.writeBytes(new ErrorBody(error)));
    }

    /**
     * The error, then the connection is closed once it is written: for a request whose rest cannot
     * be read or trusted (a stalled body, a broken request line, a server that is stopping).
     */
    static void errorAndClose(HttpServerRequest request, int status, ErrorBody.Detail error) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            request.connection().close();
            return;
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Buffer.buffer(Json.writeBytes(new ErrorBody(error))))
                .onComplete(written -> request.connection().close());
    }
}
