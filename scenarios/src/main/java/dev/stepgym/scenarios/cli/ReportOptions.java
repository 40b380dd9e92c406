package dev.stepgym.scenarios.cli;

import dev.stepgym.scenarios.report.RunReport;
import dev.stepgym.scenarios.report.RunReportWriter;
import dev.stepgym.scenarios.run.ProgressBar;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The report and progress-bar options {@code run} and {@code eval} share. */
final class ReportOptions {
    @Option(names = "--report", paramLabel = "PATH",
            description = "HTML run report to write, with a JSON twin next to it (default: reports/<scenario>-<command>.html)")
    Path report;

    @Option(names = "--no-report", description = "write no run report")
    boolean noReport;

    @Mixin
    ProgressOptions progress = new ProgressOptions();

    /** Where the report goes, or null for none. */
    Path reportPath(String scenario, String command) {
        if (noReport) {
            return null;
        }
        return report != null ? report : Path.of("reports", fileName(scenario) + "-" + command + ".html");
    }

    /**
     * Makes the report's folder now, before a long run, so an unwritable path is an error at once
     * rather than after the episodes.
     */
    void prepare(String scenario, String command) {
        Path html = reportPath(scenario, command);
        if (html == null) {
            return;
        }
        Path parent = html.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + html + ": " + e, e);
        }
        if (Files.isDirectory(html)) {
            throw new IllegalArgumentException("cannot write the report to " + html + ": it is a folder");
        }
    }

    /** Writes {@code report} (HTML and its JSON twin) unless {@code --no-report}, and says where on standard output. */
    void write(RunReport report) {
        Path html = reportPath(report.scenario(), report.command());
        if (html == null) {
            return;
        }
        Path json = RunReportWriter.write(report, html);
        System.out.printf("report: %s (data: %s)%n", html.toAbsolutePath().normalize(), json.toAbsolutePath().normalize());
    }

    ProgressBar.Mode progressMode() {
        return progress.mode();
    }

    /** A scenario name (which may be a path to a JSON file) as a safe file name. */
    static String fileName(String scenario) {
        String name = scenario.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._]+", "");
        return name.isEmpty() ? "scenario" : name;
    }
}
