package dev.stepgym.protocol.testkit;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The suite-wide guard is really in place: a test JVM of this build cannot reach past loopback. */
class OffMachineConnectionCheckTest {

    @Test
    @SuppressWarnings("removal")
    void everyTestRunsUnderTheNetworkGuard() {
        assertInstanceOf(NetworkGuard.class, System.getSecurityManager(),
                "OffMachineConnectionCheck must be auto-detected (junit.jupiter.extensions.autodetection.enabled)");
    }

    @Test
    void anOffMachineConnectIsRefusedBeforeAnyPacketLeaves() throws Exception {
        // A guard of its own, nested over the suite's, so this deliberate attempt is not counted against the test.
        try (NetworkGuard guard = NetworkGuard.install(); Socket socket = new Socket()) {
            // 203.0.113.0/24 is TEST-NET-3: documentation only, never routed.
            SecurityException refused = assertThrows(SecurityException.class,
                    () -> socket.connect(new InetSocketAddress("203.0.113.9", 443), 200));
            assertTrue(refused.getMessage().contains("203.0.113.9:443"), refused.getMessage());
            assertTrue(guard.attempts().stream().anyMatch(a -> a.host().equals("203.0.113.9")));
        }
    }
}
