package dev.stepgym.protocol.server.openenv;

import dev.stepgym.protocol.server.BoundedSocket;
import dev.stepgym.protocol.server.ServerLimits;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Map;

/**
 * One OpenEnv WebSocket. OpenEnv has no request ids, so messages are answered strictly in order,
 * one at a time: while one is on a worker the socket is not read, and the client's next messages
 * wait in its own buffers (the few already read wait here, in order). The same limits as
 * {@code /v1/ws}: message size and replies written with back-pressure (a client that stops reading
 * is closed after {@code --socket-drain-seconds}), both through {@link BoundedSocket}; a bounded
 * queue; and the server's intake, so a shutdown lets running messages finish and refuses new ones.
 * When the socket closes, its episode is closed and recorded. Everything here runs on the socket's
 * event loop, except the session's work, which runs on a worker.
 */
final class OpenEnvSocket implements BoundedSocket.Owner {
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
    private final WorkerExecutor workers;
    private final RequestGate gate;
    private final ServerLimits limits;
    private final BoundedSocket bounded;
    private final OpenEnvSession session;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private boolean busy;
    private boolean readPaused;
    private boolean closed;

    OpenEnvSocket(ServerWebSocket socket, Vertx vertx, WorkerExecutor workers, RequestGate gate,
                  ServerLimits limits, int maxMessageBytes, OpenEnvSession session) {
        this.socket = socket;
        this.workers = workers;
        this.gate = gate;
        this.limits = limits;
        this.bounded = new BoundedSocket(socket, vertx, limits, maxMessageBytes, "an OpenEnv WebSocket");
        this.session = session;
    }

    void start() {
        bounded.start(this);
        socket.closeHandler(ignored -> socketClosed());
        socket.exceptionHandler(e -> LOG.debug("OpenEnv WebSocket error: {}", e.toString()));
        pending.add(new Open());
        pump();
    }

    @Override
    public void tooLarge(String detail) {
        pending.add(new Refusal(Frames.error(WsErrorCode.VALIDATION_ERROR, detail, Map.of("stepgym_code", "TOO_LARGE"))));
        pump();
    }

    @Override
    public void message(String message) {
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
        while (!busy && !bounded.writeBlocked() && !closed && !pending.isEmpty()) {
            Pending next = pending.poll();
            if (next instanceof Refusal refusal) {
                bounded.reply(refusal.frame());
            } else if (!gate.tryEnter()) {
                bounded.reply(Frames.error(WsErrorCode.SESSION_ERROR, "the server is shutting down: it finishes running steps"
                        + " but takes no new requests; retry on another server or after it restarts",
                        Map.of("stepgym_code", "SHUTTING_DOWN")));
            } else {
                run(next);
            }
        }
        boolean pause = (busy || bounded.writeBlocked()) && !closed;
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
                            bounded.reply(Frames.error(WsErrorCode.EXECUTION_ERROR, "internal error: " + outcome.cause()));
                        } else if (outcome.result() != null) {
                            OpenEnvSession.Answer answer = outcome.result();
                            if (answer.frame() != null) {
                                bounded.reply(answer.frame());
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

    /** Nothing at once: every reply is followed by {@link #pump()}, which stops reading while writes are blocked. */
    @Override
    public void writeBlocked() {
    }

    @Override
    public void writeDrained() {
        pump();
    }

    private void socketClosed() {
        closed = true;
        bounded.closed();
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
}
