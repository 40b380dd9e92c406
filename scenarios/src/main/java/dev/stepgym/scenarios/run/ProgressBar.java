package dev.stepgym.scenarios.run;

import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.agents.rollout.EpisodeSpec;
import dev.stepgym.agents.rollout.StepListener;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.StepResult;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for a rollout on the terminal: episodes done out of the total, failures,
 * the rate and the time left, e.g.
 * <pre>{@code
 * eval random  [##########..............]  40/96 episodes  3.2 ep/s  ETA 0:17
 * }</pre>
 * It is a {@link StepListener} (each ended episode advances it), redrawn in place with a carriage
 * return at most {@link #REDRAW_INTERVAL_MILLIS} apart, and only when {@link Mode enabled}: by
 * default when the program runs on a terminal. Output that must appear while it is drawn (a
 * per-episode table, a summary line) goes through {@link #printAbove} or {@link #around}, which
 * erase the bar first and draw it again below, so the two never mix on one line.
 *
 * <pre>{@code
 * try (ProgressBar bar = ProgressBar.create(System.err, "eval code", tasks, ProgressBar.Mode.AUTO)) {
 *     ScenarioRunner.run(scenario, server, StepListeners.all(recorder, bar));
 * }
 * }</pre>
 * Thread-safe: the rollout runner calls it from several workers.
 */
public final class ProgressBar implements StepListener, AutoCloseable {
    /** The shortest time between two redraws. */
    public static final long REDRAW_INTERVAL_MILLIS = 250;
    static final int BAR_WIDTH = 24;
    static final int LABEL_WIDTH = 28;

    /** When the bar is drawn. */
    public enum Mode {
        /** When the program runs on a terminal ({@code System.console() != null}). */
        AUTO,
        /** Always, even into a file or pipe (each redraw then leaves a carriage return in it). */
        ON,
        /** Never. */
        OFF
    }

    private final PrintStream out;
    private final int total;
    private final boolean enabled;
    private final LongSupplier nanoClock;
    private String label;
    private int done;
    private int failed;
    private long startNanos = -1;
    private long endNanos = -1;
    private long lastDrawNanos;
    private int drawnWidth;
    private boolean closed;

    /**
     * @param out   where the bar goes (standard error, so standard output stays clean for pipes)
     * @param label what is running, shown before the bar
     * @param total episodes expected
     */
    public static ProgressBar create(PrintStream out, String label, int total, Mode mode) {
        boolean enabled = switch (mode) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> System.console() != null;
        };
        return new ProgressBar(out, label, total, enabled, System::nanoTime);
    }

    /** With a clock of the caller's (tests pass a fake one). */
    ProgressBar(PrintStream out, String label, int total, boolean enabled, LongSupplier nanoClock) {
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative, got " + total);
        }
        this.out = out;
        this.label = label;
        this.total = total;
        this.enabled = enabled;
        this.nanoClock = nanoClock;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Changes the label (e.g. to the agent now running); shown at the next redraw. */
    public synchronized void label(String newLabel) {
        label = newLabel;
    }

    /** Starts the clock, if it is not running yet: the rate counts from the first episode, not from server start-up. */
    public synchronized void start() {
        if (startNanos < 0) {
            startNanos = nanoClock.getAsLong();
            draw(true);
        }
    }

    /** One more episode done; {@code ok} false counts it as failed. */
    public synchronized void advance(boolean ok) {
        start();
        done++;
        if (!ok) {
            failed++;
        }
        draw(done >= total);
    }

    public synchronized int done() {
        return done;
    }

    @Override
    public void onReset(int episodeIndex, EpisodeSpec spec, ResetResult reset) {
        start();
    }

    @Override
    public void onEnd(int episodeIndex, EpisodeReport report) {
        advance(report.ok());
    }

    /** Erases the bar, runs {@code print} (which writes whole lines elsewhere on the terminal), draws the bar again. */
    public synchronized void printAbove(Runnable print) {
        erase();
        try {
            print.run();
        } finally {
            if (startNanos >= 0 && !closed) {
                draw(true);
            }
        }
    }

    /** Erases the bar, runs {@code print}, counts one more episode and draws the bar again. */
    private synchronized void advanceBelow(Runnable print, boolean ok) {
        start();
        erase();
        try {
            print.run();
        } finally {
            done++;
            if (!ok) {
                failed++;
            }
            draw(true);
        }
    }

    /**
     * {@code printer} (e.g. a {@link StepTable}) together with this bar: its episode-end output is
     * printed above the bar, then the bar advances. Use it instead of adding this bar separately.
     */
    public StepListener around(StepListener printer) {
        ProgressBar bar = this;
        return new StepListener() {
            @Override
            public void onReset(int episodeIndex, EpisodeSpec spec, ResetResult reset) {
                bar.start();
                printer.onReset(episodeIndex, spec, reset);
            }

            @Override
            public void onStep(int episodeIndex, int step, Action action, StepResult result) {
                printer.onStep(episodeIndex, step, action, result);
            }

            @Override
            public void onEnd(int episodeIndex, EpisodeReport report) {
                bar.advanceBelow(() -> printer.onEnd(episodeIndex, report), report.ok());
            }
        };
    }

    /** Draws the final state and ends its line; later calls do nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (enabled && startNanos >= 0) {
            draw(true);
            out.println();
            out.flush();
        }
        closed = true;
    }

    private void draw(boolean force) {
        if (!enabled || closed) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (!force && drawnWidth > 0 && now - lastDrawNanos < TimeUnit.MILLISECONDS.toNanos(REDRAW_INTERVAL_MILLIS)) {
            return;
        }
        lastDrawNanos = now;
        if (done >= total && endNanos < 0) {
            endNanos = now; // the time taken stops with the last episode, not when the server has shut down
        }
        String line = render(label, done, failed, total, ((endNanos >= 0 ? endNanos : now) - startNanos) / 1e9);
        // pad over a longer previous line instead of an ANSI erase, so a dumb terminal shows it right too
        String padding = " ".repeat(Math.max(0, drawnWidth - line.length()));
        out.print("\r" + line + padding);
        out.flush();
        drawnWidth = line.length();
    }

    private void erase() {
        if (enabled && drawnWidth > 0 && !closed) {
            out.print("\r" + " ".repeat(drawnWidth) + "\r");
            out.flush();
            drawnWidth = 0;
        }
    }

    /**
     * The bar's text: label, bar, {@code done/total episodes}, failures, the rate (episodes per
     * second, or seconds per episode when slower than one a second) and the time left at that rate;
     * when all are done, the time taken instead.
     */
    static String render(String label, int done, int failed, int total, double elapsedSeconds) {
        StringBuilder line = new StringBuilder(100);
        String shown = label == null ? "" : label.length() > LABEL_WIDTH ? label.substring(0, LABEL_WIDTH - 1) + "…" : label;
        if (!shown.isEmpty()) {
            line.append(shown).append("  ");
        }
        int filled = total == 0 ? BAR_WIDTH : (int) Math.floor((double) Math.min(done, total) / total * BAR_WIDTH);
        line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append(']');
        int digits = String.valueOf(total).length();
        line.append(String.format(Locale.ROOT, "  %" + digits + "d/%d episodes", done, total));
        if (failed > 0) {
            line.append(String.format(Locale.ROOT, " (%d failed)", failed));
        }
        double rate = elapsedSeconds > 0 && done > 0 ? done / elapsedSeconds : Double.NaN;
        if (Double.isNaN(rate)) {
            line.append("  -- ep/s");
        } else if (rate >= 1) {
            line.append(String.format(Locale.ROOT, "  %.1f ep/s", rate));
        } else {
            line.append(String.format(Locale.ROOT, "  %.1f s/ep", 1 / rate));
        }
        if (done >= total) {
            line.append("  done in ").append(duration(elapsedSeconds));
        } else if (Double.isNaN(rate)) {
            line.append("  ETA --:--");
        } else {
            line.append("  ETA ").append(duration((total - done) / rate));
        }
        return line.toString();
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}
