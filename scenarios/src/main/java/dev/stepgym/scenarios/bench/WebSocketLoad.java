package dev.stepgym.scenarios.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives {@code concurrency} request/reply loops over ONE WebSocket (the way a trainer multiplexes
 * its episodes): each loop sends a frame, waits for the reply carrying its id, records the round
 * trip and sends its next frame. The same driver measures the echo and the shop, so the ratio
 * compares servers, not clients.
 */
final class WebSocketLoad {

    /** Produces a loop's next frame from its previous reply (null before the first one). */
    interface FrameSource {
        String next(int loop, long sequence, JsonNode previousReply);
    }

    private WebSocketLoad() {
    }

    static LoadResult run(Vertx vertx, String target, int port, String path, int concurrency, FrameSource frames,
                          Duration warmup, Duration measure) throws InterruptedException {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxFrameSize(16 * 1024 * 1024).setMaxMessageSize(64 * 1024 * 1024));
        try {
            WebSocket socket = client.connect(port, "127.0.0.1", path).await(10, TimeUnit.SECONDS);
            LatencyStats stats = new LatencyStats();
            AtomicLong operations = new AtomicLong();
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicBoolean stopping = new AtomicBoolean(false);
            long[] sentAt = new long[concurrency];
            long[] sequence = new long[concurrency];
            CountDownLatch drained = new CountDownLatch(concurrency);
            socket.textMessageHandler(text -> {
                long now = System.nanoTime();
                JsonNode reply = Json.tree(text);
                int loop = Integer.parseInt(reply.path("id").asText().substring(1));
                if (measuring.get()) {
                    stats.add(now - sentAt[loop]);
                    operations.incrementAndGet();
                }
                if (stopping.get()) {
                    drained.countDown();
                    return;
                }
                sequence[loop]++;
                sentAt[loop] = System.nanoTime();
                socket.writeTextMessage(frames.next(loop, sequence[loop], reply));
            });
            for (int loop = 0; loop < concurrency; loop++) {
                sentAt[loop] = System.nanoTime();
                socket.writeTextMessage(frames.next(loop, 0, null));
            }
            Thread.sleep(warmup.toMillis());
            measuring.set(true);
            long start = System.nanoTime();
            Thread.sleep(measure.toMillis());
            measuring.set(false);
            double seconds = (System.nanoTime() - start) / 1e9;
            stopping.set(true);
            drained.await(30, TimeUnit.SECONDS);
            socket.close().await(5, TimeUnit.SECONDS);
            return new LoadResult(target, concurrency, operations.get(), seconds,
                    stats.percentileMillis(50), stats.percentileMillis(99));
        } catch (Exception e) {
            if (e instanceof InterruptedException ie) {
                throw ie;
            }
            throw new IllegalStateException("load run against " + target + " failed: " + e.getMessage(), e);
        } finally {
            client.close();
        }
    }
}
