package dev.stepgym.scenarios;

import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.server.EpisodeManager;
import dev.stepgym.protocol.server.ServerConfig;
import dev.stepgym.protocol.server.StepGymServer;
import dev.stepgym.rewards.service.RewardRoutes;
import dev.stepgym.scenarios.server.Environments;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps docs/protocol.md true: its "HTTP routes" table lists exactly the routes the server answers
 * (assembled as {@code stepgym serve} assembles it, the reward service and the OpenEnv endpoints
 * included), and its "Errors" table lists exactly the {@link ErrorCode}s, each with its HTTP status.
 * A failure prints what to add or remove.
 */
class ProtocolReferenceTest {
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
    private static final Pattern ROUTE = Pattern.compile("(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) (/\\S*)");

    @Test
    void theRouteTableListsExactlyTheServersRoutes() throws IOException {
        ServerConfig config = ServerConfig.defaults().withPort(0).withRecordDir(null).withWorkerThreads(1);
        TreeSet<String> served = new TreeSet<>();
        try (EpisodeManager manager = new EpisodeManager(config, Environments.registry(config));
             StepGymServer server = StepGymServer.start(null, config, manager, RewardRoutes.all())) {
            server.routes().forEach(route -> served.add(canonical(route)));
        }
        assertTrue(served.contains("GET /openenv/{}/ws"), "the server's routes: " + served);
        TreeSet<String> documented = new TreeSet<>();
        for (List<String> row : table(section("HTTP routes"))) {
            Matcher matcher = BACKTICKED.matcher(row.get(0));
            boolean any = false;
            while (matcher.find()) {
                any = true;
                documented.add(canonical(matcher.group(1)));
            }
            assertTrue(any, "a route row's first cell holds its `METHOD /path`s: " + row);
        }
        assertEquals("", diff("docs/protocol.md's HTTP routes table", documented, served),
                "docs/protocol.md's route table and the server disagree");
    }

    @Test
    void theErrorTableListsEveryErrorCodeWithItsStatus() throws IOException {
        Map<String, Integer> documented = new LinkedHashMap<>();
        for (List<String> row : table(section("Errors"))) {
            Matcher matcher = BACKTICKED.matcher(row.get(0));
            boolean any = false;
            while (matcher.find()) {
                any = true;
                Integer before = documented.put(matcher.group(1), Integer.valueOf(row.get(1).trim()));
                assertEquals(null, before, matcher.group(1) + " is documented twice");
            }
            assertTrue(any, "an error row's first cell names its codes in backticks: " + row);
        }
        Map<String, Integer> actual = new LinkedHashMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            actual.put(code.name(), code.httpStatus());
        }
        List<String> problems = new ArrayList<>();
        actual.forEach((code, status) -> {
            if (!documented.containsKey(code)) {
                problems.add("add `" + code + "` | " + status);
            } else if (!documented.get(code).equals(status)) {
                problems.add("`" + code + "` is documented with " + documented.get(code) + " but answers " + status);
            }
        });
        documented.keySet().stream().filter(code -> !actual.containsKey(code))
                .forEach(code -> problems.add("remove `" + code + "`: no such ErrorCode"));
        assertEquals(List.of(), problems, "docs/protocol.md's Errors table and ErrorCode disagree");
    }

    /**
     * One spelling for a route from either side: path parameters become {@code {}}, whatever
     * their name, and a route taking everything below a path ends in {@code /*} (written
     * {@code /…} in the docs).
     */
    static String canonical(String route) {
        Matcher matcher = ROUTE.matcher(route.trim());
        assertTrue(matcher.matches(), "not a `METHOD /path` route: " + route);
        String path = matcher.group(2).replaceAll("\\{[^}]*}", "{}").replaceAll("(/…|/\\*)$", "/*");
        return matcher.group(1) + " " + path;
    }

    private static String diff(String what, TreeSet<String> documented, TreeSet<String> served) {
        StringBuilder out = new StringBuilder();
        for (String route : served) {
            if (!documented.contains(route)) {
                out.append("\n  served but missing from ").append(what).append(": ").append(route);
            }
        }
        for (String route : documented) {
            if (!served.contains(route)) {
                out.append("\n  in ").append(what).append(" but not served: ").append(route);
            }
        }
        return out.toString();
    }

    /** The lines of docs/protocol.md under {@code ## title}, up to the next {@code ## }. */
    private static List<String> section(String title) throws IOException {
        List<String> lines = Files.readAllLines(protocolDoc());
        int start = lines.indexOf("## " + title);
        assertTrue(start >= 0, "docs/protocol.md has no section '## " + title + "'");
        List<String> section = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            section.add(line);
        }
        return section;
    }

    /** The body rows of the section's first Markdown table, split into cells (escaped {@code \|} kept inside). */
    private static List<List<String>> table(List<String> section) {
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : section) {
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            if (line.matches("[|\\s:-]+")) {
                continue; // the separator row
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length()).split("(?<!\\\\)\\|")) {
                cells.add(cell.trim());
            }
            rows.add(cells);
        }
        assertFalse(rows.isEmpty(), "no table in the section");
        return rows.subList(1, rows.size()); // without the header row
    }

    private static Path protocolDoc() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path doc = dir.resolve("docs").resolve("protocol.md");
            if (Files.isRegularFile(doc)) {
                return doc;
            }
        }
        throw new AssertionError("docs/protocol.md not found above " + Path.of("").toAbsolutePath());
    }
}
