package dev.stepgym.scenarios.report;

import dev.stepgym.protocol.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a {@link RunReport} as HTML and, next to it, as JSON with the same name ({@code x.html}, {@code x.json}). */
public final class RunReportWriter {
    private RunReportWriter() {
    }

    /**
     * Writes both files, creating the folder if needed.
     *
     * @return the JSON twin's path
     * @throws UncheckedIOException with the path in its message when a file cannot be written
     */
    public static Path write(RunReport report, Path html) {
        Path json = jsonTwin(html);
        try {
            Path parent = html.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(html, RunReportHtml.render(report));
            Files.writeString(json, Json.write(report));
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + html + ": " + e, e);
        }
    }

    /** {@code report.html} gives {@code report.json}; any other name gets {@code .json} appended. */
    public static Path jsonTwin(Path html) {
        String name = html.getFileName().toString();
        String base = name.toLowerCase(java.util.Locale.ROOT).endsWith(".html") ? name.substring(0, name.length() - 5) : name;
        return html.resolveSibling(base + ".json");
    }
}
