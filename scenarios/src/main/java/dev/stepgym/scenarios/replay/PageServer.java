package dev.stepgym.scenarios.replay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stepgym.protocol.env.WebPages;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A loopback HTTP server that serves environments' web pages under {@code /web/{env-id}/}, as the
 * StepGym server does, for replays run without a server: an environment whose episodes open its own
 * pages in a browser (gui-v1) is told this server's origin through
 * {@link dev.stepgym.protocol.env.EnvironmentFactory#serverListening}. It binds 127.0.0.1 on a free
 * port and answers only GET.
 */
final class PageServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;
    private final Function<String, Optional<WebPages>> pagesOf;

    /** @param pagesOf env id → its pages (empty for an env without pages or not registered) */
    PageServer(Function<String, Optional<WebPages>> pagesOf) {
        this.pagesOf = pagesOf;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the replay's page server on 127.0.0.1", e);
        }
        threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "replay-pages");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/web/", this::serve);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            WebPages.Page page = render(exchange);
            byte[] body = page.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", page.contentType());
            exchange.sendResponseHeaders(page.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private WebPages.Page render(HttpExchange exchange) {
        if (!exchange.getRequestMethod().equals("GET")) {
            return new WebPages.Page(405, "text/plain; charset=utf-8", "only GET");
        }
        String path = exchange.getRequestURI().getPath();
        String rest = path.substring("/web/".length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return WebPages.Page.notFound(path);
        }
        String env = rest.substring(0, slash);
        Optional<WebPages> pages;
        try {
            pages = pagesOf.apply(env);
        } catch (RuntimeException e) {
            return new WebPages.Page(500, "text/plain; charset=utf-8", env + ": " + e.getMessage());
        }
        if (pages.isEmpty()) {
            return WebPages.Page.notFound(env + " has no web pages");
        }
        try {
            return pages.get().render(rest.substring(slash + 1), query(exchange.getRequestURI().getRawQuery()));
        } catch (RuntimeException e) {
            return new WebPages.Page(400, "text/plain; charset=utf-8", String.valueOf(e.getMessage()));
        }
    }

    /** Decoded query parameters, the first value of each (as the server's route gives them). */
    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(key, value);
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
