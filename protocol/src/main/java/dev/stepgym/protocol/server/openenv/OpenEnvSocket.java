package dev.stepgym.protocol.server.openenv;

import dev.stepgym.protocol.server.MessageAssembler;
import dev.stepgym.protocol.server.ServerLimits;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.internal.http.WebSocketInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Map;

/**
 * One OpenEnv WebSocket. OpenEnv has no request ids, so messages are answered strictly in order,
 * one at a time: while one is on a worker the socket is not read, and the client's next messages
 * wait in its own buffers (the few already read wait here, in order). The same limits as
 * {@code /v1/ws}: message size, a bounded queue, replies written with back-pressure (a client that
 * stops reading is closed after {@code --socket-drain-seconds}), and the server's intake, so a
 * shutdown lets running messages finish and refuses new ones. When the socket closes, its episode
 * is closed and recorded. Everything here runs on the socket's event loop, except the session's
 * work, which runs on a worker.
 */
final class OpenEnvSocket {
    private static final Logger LOG = LoggerFactory.getLogger(OpenEnvSocket.class);

    /** A message read, or an answer decided without reading it (too large, too many queued). */
    private sealed interface Pending permits Open, Message, Refusal {
    }

    private record Open() implements Pending {
    }

    private record Message(String text) implements Pending {
    }

    private record Refusal(String frame) implements Pending {
    }

    private final ServerWebSocket socket;
    private final Vertx vertx;
    private final WorkerExecutor workers;
    private final RequestGate gate;
    private final ServerLimits limits;
    private final int maxMessageBytes;
    private final MessageAssembler assembler;
    private final OpenEnvSession session;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private boolean busy;
    private boolean writeBlocked;
    private boolean readPaused;
    private boolean closed;
    private long drainTimer = -1;

    OpenEnvSocket(ServerWebSocket socket, Vertx vertx, WorkerExecutor workers, RequestGate gate,
                  ServerLimits limits, int maxMessageBytes, OpenEnvSession session) {
        this.socket = socket;
        this.vertx = vertx;
        this.workers = workers;
        this.gate = gate;
        this.limits = limits;
        this.maxMessageBytes = maxMessageBytes;
        this.assembler = new MessageAssembler(maxMessageBytes);
        this.session = session;
    }

    void start() {
        socket.setWriteQueueMaxSize(limits.socketWriteQueueBytes());
        socket.frameHandler(this::frame);
        socket.drainHandler(ignored -> drained());
        socket.closeHandler(ignored -> socketClosed());
        socket.exceptionHandler(e -> LOG.debug("OpenEnv WebSocket error: {}", e.toString()));
        pending.add(new Open());
        pump();
    }

    private void frame(WebSocketFrame frame) {
        if (!(frame.isText() || frame.isBinary() || frame.isContinuation())) {
            return; // ping, pong and close frames are Vert.x's business
        }
        String message = assembler.add(frame.binaryData(), frame.isText() || frame.isBinary(), frame.isFinal());
        if (assembler.tooLarge()) {
            if (frame.isFinal()) {
                assembler.reset();
                pending.add(new Refusal(Frames.error(WsErrorCode.VALIDATION_ERROR, "message larger than the limit of "
                        + maxMessageBytes + " bytes (serve --max-body-bytes)", Map.of("stepgym_code", "TOO_LARGE"))));
                pump();
            }
            return;
        }
        if (message == null) {
            return;
        }
        if (pending.size() >= limits.maxInFlightPerSocket()) {
            // Reading stops while a message is worked on, so only a client that ignores that gets here.
            pending.add(new Refusal(Frames.error(WsErrorCode.CAPACITY_REACHED, limits.maxInFlightPerSocket()
                    + " messages already waiting on this socket (serve --max-in-flight-per-socket): wait for replies",
                    Map.of("stepgym_code", "CAPACITY"))));
        } else {
            pending.add(new Message(message));
        }
        pump();
    }

    /** Starts the next message when nothing runs and the client reads its replies; reads only then. */
    private void pump() {
        while (!busy && !writeBlocked && !closed && !pending.isEmpty()) {
            Pending next = pending.poll();
            if (next instanceof Refusal refusal) {
                reply(refusal.frame());
            } else if (!gate.tryEnter()) {
                reply(Frames.error(WsErrorCode.SESSION_ERROR, "the server is shutting down: it finishes running steps but takes"
                        + " no new requests; retry on another server or after it restarts", Map.of("stepgym_code", "SHUTTING_DOWN")));
            } else {
                run(next);
            }
        }
        boolean pause = (busy || writeBlocked) && !closed;
        if (pause && !readPaused) {
            readPaused = true;
            socket.pause();
        } else if (!pause && readPaused) {
            readPaused = false;
            socket.resume();
        }
    }

    private void run(Pending work) {
        busy = true;
        workers.executeBlocking(() -> work instanceof Message message ? session.handle(message.text()) : session.open(), false)
                .onComplete(outcome -> {
                    busy = false;
                    try {
                        if (outcome.failed()) {
                            reply(Frames.error(WsErrorCode.EXECUTION_ERROR, "internal error: " + outcome.cause()));
                        } else if (outcome.result() != null) {
                            OpenEnvSession.Answer answer = outcome.result();
                            if (answer.frame() != null) {
                                reply(answer.frame());
                            }
                            if (answer.closeSocket()) {
                                pending.clear();
                                socket.close();
                            }
                        }
                    } finally {
                        gate.exit(); // after the reply is queued, so a shutdown lets it out
                    }
                    if (closed) {
                        closeEpisode();
                    } else {
                        pump();
                    }
                });
    }

    private void reply(String frame) {
        if (socket.isClosed()) {
            return;
        }
        socket.writeTextMessage(frame);
        if (!writeBlocked && socket.writeQueueFull()) {
            writeBlocked = true;
            drainTimer = vertx.setTimer(limits.socketDrainSeconds() * 1000L, id -> stalled());
        }
    }

    private void drained() {
        if (writeBlocked) {
            writeBlocked = false;
            vertx.cancelTimer(drainTimer);
            pump();
        }
    }

    private void socketClosed() {
        closed = true;
        vertx.cancelTimer(drainTimer);
        pending.clear();
        if (!busy) {
            closeEpisode(); // else once the running message is done
        }
    }

    /** The socket is gone: close its episode on a worker (it may wait for a step of that episode). */
    private void closeEpisode() {
        if (!gate.tryEnter()) {
            return; // shutting down: the manager closes every episode with reason "shutdown"
        }
        try {
            workers.executeBlocking(() -> {
                session.closeEpisode();
                return null;
            }, false).onComplete(ignored -> gate.exit());
        } catch (RuntimeException e) {
            gate.exit();
            LOG.debug("cannot close the episode of a closed OpenEnv socket: {}", e.toString());
        }
    }

    /** The client has not read its replies for the whole limit: drop the connection (see SocketSession). */
    private void stalled() {
        if (writeBlocked && !socket.isClosed()) {
            LOG.info("closing an OpenEnv WebSocket whose client has not read its replies for {} s (serve --socket-drain-seconds)",
                    limits.socketDrainSeconds());
            if (socket instanceof WebSocketInternal internal) {
                internal.channelHandlerContext().close();
            } else {
                socket.close((short) 1008, "replies not read");
            }
        }
    }
}
