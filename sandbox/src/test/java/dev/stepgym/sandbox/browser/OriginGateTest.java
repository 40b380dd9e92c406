package dev.stepgym.sandbox.browser;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginGateTest {
    private final OriginGate gate = OriginGate.of("http://127.0.0.1:8080");

    @Test
    void allowsOnlyTheSameSchemeHostAndPort() {
        assertTrue(gate.allows("http://127.0.0.1:8080/web/shop-v1/?q=a#x"));
        assertTrue(gate.allows("HTTP://127.0.0.1:8080"));
        assertTrue(gate.allows("ws://127.0.0.1:8080/v1/ws"));
        assertFalse(gate.allows("http://127.0.0.2:8080/"));
        assertFalse(gate.allows("http://127.0.0.1:8081/"));
        assertFalse(gate.allows("https://127.0.0.1:8080/"));
        assertFalse(gate.allows("http://localhost:8080/"));
        assertFalse(gate.allows("http://example.com/"));
        assertFalse(gate.allows("file:///etc/passwd"));
        assertFalse(gate.allows("chrome://settings"));
        assertFalse(gate.allows("not a url"));
        assertFalse(gate.allows(null));
    }

    @Test
    void pageInternalSchemesStayAllowed() {
        assertTrue(gate.allows("data:text/html,<p>x</p>"));
        assertTrue(gate.allows("about:blank"));
        assertTrue(gate.allows("blob:http://127.0.0.1:8080/1234"));
    }

    @Test
    void defaultPortsCount() {
        OriginGate plain = OriginGate.of("http://127.0.0.1");
        assertEquals("http://127.0.0.1:80", plain.origin());
        assertTrue(plain.allows("http://127.0.0.1:80/x"));
        assertTrue(plain.allows("http://127.0.0.1/x"));
        assertEquals("http://127.0.0.1:8080", gate.origin());
    }

    @Test
    void badOriginsAreRefusedClearly() {
        for (String bad : new String[] {"ftp://127.0.0.1:21", "127.0.0.1:8080", "", "http://", "http://h:99999"}) {
            BrowserException e = assertThrows(BrowserException.class, () -> OriginGate.of(bad), bad);
            assertEquals(BrowserException.Kind.BAD_INPUT, e.kind(), bad);
        }
    }
}
