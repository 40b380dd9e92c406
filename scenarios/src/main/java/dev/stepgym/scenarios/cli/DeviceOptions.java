package dev.stepgym.scenarios.cli;

import dev.stepgym.rewards.embed.Devices;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * {@code --device auto|cpu|gpu}: where every DJL model of the process runs. A mixin of serve, run, eval and
 * rewards; inherited, so {@code eval code} and every {@code rewards} subcommand take it too.
 * {@link #settlingFirst} applies it once, before the command starts, so that {@code gpu} on a machine without
 * one is a one-line error (exit 2) rather than a failure half-way through a run.
 */
final class DeviceOptions {
    static final String NAME = "--device";
    static final List<String> CHOICES = List.of("auto", "cpu", "gpu");

    @Option(names = NAME, defaultValue = "auto", paramLabel = "auto|cpu|gpu", scope = ScopeType.INHERIT,
            description = "where models run: auto takes the GPU when DJL sees one (default: ${DEFAULT-VALUE})")
    String device;

    /** {@code execution}, after settling the {@code --device} of the command line being run, if it takes one. */
    static IExecutionStrategy settlingFirst(IExecutionStrategy execution) {
        return parsed -> {
            String wanted = helpRequested(parsed) ? null : wanted(parsed);
            if (wanted != null) {
                PrintWriter err = parsed.commandSpec().commandLine().getErr();
                try {
                    String device = wanted.trim().toLowerCase(Locale.ROOT);
                    if (!CHOICES.contains(device)) {
                        throw new IllegalArgumentException(NAME + " must be one of " + CHOICES + ", got '" + wanted + "'");
                    }
                    err.println(Devices.choose(device).line());
                } catch (RuntimeException e) {
                    err.println("stepgym: " + e.getMessage());
                    return 2;
                } finally {
                    err.flush();
                }
            }
            return execution.execute(parsed);
        };
    }

    /**
     * The value given last on the command line ({@code eval --device cpu code} counts); when the command takes
     * {@code --device} but was not given it, the JVM's {@code -Dstepgym.device} (e.g. from STEPGYM_JAVA_OPTS),
     * else {@code auto}; {@code null} when the command does not take it.
     */
    static String wanted(ParseResult parsed) {
        String wanted = null;
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption(NAME)) {
                wanted = level.matchedOptionValue(NAME, "auto");
            } else if (wanted == null && level.commandSpec().findOption(NAME) != null) {
                String property = System.getProperty(Devices.DEVICE_PROPERTY, "");
                wanted = property.isBlank() ? "auto" : property;
            }
        }
        return wanted;
    }

    private static boolean helpRequested(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.isUsageHelpRequested() || level.isVersionHelpRequested()) {
                return true;
            }
        }
        return false;
    }
}
