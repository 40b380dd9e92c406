package dev.stepgym.protocol.server;

import dev.stepgym.protocol.testkit.HttpJson;
import dev.stepgym.protocol.testkit.RawConnection;
import dev.stepgym.protocol.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, items 4 and 5: half-sent HTTP requests were never timed out. A body that stops (or
 * trickles) is answered 408 REQUEST_TIMEOUT once the body timeout passes and the connection is
 * closed; a connection that goes silent mid-head is closed by the idle timeout.
 */
class SlowClientTest {
    private static final int BODY_TIMEOUT_SECONDS = 1;
    private static final int IDLE_TIMEOUT_SECONDS = 2;
    /** Generous: the server must close well before, the test only needs a bound. */
    private static final int WAIT_MILLIS = 20_000;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.withLimits(l -> l.withBodyTimeoutSeconds(BODY_TIMEOUT_SECONDS)
                .withIdleTimeoutSeconds(IDLE_TIMEOUT_SECONDS)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String head(int contentLength) {
        return "POST /v1/episodes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + contentLength + "\r\n\r\n";
    }

    @Test
    void aBodyThatStopsHalfWayIsAnswered408AndClosed() {
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.write(head(100) + "{\"env\":\"coun");
            String answer = connection.readUntilClosed(WAIT_MILLIS);
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("\"code\":\"REQUEST_TIMEOUT\"") && answer.contains("--body-timeout-seconds"), answer);
        }
        assertEquals(200, new HttpJson(server.baseUrl()).get("/v1/health").status());
    }

    /** A byte now and then keeps a connection from being idle; the body timeout still ends it. */
    @Test
    void aTricklingBodyIsTimedOutToo() throws Exception {
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.write(head(1000));
            // One byte every 100 ms for up to five body timeouts, until the server answers.
            for (int i = 0; i < 50 * BODY_TIMEOUT_SECONDS && !connection.hasInput(); i++) {
                connection.write(" ");
                Thread.sleep(100);
            }
            String answer = connection.readUntilClosed(WAIT_MILLIS);
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
        }
    }

    @Test
    void aHeadThatStopsHalfWayIsClosedWhenIdle() {
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.write("POST /v1/episodes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le");
            connection.readUntilClosed(WAIT_MILLIS); // fails if the server keeps it open
        }
    }

    @Test
    void aSilentConnectionIsClosedWhenIdle() {
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.readUntilClosed(WAIT_MILLIS);
        }
    }
}
