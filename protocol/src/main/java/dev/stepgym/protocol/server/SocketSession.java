package dev.stepgym.protocol.server;

import dev.stepgym.protocol.ErrorBody;
import dev.stepgym.protocol.ErrorCode;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code /v1/ws} WebSocket: hands each message to a worker, so replies may come out of order
 * (they carry the request's id). Its {@link BoundedSocket} joins frames into messages (an oversized
 * one is refused without closing) and writes the replies with back-pressure: while the socket's
 * write queue is full (the client sends but does not read) the server stops reading the socket, so
 * the client's requests wait in its own buffers rather than as replies in the server's memory;
 * reading resumes once the queue drains, and a socket that does not drain within the limit is
 * closed. Everything here runs on the socket's event loop, except the work handed to workers.
 */
final class SocketSession implements BoundedSocket.Owner {
    private static final Logger LOG = LoggerFactory.getLogger(SocketSession.class);

    private final ServerWebSocket socket;
    private final WorkerExecutor workers;
    private final Operations operations;
    private final Intake intake;
    private final ServerLimits limits;
    private final BoundedSocket bounded;
    private int inFlight;

    SocketSession(ServerWebSocket socket, Vertx vertx, WorkerExecutor workers,
                  Operations operations, Intake intake, ServerLimits limits, int maxMessageBytes) {
        this.socket = socket;
        this.workers = workers;
        this.operations = operations;
        this.intake = intake;
        this.limits = limits;
        this.bounded = new BoundedSocket(socket, vertx, limits, maxMessageBytes, "a WebSocket");
    }

    void start() {
        bounded.start(this);
        socket.closeHandler(ignored -> bounded.closed());
        socket.exceptionHandler(e -> LOG.debug("WebSocket error: {}", e.toString()));
    }

    @Override
    public void tooLarge(String detail) {
        bounded.reply(Operations.errorReply(null, new ErrorBody.Detail(ErrorCode.TOO_LARGE, detail, null)));
    }

    @Override
    public void message(String message) {
        if (inFlight >= limits.maxInFlightPerSocket()) {
            // A client that never waits for answers must not queue unbounded work.
            bounded.reply(Operations.errorReply(Operations.peekId(message), new ErrorBody.Detail(ErrorCode.CAPACITY,
                    limits.maxInFlightPerSocket() + " requests already in flight on this socket"
                            + " (serve --max-in-flight-per-socket): wait for replies", 1)));
            return;
        }
        if (!intake.tryEnter()) {
            bounded.reply(Operations.errorReply(Operations.peekId(message), StepGymServer.shuttingDown()));
            return;
        }
        inFlight++;
        workers.executeBlocking(() -> operations.handleFrame(message), false).onComplete(outcome -> {
            inFlight--;
            try {
                bounded.reply(outcome.succeeded() ? outcome.result()
                        : Operations.errorReply(null, ErrorMapping.detail(outcome.cause())));
            } finally {
                intake.exit(); // after the reply is queued, so a shutdown lets it out
            }
        });
    }

    /** Reading stops only while the client leaves its replies unread; requests run side by side. */
    @Override
    public void writeBlocked() {
        socket.pause();
    }

    @Override
    public void writeDrained() {
        socket.resume();
    }
}
