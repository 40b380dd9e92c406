package dev.stepgym.protocol.server;

import dev.stepgym.protocol.ErrorBody;
import dev.stepgym.protocol.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * Reads a request body as raw bytes, whatever its {@code Content-Type}: {@code curl -d} sends JSON
 * as {@code application/x-www-form-urlencoded}, and Vert.x's BodyHandler would parse that as form
 * fields (and fail past 1 KiB). Bounded in size (413 TOO_LARGE; the rest of the body is read and
 * dropped, so the connection stays usable) and in time: a body that has not fully arrived
 * {@code timeoutMillis} after its headers is answered 408 REQUEST_TIMEOUT and its connection closed.
 * A client that hangs up mid-body is the client's business: one DEBUG line.
 */
final class BodyReader implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(BodyReader.class);
    private static final String BODY = "stepgym.body";

    private final Vertx vertx;
    private final int limit;
    private final long timeoutMillis;

    BodyReader(Vertx vertx, int limit, long timeoutMillis) {
        this.vertx = vertx;
        this.limit = limit;
        this.timeoutMillis = timeoutMillis;
    }

    /** The body read for this request, as text (decode on a worker: it may be megabytes). */
    static String text(RoutingContext ctx) {
        Buffer body = ctx.get(BODY);
        return body == null ? "" : body.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.isEnded()) {
            ctx.put(BODY, Buffer.buffer());
            ctx.next();
            return;
        }
        new Read(ctx).start();
    }

    /** The reading of one body; touched only on the connection's event loop. */
    private final class Read {
        private final RoutingContext ctx;
        private final HttpServerRequest request;
        private Buffer body = Buffer.buffer();
        private boolean answered;
        private long timer = -1;

        Read(RoutingContext ctx) {
            this.ctx = ctx;
            this.request = ctx.request();
        }

        void start() {
            long declared = declaredLength();
            if (declared > limit) {
                tooLarge(); // refused before a byte of it is buffered
            } else if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))
                    && request.version() != HttpVersion.HTTP_1_0) {
                request.response().writeContinue();
            }
            timer = vertx.setTimer(timeoutMillis, id -> timedOut());
            request.handler(this::chunk);
            request.endHandler(ignored -> end());
            request.exceptionHandler(this::dropped);
            request.resume();
        }

        private void chunk(Buffer data) {
            if (answered) {
                return; // the rest of a refused body: read and dropped
            }
            if ((long) body.length() + data.length() > limit) {
                tooLarge();
                return;
            }
            body.appendBuffer(data);
        }

        private void end() {
            vertx.cancelTimer(timer);
            if (!answered) {
                answered = true;
                ctx.put(BODY, body);
                body = null;
                ctx.next();
            }
        }

        private void tooLarge() {
            answered = true;
            body = null;
            HttpAnswers.error(request.response(), new ErrorBody.Detail(ErrorCode.TOO_LARGE,
                    "request body larger than the limit of " + limit + " bytes (serve --max-body-bytes)", null));
        }

        private void timedOut() {
            body = null;
            if (answered) {
                request.connection().close(); // still sending the rest of a refused body
                return;
            }
            answered = true;
            HttpAnswers.errorAndClose(request, ErrorCode.REQUEST_TIMEOUT.httpStatus(), new ErrorBody.Detail(
                    ErrorCode.REQUEST_TIMEOUT, "the request body did not arrive within " + timeoutMillis / 1000.0
                    + " s of its headers (serve --body-timeout-seconds)", null));
        }

        private void dropped(Throwable failure) {
            vertx.cancelTimer(timer);
            body = null;
            answered = true;
            LOG.debug("client dropped {} {} mid-body: {}", request.method(), request.path(), failure.toString());
        }

        private long declaredLength() {
            String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (header == null) {
                return -1;
            }
            try {
                return Long.parseLong(header.trim());
            } catch (NumberFormatException e) {
                return -1; // Vert.x's decoder has already refused a malformed length
            }
        }
    }
}
