package dev.stepgym.scenarios.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.AriaSnapshotMode;
import com.microsoft.playwright.options.LoadState;
import dev.stepgym.agents.baseline.OracleGuiAgent;
import dev.stepgym.agents.client.ResetParams;
import dev.stepgym.agents.client.StepGymClient;
import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.agents.rollout.EpisodeSpec;
import dev.stepgym.agents.rollout.RolloutOptions;
import dev.stepgym.agents.rollout.RolloutRunner;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.StepResult;
import dev.stepgym.protocol.server.RunningServer;
import dev.stepgym.protocol.server.ServerConfig;
import dev.stepgym.sandbox.browser.BrowserPool;
import dev.stepgym.sandbox.browser.BrowserPoolConfig;
import dev.stepgym.sandbox.browser.BrowserSession;
import dev.stepgym.scenarios.server.Environments;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code stepgym bench gui}: gui-v1 in real Chromium, side by side in one run, on an embedded server
 * driven by the HTTP client in the same JVM (the server's heap figure therefore includes the client's):
 * <ul>
 *   <li>reset on the warm pool through the protocol against a raw Playwright cold start (launch Chromium,
 *       new context, new page, navigate to the same task page);</li>
 *   <li>a gui-v1 step against its raw twin: the same Playwright calls made directly on a page of a browser
 *       this bench launched (no pool, no routes), and on a session of the server's own pool (routes and
 *       the browser thread's hop, no protocol);</li>
 *   <li>page.navigate of the task page raw, raw with a pass-all route, and in a pool session;</li>
 *   <li>oracle episodes/s at several concurrencies (OracleGuiAgent through RolloutRunner);</li>
 *   <li>memory per open episode (heap after GC, Chromium RSS and PSS from /proc);</li>
 *   <li>many episodes in a row with memory, contexts and Chromium processes sampled, and the Chromium
 *       processes left once the server closed (must be 0).</li>
 * </ul>
 */
public final class GuiBench {
    private static final String ENV = "gui-v1";
    private static final List<String> TEMPLATES = List.of("click-button", "enter-text", "form-validation", "dropdown",
            "checkboxes", "radio", "tabs", "menu", "scroll-list", "date-picker", "login", "wizard", "click-link", "toggles",
            "search");
    /** The step measured: typing into enter-text's field (ends nothing, changes no page, repeatable). */
    private static final String STEP_TASK = "enter-text:7";
    private static final String STEP_TEXT = "zzz";
    private static final Pattern TEXTBOX_REF = Pattern.compile("- textbox \"([^\"]*)\"[^\\n]*\\[ref=((?:f[0-9]+)?e[0-9]+)]");
    /** Copies of what gui-v1 runs per type step (ActionGeometry's box, PageActions' editable check, GuiEnvironment's look), for the raw twin. */
    private static final String BOX_JS = """
            els => {
              if (!els.length) { return null; }
              const r = els[0].getBoundingClientRect();
              return r.width > 0 && r.height > 0 ? [r.left, r.top, r.right, r.bottom] : null;
            }""";
    private static final String EDITABLE_JS = """
            e => e.isContentEditable || e.tagName === "TEXTAREA" || (e.tagName === "INPUT"
                && ["text", "password", "email", "search", "tel", "url", "number", ""].includes(e.getAttribute("type") || ""))""";
    private static final String STATE_JS = """
            () => {
              const e = document.activeElement;
              let focused = null;
              if (e && e !== document.body && e !== document.documentElement) {
                const label = (e.getAttribute("aria-label") || (e.labels && e.labels.length ? e.labels[0].textContent : "")
                    || (e.tagName === "INPUT" ? "" : e.textContent) || "").trim().slice(0, 60);
                focused = e.tagName.toLowerCase() + (e.type && e.tagName === "INPUT" ? "[type=" + e.type + "]" : "")
                    + (label ? " \\"" + label + "\\"" : "");
              }
              let check = null;
              try { check = window.stepgym && window.stepgym.check ? window.stepgym.check() : null; } catch (x) { check = null; }
              return JSON.stringify({focused: focused, check: check});
            }""";

    private GuiBench() {
    }

