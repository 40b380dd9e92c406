package dev.stepgym.scenarios.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.util.concurrent.TimeUnit;

/** The baseline: a raw Vert.x WebSocket server that answers every text message with itself. */
final class EchoServer implements AutoCloseable {
    private final HttpServer server;

    EchoServer(Vertx vertx) throws Exception {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                        .setMaxWebSocketFrameSize(16 * 1024 * 1024).setMaxWebSocketMessageSize(64 * 1024 * 1024))
                .webSocketHandler(ws -> ws.textMessageHandler(ws::writeTextMessage))
                .listen().await(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() throws Exception {
        server.close().await(10, TimeUnit.SECONDS);
    }
}
