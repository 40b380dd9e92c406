package dev.stepgym.protocol.server;

import dev.stepgym.protocol.ErrorBody;
import dev.stepgym.protocol.ErrorCode;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.internal.http.WebSocketInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket: reassembles messages from frames (so an oversized one is refused without closing),
 * hands each to a worker, and writes the replies with back-pressure. When the socket's write queue
 * is full (the client sends but does not read) the server stops reading the socket, so the client's
 * requests wait in its own buffers rather than as replies in the server's memory; reading resumes
 * once the queue drains, and a socket that does not drain within the limit is closed.
 * Everything here runs on the socket's event loop, except the work handed to workers.
 */
final class SocketSession {
    private static final Logger LOG = LoggerFactory.getLogger(SocketSession.class);

    private final ServerWebSocket socket;
    private final Vertx vertx;
    private final WorkerExecutor workers;
    private final Operations operations;
    private final Intake intake;
    private final ServerLimits limits;
    private final int maxMessageBytes;
    private final MessageAssembler assembler;
    private int inFlight;
    private boolean paused;
    private long drainTimer = -1;

    SocketSession(ServerWebSocket socket, Vertx vertx, WorkerExecutor workers,
                  Operations operations, Intake intake, ServerLimits limits, int maxMessageBytes) {
        this.socket = socket;
        this.vertx = vertx;
        this.workers = workers;
        this.operations = operations;
        this.intake = intake;
        this.limits = limits;
        this.maxMessageBytes = maxMessageBytes;
        this.assembler = new MessageAssembler(maxMessageBytes);
    }

    void start() {
        socket.setWriteQueueMaxSize(limits.socketWriteQueueBytes());
        socket.frameHandler(this::frame);
        socket.drainHandler(ignored -> drained());
        socket.closeHandler(ignored -> vertx.cancelTimer(drainTimer));
        socket.exceptionHandler(e -> LOG.debug("WebSocket error: {}", e.toString()));
    }

    private void frame(WebSocketFrame frame) {
        if (!(frame.isText() || frame.isBinary() || frame.isContinuation())) {
            return; // ping, pong and close frames are Vert.x's business
        }
        String message = assembler.add(frame.binaryData(), frame.isText() || frame.isBinary(), frame.isFinal());
        if (assembler.tooLarge()) {
            if (frame.isFinal()) {
                reply(Operations.errorReply(null, new ErrorBody.Detail(ErrorCode.TOO_LARGE,
                        "message larger than the limit of " + maxMessageBytes + " bytes (serve --max-body-bytes)", null)));
                assembler.reset();
            }
            return;
        }
        if (message == null) {
            return;
        }
        if (inFlight >= limits.maxInFlightPerSocket()) {
            // A client that never waits for answers must not queue unbounded work.
            reply(Operations.errorReply(Operations.peekId(message), new ErrorBody.Detail(ErrorCode.CAPACITY,
                    limits.maxInFlightPerSocket() + " requests already in flight on this socket"
                            + " (serve --max-in-flight-per-socket): wait for replies", 1)));
            return;
        }
        if (!intake.tryEnter()) {
            reply(Operations.errorReply(Operations.peekId(message), StepGymServer.shuttingDown()));
            return;
        }
        inFlight++;
        workers.executeBlocking(() -> operations.handleFrame(message), false).onComplete(outcome -> {
            inFlight--;
            try {
                reply(outcome.succeeded() ? outcome.result() : Operations.errorReply(null, ErrorMapping.detail(outcome.cause())));
            } finally {
                intake.exit(); // after the reply is queued, so a shutdown lets it out
            }
        });
    }

    private void reply(String text) {
        if (socket.isClosed()) {
            return;
        }
        socket.writeTextMessage(text);
        if (!paused && socket.writeQueueFull()) {
            paused = true;
            socket.pause();
            drainTimer = vertx.setTimer(limits.socketDrainSeconds() * 1000L, id -> stalled());
        }
    }

    private void drained() {
        if (paused) {
            paused = false;
            vertx.cancelTimer(drainTimer);
            socket.resume();
        }
    }

    /** The client has not read its replies for the whole limit: drop the connection and what it queued. */
    private void stalled() {
        if (paused && !socket.isClosed()) {
            LOG.info("closing a WebSocket whose client has not read its replies for {} s (serve --socket-drain-seconds)",
                    limits.socketDrainSeconds());
            // Not Vert.x's close: it sends a close frame and waits for it to be written, behind the
            // replies the client does not read, so it would never finish. Closing from the
            // connection handler's own context skips that handler (as Vert.x's idle timeout does)
            // and closes the channel outright.
            if (socket instanceof WebSocketInternal internal) {
                internal.channelHandlerContext().close();
            } else {
                socket.close((short) 1008, "replies not read");
            }
        }
    }
}