    /**
     * @param resets         warm resets measured through the protocol
     * @param coldLaunches   raw cold starts measured (launch + context + page + navigate)
     * @param steps          steps measured per side of the step comparison (and navigations per navigate row)
     * @param concurrencies  oracle episodes at once, one row each
     * @param oracleEpisodes oracle episodes per concurrency row
     * @param openEpisodes   episodes held open for the memory figure
     * @param soakEpisodes   episodes in a row for the flat-memory run (0: none)
     * @param soakInterval   episodes between memory samples
     * @param soakLimit      the run in a row stops after the sample past this time, and says so
     */
    public record Settings(int resets, int coldLaunches, int steps, List<Integer> concurrencies, int oracleEpisodes,
                           int openEpisodes, int soakEpisodes, int soakInterval, Duration soakLimit) {
        public Settings {
            concurrencies = List.copyOf(concurrencies);
            positive("resets", resets);
            positive("cold launches", coldLaunches);
            positive("steps", steps);
            positive("oracle episodes", oracleEpisodes);
            positive("open episodes", openEpisodes);
            positive("soak interval", soakInterval);
            if (soakEpisodes < 0) {
                throw new IllegalArgumentException("soak episodes must be 0 or more, got " + soakEpisodes);
            }
            if (concurrencies.isEmpty() || concurrencies.stream().anyMatch(c -> c < 1 || c > 32)) {
                throw new IllegalArgumentException("concurrencies must be 1..32 (the pool holds 2 x 16 sessions), got " + concurrencies);
            }
            if (openEpisodes > 30) {
                throw new IllegalArgumentException("open episodes must be at most 30 (the pool holds 2 x 16 sessions), got " + openEpisodes);
            }
        }

        private static void positive(String what, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, got " + value);
            }
        }
    }

    /** One latency row: p50 and p99 in milliseconds. */
    record Row(String what, int samples, double p50, double p99) {
    }

    /** The figures a test or a caller checks. */
    public record Figures(double warmResetP50, double coldStartP50, double stepP50, double rawStepP50, double poolStepP50,
                          Map<Integer, Double> episodesPerSecond, Map<Integer, Integer> solved, long soakRun,
                          int contextsAfterSoak, long chromiumLeftAfterClose, int chromiumSeen) {
        public double stepOverhead() {
            return stepP50 / rawStepP50 - 1;
        }
    }

    public static Figures run(Settings settings, PrintStream out) throws IOException {
        Path records = Files.createTempDirectory("stepgym-bench-gui");
        Set<Long> seen = new HashSet<>();
        ServerConfig config = ServerConfig.defaults().withPort(0).withAllowPrivileged(true).withRecordDir(records);
        out.printf(Locale.ROOT, "gui bench (%d cores, load average %.1f): embedded server, HTTP client in the same JVM;"
                        + " gui-v1's pool: 2 browsers x 16 contexts%n", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        RunningServer server = RunningServer.start(config, Environments.registry(config));
        Figures figures;
        try (StepGymClient client = StepGymClient.builder(server.baseUrl()).requestTimeout(Duration.ofSeconds(120)).build()) {
            String origin = "http://127.0.0.1:" + server.port();
            long t0 = System.nanoTime();
            close(client, reset(client, "click-button:0"));
            out.printf(Locale.ROOT, "first reset (starts the pool: 2 Playwright drivers + 2 Chromium): %.1f s%n", seconds(t0));
            BrowserPool pool = BrowserPool.running().get(0);
            seen.addAll(ChromiumProcesses.ofThisJvm().pids());

            List<Row> rows = new ArrayList<>();
            List<Row> resetRows = warmResets(client, settings.resets());
            Row warm = resetRows.get(0);
            rows.addAll(resetRows);
            Row cold;
            StepRows step;
            // The bench's own browser is closed before the memory figures, which count every Chromium of this JVM.
            try (Raw raw = new Raw()) {
                cold = raw.coldStarts(origin + taskPath(STEP_TASK), settings.coldLaunches(), seen);
                rows.add(cold);
                step = steps(client, pool, raw, origin, settings.steps());
                rows.addAll(step.rows());
                rows.addAll(navigations(pool, raw, origin, Math.max(3, settings.steps() / 2)));
                seen.addAll(ChromiumProcesses.ofThisJvm().pids());
            }
            printRows(rows, out);
            out.printf(Locale.ROOT, "%nreset: warm pool p50 %.1f ms vs raw cold start p50 %.1f ms: %.1fx faster"
                            + " (reset + close p50 %.1f ms: %.1fx)%n", warm.p50(), cold.p50(), cold.p50() / warm.p50(),
                    warm.p50() + resetRows.get(1).p50(), cold.p50() / (warm.p50() + resetRows.get(1).p50()));
            double overhead = step.gui().p50() / step.raw().p50() - 1;
            out.printf(Locale.ROOT, "step: gui-v1 p50 %.1f ms vs raw twin p50 %.1f ms: overhead %+.0f%% (target <= 15%%: %s);"
                            + " pool session p50 %.1f ms (%+.0f%% over raw)%n", step.gui().p50(), step.raw().p50(), 100 * overhead,
                    overhead <= 0.15 ? "met" : "NOT met", step.pool().p50(), 100 * (step.pool().p50() / step.raw().p50() - 1));
            out.printf(Locale.ROOT, "  raw twin without the geometry p50 %.1f ms: gui-v1 over it %+.0f%%%n", step.rawNoGeometry().p50(),
                    100 * (step.gui().p50() / step.rawNoGeometry().p50() - 1));
            out.println("  raw twin = the Playwright calls of one gui-v1 type step, made directly on a page of a browser this JVM");
            out.println("  launched (no pool, no routes): the BTL-UI geometry (locator(aria-ref).count + boundingBox of the acted");
            out.println("  element, getByRole(reference target).evaluateAll(box)), then locator(aria-ref).count, evaluate(editable?),");
            out.println("  fill, url, waitForLoadState(load), url, ariaSnapshot(AI mode), evaluate(focus + check()). The gui-v1 step");
            out.println("  does the same through HTTP (client in this JVM), the episode manager, the pool's browser thread and");
            out.println("  routes, the reward pipeline, the trajectory record and the observation's JSON.");

            Map<Integer, Double> rates = new java.util.LinkedHashMap<>();
            Map<Integer, Integer> solved = new java.util.LinkedHashMap<>();
            out.printf(Locale.ROOT, "%n| oracle episodes at once | episodes | solved | steps | seconds | episodes/s | steps/s |%n"
                    + "|---:|---:|---:|---:|---:|---:|---:|%n");
            int offset = 0;
            List<String> unsolved = new ArrayList<>();
            for (int c : settings.concurrencies()) {
                List<EpisodeSpec> specs = specs(offset, settings.oracleEpisodes());
                offset += settings.oracleEpisodes();
                long start = System.nanoTime();
                List<EpisodeReport> reports = new RolloutRunner(client, new RolloutOptions(c, 15)).run(specs, new OracleGuiAgent());
                double s = seconds(start);
                int ok = (int) reports.stream().filter(r -> Boolean.TRUE.equals(r.outcome().get("success"))).count();
                int stepCount = reports.stream().mapToInt(EpisodeReport::steps).sum();
                rates.put(c, reports.size() / s);
                solved.put(c, ok);
                out.printf(Locale.ROOT, "| %d | %d | %d | %d | %.1f | %.2f | %.1f |%n", c, reports.size(), ok, stepCount, s,
                        reports.size() / s, stepCount / s);
                reports.stream().filter(r -> !Boolean.TRUE.equals(r.outcome().get("success"))).forEach(r -> unsolved.add(
                        r.spec().task() + " at " + c + " at once: " + (r.error() != null ? r.error() : r.outcome() + " after " + r.actions())));
                seen.addAll(ChromiumProcesses.ofThisJvm().pids());
            }

            unsolved.forEach(u -> out.println("  not solved: " + u));

            memoryPerOpenEpisode(client, settings.openEpisodes(), seen, out);
            Soak soak = settings.soakEpisodes() == 0 ? new Soak(0, 0)
                    : soak(client, pool, settings, seen, out);
            figures = new Figures(warm.p50(), cold.p50(), step.gui().p50(), step.raw().p50(), step.pool().p50(), rates, solved,
                    soak.run(), soak.contextsAfter(), 0, seen.size());
        } finally {
            server.close();
            deleteTree(records);
        }
        long left = waitForExit(seen, Duration.ofSeconds(10));
        out.printf(Locale.ROOT, "%nChromium processes alive after the server closed: %d (of %d seen during the run)%n", left, seen.size());
        return new Figures(figures.warmResetP50(), figures.coldStartP50(), figures.stepP50(), figures.rawStepP50(),
                figures.poolStepP50(), figures.episodesPerSecond(), figures.solved(), figures.soakRun(),
                figures.contextsAfterSoak(), left, seen.size());
    }

    // ---- reset ----

    /** Reset then close, in a row; each timed alone (the pool's housekeeping may fall on either). */
    private static List<Row> warmResets(StepGymClient client, int count) {
        int warmUp = Math.min(5, count);
        LatencyStats resets = new LatencyStats();
        LatencyStats closes = new LatencyStats();
        for (int i = 0; i < warmUp + count; i++) {
            String task = TEMPLATES.get(1) + ":" + (100 + i);
            long start = System.nanoTime();
            ResetResult r = reset(client, task);
            long reset = System.nanoTime() - start;
            start = System.nanoTime();
            close(client, r);
            long closed = System.nanoTime() - start;
            if (i >= warmUp) {
                resets.add(reset);
                closes.add(closed);
            }
        }
        return List.of(row("reset, warm pool (HTTP reset of enter-text:N: fresh context + navigate + look)", resets),
                row("close of that episode (HTTP), right after its reset", closes));
    }

    // ---- step ----

    private record StepRows(Row gui, Row raw, Row pool, Row rawNoGeometry) {
        List<Row> rows() {
            return List.of(gui, pool, raw, rawNoGeometry);
        }
    }

    /** The text field a type step aims at: its ref and accessible name. */
    record Textbox(String ref, String name) {
    }

    /** The sides in rounds, interleaved, so a busy spell of the machine falls on all of them. */
    private static StepRows steps(StepGymClient client, BrowserPool pool, Raw raw, String origin, int steps) {
        String url = origin + taskPath(STEP_TASK);
        StepEpisode episode = new StepEpisode(client);
        Page rawPage = raw.page(url);
        Textbox rawBox = textbox(rawPage.ariaSnapshot(new Page.AriaSnapshotOptions().setMode(AriaSnapshotMode.AI)));
        LatencyStats gui = new LatencyStats();
        LatencyStats direct = new LatencyStats();
        LatencyStats bare = new LatencyStats();
        LatencyStats pooled = new LatencyStats();
        try (BrowserSession session = pool.open(origin)) {
            Textbox poolBox = session.call(page -> {
                page.navigate(url);
                return textbox(page.ariaSnapshot(new Page.AriaSnapshotOptions().setMode(AriaSnapshotMode.AI)));
            });
            int rounds = Math.min(10, steps);
            int perRound = Math.max(1, steps / rounds);
            for (int round = -1; round < rounds; round++) {
                int n = round < 0 ? Math.min(5, perRound) : perRound; // round -1 warms up
                boolean measured = round >= 0;
                for (int i = 0; i < n; i++) {
                    episode.step(measured ? gui : null);
                }
                timed(n, measured ? direct : null, () -> typeStep(rawPage, rawBox, STEP_TEXT, true));
                timed(n, measured ? pooled : null, () -> session.call(page -> typeStep(page, poolBox, STEP_TEXT, true)));
                timed(n, measured ? bare : null, () -> typeStep(rawPage, rawBox, STEP_TEXT, false));
            }
        } finally {
            episode.close();
        }
        return new StepRows(row("gui-v1 step type(ref, text) through HTTP (geometry + action + observation + check + rewards)", gui),
                row("raw twin: the same Playwright calls directly on a page (own browser, no routes)", direct),
                row("the same calls in a session of the server's pool (browser thread + routes, no protocol)", pooled),
                row("raw twin without the BTL-UI geometry calls (count, boundingBox, getByRole evaluateAll)", bare));
    }

    /**
     * The measured gui-v1 episode: gui-v1 truncates an episode after 20 steps, so a new one is reset (not
     * timed) every {@link #STEPS_PER_EPISODE} steps.
     */
    private static final class StepEpisode {
        private static final int STEPS_PER_EPISODE = 15;
        private final StepGymClient client;
        private ResetResult episode;
        private Action action;
        private int steps;

        StepEpisode(StepGymClient client) {
            this.client = client;
        }

        void step(LatencyStats stats) {
            if (episode == null || steps == STEPS_PER_EPISODE) {
                close();
                episode = client.resetAsync(new ResetParams(ENV, STEP_TASK, 7L, Map.of())).join();
                action = Action.text("type(" + textbox(episode.observation().text()).ref() + ", \"" + STEP_TEXT + "\")");
                steps = 0;
            }
            long start = System.nanoTime();
            StepResult r = client.stepAsync(episode.episodeId(), action).join();
            if (stats != null) {
                stats.add(System.nanoTime() - start);
            }
            steps++;
            if (r.observation().lastActionError() != null) {
                throw new IllegalStateException("the measured gui-v1 step was refused: " + r.observation().lastActionError());
            }
        }

        void close() {
            if (episode != null) {
                GuiBench.close(client, episode);
                episode = null;
            }
        }
    }

    /**
     * The Playwright calls of one gui-v1 type step on enter-text: ActionGeometry's measures before the action
     * (the acted element's box; the box of the reference's one type target), PageActions' type, GuiEnvironment's
     * URL checks and look().
     */
    static String typeStep(Page page, Textbox box, String text, boolean geometry) {
        Locator target = page.locator("aria-ref=" + box.ref());
        if (geometry) {
            if (target.count() > 0) {
                target.first().boundingBox(new Locator.BoundingBoxOptions().setTimeout(1_000));
            }
            page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName(box.name()).setExact(true)).evaluateAll(BOX_JS);
        }
        String before = page.url();
        if (target.count() == 0) {
            throw new IllegalStateException("no element " + box.ref() + " on " + before);
        }
        target.evaluate(EDITABLE_JS);
        target.fill(text, new Locator.FillOptions().setTimeout(3_000));
        page.url();
        page.waitForLoadState(LoadState.LOAD);
        page.url();
        page.ariaSnapshot(new Page.AriaSnapshotOptions().setMode(AriaSnapshotMode.AI));
        return String.valueOf(page.evaluate(STATE_JS));
    }

    private static List<Row> navigations(BrowserPool pool, Raw raw, String origin, int count) {
        String url = origin + taskPath(STEP_TASK);
        LatencyStats direct = new LatencyStats();
        LatencyStats routed = new LatencyStats();
        LatencyStats pooled = new LatencyStats();
        Page plain = raw.page(url);
        Page withRoute = raw.routedPage(url);
        try (BrowserSession session = pool.open(origin)) {
            session.call(page -> page.navigate(url));
            for (int round = -1; round < count; round++) {
                LatencyStats d = round < 0 ? null : direct;
                LatencyStats r = round < 0 ? null : routed;
                LatencyStats p = round < 0 ? null : pooled;
                timed(1, d, () -> plain.navigate(url));
                timed(1, r, () -> withRoute.navigate(url));
                timed(1, p, () -> session.call(page -> page.navigate(url)));
            }
        }
        return List.of(row("navigate to the task page: raw page, no routes", direct),
                row("navigate: raw page, context.route(all -> resume) as the pool's gate", routed),
                row("navigate: in a session of the server's pool", pooled));
    }

    // ---- memory ----

    private static void memoryPerOpenEpisode(StepGymClient client, int count, Set<Long> seen, PrintStream out) {
        Memory before = Memory.settled(seen);
        List<ResetResult> open = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                open.add(reset(client, TEMPLATES.get(i % TEMPLATES.size()) + ":" + (500 + i)));
            }
            Memory with = Memory.settled(seen);
            out.printf(Locale.ROOT, "%n| memory | heap after GC MB | Chromium processes | Chromium RSS MB | Chromium PSS MB |%n"
                    + "|---|---:|---:|---:|---:|%n");
            out.printf(Locale.ROOT, "| 0 episodes open | %.1f | %d | %.0f | %.0f |%n", mb(before.heap()), before.chromium().count(),
                    mb(before.chromium().rssBytes()), mb(before.chromium().pssBytes()));
            out.printf(Locale.ROOT, "| %d episodes open | %.1f | %d | %.0f | %.0f |%n", count, mb(with.heap()), with.chromium().count(),
                    mb(with.chromium().rssBytes()), mb(with.chromium().pssBytes()));
            out.printf(Locale.ROOT, "| per open episode | %.2f | %.2f | %.1f | %.1f |%n", mb(with.heap() - before.heap()) / count,
                    (with.chromium().count() - before.chromium().count()) / (double) count,
                    mb(with.chromium().rssBytes() - before.chromium().rssBytes()) / count,
                    mb(with.chromium().pssBytes() - before.chromium().pssBytes()) / count);
            out.println("  (RSS counts pages shared between Chromium processes once per process; PSS shares them out)");
        } finally {
            open.forEach(r -> close(client, r));
        }
    }

    private record Memory(long heap, ChromiumProcesses chromium) {
        /** After the browsers' deferred closes and a full GC. */
        static Memory settled(Set<Long> seen) {
            sleep(1_000);
            System.gc();
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            ChromiumProcesses chromium = ChromiumProcesses.ofThisJvm();
            seen.addAll(chromium.pids());
            return new Memory(heap, chromium);
        }
    }

    private record Soak(long run, int contextsAfter) {
    }

    private static Soak soak(StepGymClient client, BrowserPool pool, Settings settings, Set<Long> seen, PrintStream out) {
        int concurrency = Math.min(4, settings.concurrencies().stream().max(Integer::compare).orElse(1));
        out.printf(Locale.ROOT, "%n%d oracle episodes in a row (%d at once), sampled every %d:%n", settings.soakEpisodes(),
                concurrency, settings.soakInterval());
        out.printf(Locale.ROOT, "| episodes done | solved | seconds | heap after GC MB | Chromium processes | Chromium RSS MB |"
                + " Chromium PSS MB | contexts open |%n|---:|---:|---:|---:|---:|---:|---:|---:|%n");
        Memory first = Memory.settled(seen);
        printSample(out, 0, 0, 0, first, pool.liveContexts());
        long start = System.nanoTime();
        long done = 0;
        long solved = 0;
        Memory last = first;
        int contexts = 0;
        while (done < settings.soakEpisodes()) {
            int n = (int) Math.min(settings.soakInterval(), settings.soakEpisodes() - done);
            List<EpisodeReport> reports = new RolloutRunner(client, new RolloutOptions(concurrency, 15))
                    .run(specs((int) (10_000 + done), n), new OracleGuiAgent());
            done += n;
            solved += reports.stream().filter(r -> Boolean.TRUE.equals(r.outcome().get("success"))).count();
            last = Memory.settled(seen);
            contexts = pool.liveContexts();
            printSample(out, done, solved, seconds(start), last, contexts);
            if (seconds(start) > settings.soakLimit().toSeconds() && done < settings.soakEpisodes()) {
                out.printf(Locale.ROOT, "stopped after %d of %d episodes: past the %d s limit (--soak-seconds)%n", done,
                        settings.soakEpisodes(), settings.soakLimit().toSeconds());
                break;
            }
        }
        out.printf(Locale.ROOT, "over %d episodes (%.1f episodes/s): heap %+.1f MB, Chromium RSS %+.0f MB, PSS %+.0f MB,"
                        + " processes %d -> %d, contexts open at the end %d%n", done, done / seconds(start), mb(last.heap() - first.heap()),
                mb(last.chromium().rssBytes() - first.chromium().rssBytes()), mb(last.chromium().pssBytes() - first.chromium().pssBytes()),
                first.chromium().count(), last.chromium().count(), contexts);
        return new Soak(done, contexts);
    }

    private static void printSample(PrintStream out, long done, long solved, double s, Memory m, int contexts) {
        out.printf(Locale.ROOT, "| %d | %d | %.0f | %.1f | %d | %.0f | %.0f | %d |%n", done, solved, s, mb(m.heap()), m.chromium().count(),
                mb(m.chromium().rssBytes()), mb(m.chromium().pssBytes()), contexts);
    }

    // ---- raw Playwright ----

    /** A Playwright of the bench's own, on the bench's thread, launching the same Chromium as the pool. */
    private static final class Raw implements AutoCloseable {
        private final Path home;
        private final Playwright playwright;
        private final BrowserType.LaunchOptions launch;
        private Browser browser;

        Raw() throws IOException {
            BrowserPoolConfig pool = BrowserPoolConfig.defaults();
            home = Files.createTempDirectory("stepgym-bench-raw");
            Map<String, String> env = new HashMap<>();
            env.put("PLAYWRIGHT_NODEJS_PATH", pool.node().toString());
            env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            env.put("HOME", home.toString());
            playwright = Playwright.create(new Playwright.CreateOptions().setEnv(env));
            Map<String, String> browserEnv = new HashMap<>(System.getenv());
            browserEnv.put("HOME", home.toString());
            launch = new BrowserType.LaunchOptions().setExecutablePath(pool.chromium()).setHeadless(true).setEnv(browserEnv)
                    .setArgs(List.of("--disable-gpu", "--no-first-run", "--disable-background-networking"));
        }

        Row coldStarts(String url, int count, Set<Long> seen) {
            LatencyStats stats = new LatencyStats();
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                Browser b = playwright.chromium().launch(launch);
                try {
                    BrowserContext context = b.newContext();
                    Page page = context.newPage();
                    page.navigate(url);
                    stats.add(System.nanoTime() - start);
                    seen.addAll(ChromiumProcesses.ofThisJvm().pids());
                } finally {
                    b.close();
                }
            }
            return row("raw cold start: launch Chromium + newContext + newPage + navigate (Playwright already up)", stats);
        }

        Page page(String url) {
            Page page = browser().newContext().newPage();
            page.navigate(url);
            return page;
        }

        Page routedPage(String url) {
            BrowserContext context = browser().newContext();
            context.route(u -> true, route -> route.resume());
            Page page = context.newPage();
            page.navigate(url);
            return page;
        }

        private Browser browser() {
            if (browser == null) {
                browser = playwright.chromium().launch(launch);
            }
            return browser;
        }

        @Override
        public void close() {
            playwright.close();
            deleteTree(home);
        }
    }

    // ---- helpers ----

    private static List<EpisodeSpec> specs(int offset, int count) {
        List<EpisodeSpec> specs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long seed = 2_000 + offset + i;
            specs.add(new EpisodeSpec(ENV, TEMPLATES.get((offset + i) % TEMPLATES.size()) + ":" + seed, seed, Map.of()));
        }
        return specs;
    }

    private static ResetResult reset(StepGymClient client, String task) {
        long seed = Long.parseLong(task.substring(task.indexOf(':') + 1));
        return client.resetAsync(new ResetParams(ENV, task, seed, Map.of())).join();
    }

    private static void close(StepGymClient client, ResetResult r) {
        client.closeAsync(r.episodeId()).join();
    }

    private static String taskPath(String task) {
        int colon = task.indexOf(':');
        return "/web/" + ENV + "/" + task.substring(0, colon) + "?seed=" + task.substring(colon + 1);
    }

    static Textbox textbox(String tree) {
        Matcher m = TEXTBOX_REF.matcher(tree);
        if (!m.find()) {
            throw new IllegalStateException("no named textbox with a ref in the page tree:\n" + tree);
        }
        return new Textbox(m.group(2), m.group(1));
    }

    private static void timed(int times, LatencyStats stats, Runnable work) {
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            work.run();
            if (stats != null) {
                stats.add(System.nanoTime() - start);
            }
        }
    }

    private static long waitForExit(Set<Long> pids, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        long alive = ChromiumProcesses.stillAlive(pids);
        while (alive > 0 && System.nanoTime() < deadline) {
            sleep(200);
            alive = ChromiumProcesses.stillAlive(pids);
        }
        return alive;
    }

    private static Row row(String what, LatencyStats stats) {
        return new Row(what, stats.count(), stats.percentileMillis(50), stats.percentileMillis(99));
    }

    private static void printRows(List<Row> rows, PrintStream out) {
        out.printf(Locale.ROOT, "%n| measured | samples | p50 ms | p99 ms |%n|---|---:|---:|---:|%n");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f |%n", r.what(), r.samples(), r.p50(), r.p99());
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // A file a browser still writes as it exits; the temporary folder is the OS's to clean.
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // Same.
        }
    }
}
