package dev.stepgym.scenarios.run;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The progress bar's text and redraw rules, with a fake clock. */
class ProgressBarTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private void sleep(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void showsDoneOverTotalTheRateAndTheTimeLeft() {
        String line = ProgressBar.render("run random", 12, 0, 48, 6.0);
        assertEquals("run random  [######..................]  12/48 episodes  2.0 ep/s  ETA 0:18", line);
    }

    @Test
    void slowEpisodesShowSecondsPerEpisodeAndLongWaitsHours() {
        String line = ProgressBar.render("eval code", 1, 1, 200, 30.0);
        assertTrue(line.contains("  1/200 episodes (1 failed)"), line);
        assertTrue(line.contains("30.0 s/ep"), line);
        assertTrue(line.endsWith("ETA 1:39:30"), line);
    }

    @Test
    void beforeTheFirstEpisodeThereIsNoRateAndAtTheEndTheTimeTaken() {
        assertTrue(ProgressBar.render("x", 0, 0, 5, 2.0).endsWith("0/5 episodes  -- ep/s  ETA --:--"));
        String done = ProgressBar.render("x", 5, 0, 5, 65.0);
        assertTrue(done.contains("[########################]") && done.endsWith("done in 1:05"), done);
        assertEquals("1:02:05", ProgressBar.duration(3725));
    }

    @Test
    void aLongLabelIsCut() {
        String line = ProgressBar.render("eval a-very-long-agent-name-that-goes-on-and-on", 0, 0, 3, 0);
        assertTrue(line.startsWith("eval a-very-long-agent-name…  ["), line);
    }

    @Test
    void redrawsAtMostEveryQuarterSecondButAlwaysTheLastEpisode() {
        ProgressBar bar = new ProgressBar(out, "run", 4, true, nanos::get);
        bar.start();                                   // draw 1: 0/4
        sleep(10);
        bar.advance(true);                             // too soon: not drawn
        sleep(10);
        bar.advance(true);                             // too soon: not drawn
        assertEquals(1, count(output(), '\r'), output());
        sleep(ProgressBar.REDRAW_INTERVAL_MILLIS);
        bar.advance(false);                            // draw 2: 3/4, one failed
        assertTrue(output().contains("3/4 episodes (1 failed)"), output());
        sleep(1);
        bar.advance(true);                             // the last one is always drawn: 4/4
        assertEquals(3, count(output(), '\r'), output());
        assertTrue(output().endsWith("done in 0:00"), output());
        sleep(5_000);                                  // the server shutting down
        bar.close();
        assertTrue(output().endsWith("done in 0:00" + System.lineSeparator()), "close draws the final state and ends the line: " + output());
        String closed = output();
        bar.close();
        bar.advance(true);
        assertEquals(closed, output(), "nothing is drawn after close");
    }

    @Test
    void theRateCountsFromTheFirstEpisodeNotFromConstruction() {
        ProgressBar bar = new ProgressBar(out, "run", 10, true, nanos::get);
        sleep(60_000);                                  // the server starting up
        bar.start();
        sleep(2_000);
        bar.advance(true);
        bar.advance(true);
        bar.close();
        assertTrue(output().contains("2/10 episodes  1.0 ep/s  ETA 0:08"), output());
    }

    @Test
    void linesPrintedAboveTheBarAreNeverMixedWithIt() {
        // one stream for both, as on a terminal where stdout and stderr share the screen
        ProgressBar bar = new ProgressBar(out, "run", 2, true, nanos::get);
        bar.start();
        bar.printAbove(() -> out.print("summary line\n"));
        String text = output();
        int erase = text.indexOf("\r" + " ".repeat(ProgressBar.render("run", 0, 0, 2, 0).length()) + "\r");
        assertTrue(erase >= 0 && erase < text.indexOf("summary line"), "the bar is erased before the line: " + text);
        assertTrue(text.lastIndexOf("0/2 episodes") > text.indexOf("summary line"), "and drawn again below it: " + text);
    }

    @Test
    void aDisabledBarPrintsNothingButStillRunsWhatIsPrintedAbove() {
        ProgressBar bar = new ProgressBar(out, "run", 2, false, nanos::get);
        bar.start();
        bar.advance(true);
        bar.printAbove(() -> out.print("row\n"));
        bar.advance(true);
        bar.close();
        assertEquals("row\n", output());
        assertEquals(2, bar.done());
        assertFalse(bar.enabled());
    }

    @Test
    void autoModeIsOffWhenNotOnATerminal() {
        // the test JVM's output is redirected by Surefire, so there is no console
        if (System.console() == null) {
            assertFalse(ProgressBar.create(out, "run", 1, ProgressBar.Mode.AUTO).enabled());
        }
        assertTrue(ProgressBar.create(out, "run", 1, ProgressBar.Mode.ON).enabled());
        assertFalse(ProgressBar.create(out, "run", 1, ProgressBar.Mode.OFF).enabled());
    }

    private static int count(String text, char c) {
        return (int) text.chars().filter(ch -> ch == c).count();
    }
}
