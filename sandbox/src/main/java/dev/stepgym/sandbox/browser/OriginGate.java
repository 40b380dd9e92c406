package dev.stepgym.sandbox.browser;

import dev.stepgym.sandbox.browser.BrowserException.Kind;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The one origin a session's pages may reach (scheme, host and port, as browsers compare them), plus
 * the page-internal schemes that never touch the network ({@code data:}, {@code blob:}, {@code about:}).
 * Every request of a session's context is checked here by its route; anything else is aborted.
 *
 * <pre>{@code
 * OriginGate gate = OriginGate.of("http://127.0.0.1:8080");
 * gate.allows("http://127.0.0.1:8080/web/shop-v1/");  // true
 * gate.allows("http://127.0.0.2:8080/");              // false
 * }</pre>
 */
public record OriginGate(String scheme, String host, int port) {

    public OriginGate {
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new BrowserException(Kind.BAD_INPUT, "the allowed origin must be http or https, got " + scheme);
        }
        if (host == null || host.isEmpty()) {
            throw new BrowserException(Kind.BAD_INPUT, "the allowed origin needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new BrowserException(Kind.BAD_INPUT, "the allowed origin's port must be 1..65535, got " + port);
        }
    }

    /** Parses an origin such as {@code http://127.0.0.1:8080}; a path, if any, is ignored. */
    public static OriginGate of(String origin) {
        URI uri = parse(origin);
        if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
            throw new BrowserException(Kind.BAD_INPUT, "not an origin (want http://host:port): " + origin);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return new OriginGate(scheme, uri.getHost().toLowerCase(Locale.ROOT), effectivePort(scheme, uri.getPort()));
    }

    /** True when a request to this URL may leave the page. */
    public boolean allows(String url) {
        if (url == null) {
            return false;
        }
        String lower = url.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("data:") || lower.startsWith("blob:") || lower.startsWith("about:")) {
            return true;
        }
        URI uri = parse(url);
        if (uri == null || uri.getScheme() == null) {
            return false;
        }
        String s = uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null) {
            return false;
        }
        boolean ws = s.equals("ws") || s.equals("wss");
        String asHttp = ws ? (s.equals("ws") ? "http" : "https") : s;
        return asHttp.equals(scheme)
                && uri.getHost().toLowerCase(Locale.ROOT).equals(host)
                && effectivePort(asHttp, uri.getPort()) == port;
    }

    /** The origin as a browser writes it, e.g. {@code http://127.0.0.1:8080}. */
    public String origin() {
        return scheme + "://" + host + ":" + port;
    }

    private static int effectivePort(String scheme, int port) {
        if (port != -1) {
            return port;
        }
        return scheme.equals("https") ? 443 : 80;
    }

    private static URI parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new URI(text.strip());
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
