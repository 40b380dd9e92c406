package dev.stepgym.protocol.server;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * Joins WebSocket frames into messages and stops buffering once a message passes the limit, so an
 * oversized message costs no memory and the socket can answer TOO_LARGE and stay usable.
 * Used by one socket's event loop only (by {@code /v1/ws} and the OpenEnv sockets).
 */
public final class MessageAssembler {
    private final int limit;
    private Buffer pending;
    private boolean tooLarge;

    public MessageAssembler(int limit) {
        this.limit = limit;
    }

    /**
     * Adds a frame.
     *
     * @param first whether the frame starts a message (text or binary, not continuation)
     * @return the whole message when {@code last} completes one within the limit, else null
     */
    public String add(Buffer data, boolean first, boolean last) {
        if (first) {
            pending = null;
            tooLarge = false;
        }
        if (!tooLarge) {
            long size = (pending == null ? 0 : pending.length()) + (long) data.length();
            if (size > limit) {
                tooLarge = true;
                pending = null;
            } else if (last && pending == null) {
                return data.toString(StandardCharsets.UTF_8); // the common single-frame message: no copy
            } else {
                if (pending == null) {
                    pending = Buffer.buffer();
                }
                pending.appendBuffer(data);
            }
        }
        if (last && !tooLarge) {
            String message = pending.toString(StandardCharsets.UTF_8);
            pending = null;
            return message;
        }
        return null;
    }

    public boolean tooLarge() {
        return tooLarge;
    }

    public void reset() {
        pending = null;
        tooLarge = false;
    }
}
