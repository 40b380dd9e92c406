package dev.stepgym.agents.client;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of one URL path segment, so an id can never change the route it is put in. */
final class PathSegments {
    private PathSegments() {
    }

    static String encode(String segment) {
        if (segment.equals(".") || segment.equals("..")) {
            // dot segments would be resolved away and reach another route
            return segment.replace(".", "%2E");
        }
        StringBuilder out = new StringBuilder(segment.length());
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
