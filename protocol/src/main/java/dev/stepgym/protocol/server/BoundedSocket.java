package dev.stepgym.protocol.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.internal.http.WebSocketInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's limits on one WebSocket, both ways, shared by {@code /v1/ws} ({@link SocketSession})
 * and the OpenEnv sockets. In: frames are joined into messages, and one past the size limit is
 * refused without closing (the socket stays usable). Out: replies are written with back-pressure;
 * when the write queue is full (the client sends but does not read) the owner is told, so it can
 * stop reading the socket and the client's requests wait in its own buffers rather than as replies
 * in the server's memory; once the queue drains the owner is told again, and a socket that does not
 * drain within {@code --socket-drain-seconds} is closed outright. What to read when is the owner's
 * policy. Everything here runs on the socket's event loop.
 */
public final class BoundedSocket {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedSocket.class);

    /** What the owner does with messages and with the write queue's state. */
    public interface Owner {
        /** A whole message within the size limit. */
        void message(String text);

        /** A message past the size limit ended; {@code detail} says so, for the owner's error reply. */
        void tooLarge(String detail);

        /** The write queue just became full. */
        void writeBlocked();

        /** The write queue drained after being full. */
        void writeDrained();
    }

    private final ServerWebSocket socket;
    private final Vertx vertx;
    private final ServerLimits limits;
    private final int maxMessageBytes;
    private final String name;
    private final MessageAssembler assembler;
    private Owner owner;
    private boolean writeBlocked;
    private long drainTimer = -1;

    /**
     * @param name how the log names this kind of socket ("a WebSocket", "an OpenEnv WebSocket")
     */
    public BoundedSocket(ServerWebSocket socket, Vertx vertx, ServerLimits limits, int maxMessageBytes, String name) {
        this.socket = socket;
        this.vertx = vertx;
        this.limits = limits;
        this.maxMessageBytes = maxMessageBytes;
        this.name = name;
        this.assembler = new MessageAssembler(maxMessageBytes);
    }

    /** Takes the socket's frame and drain handlers; the owner keeps its close and exception handlers. */
    public void start(Owner owner) {
        this.owner = owner;
        socket.setWriteQueueMaxSize(limits.socketWriteQueueBytes());
        socket.frameHandler(this::frame);
        socket.drainHandler(ignored -> drained());
    }

    /** Queues a reply (dropped if the socket is closed). */
    public void reply(String text) {
        if (socket.isClosed()) {
            return;
        }
        socket.writeTextMessage(text);
        if (!writeBlocked && socket.writeQueueFull()) {
            writeBlocked = true;
            drainTimer = vertx.setTimer(limits.socketDrainSeconds() * 1000L, id -> stalled());
            owner.writeBlocked();
        }
    }

    /** Whether the write queue is full and has not drained since. */
    public boolean writeBlocked() {
        return writeBlocked;
    }

    /** The owner's close handler calls this: a closed socket is not waited on to drain. */
    public void closed() {
        vertx.cancelTimer(drainTimer);
    }

    private void frame(WebSocketFrame frame) {
        if (!(frame.isText() || frame.isBinary() || frame.isContinuation())) {
            return; // ping, pong and close frames are Vert.x's business
        }
        String message = assembler.add(frame.binaryData(), frame.isText() || frame.isBinary(), frame.isFinal());
        if (assembler.tooLarge()) {
            if (frame.isFinal()) {
                assembler.reset();
                owner.tooLarge("message larger than the limit of " + maxMessageBytes + " bytes (serve --max-body-bytes)");
            }
            return;
        }
        if (message != null) {
            owner.message(message);
        }
    }

    private void drained() {
        if (writeBlocked) {
            writeBlocked = false;
            vertx.cancelTimer(drainTimer);
            owner.writeDrained();
        }
    }

    /** The client has not read its replies for the whole limit: drop the connection and what it queued. */
    private void stalled() {
        if (writeBlocked && !socket.isClosed()) {
            LOG.info("closing {} whose client has not read its replies for {} s (serve --socket-drain-seconds)",
                    name, limits.socketDrainSeconds());
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
