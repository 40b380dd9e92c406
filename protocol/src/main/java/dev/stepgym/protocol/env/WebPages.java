package dev.stepgym.protocol.env;

import java.util.Map;

/**
 * HTML pages an environment serves to humans and to browser-driven agents (the GUI environment
 * browses the shop through them). The server mounts them under {@code /web/{env-id}/}.
 */
public interface WebPages {

    /**
     * Renders one page.
     *
     * @param path  the path below {@code /web/{env-id}/}, without a leading slash ({@code ""} is the home page)
     * @param query decoded query parameters (first value of each)
     */
    Page render(String path, Map<String, String> query);

    /** A rendered page. */
    record Page(int status, String contentType, String body) {
        public static Page html(String body) {
            return new Page(200, "text/html; charset=utf-8", body);
        }

        public static Page notFound(String what) {
            return new Page(404, "text/plain; charset=utf-8", "not found: " + what);
        }
    }
}
