package dev.stepgym.envs.gui;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaSnapshotMode;
import com.microsoft.playwright.options.LoadState;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Start;
import dev.stepgym.protocol.env.Transition;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.rewards.generic.InvalidActionSignal;
import dev.stepgym.rewards.gui.GuiEvidence;
import dev.stepgym.sandbox.browser.BrowserException;
import dev.stepgym.sandbox.browser.BrowserSession;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One gui-v1 episode: one {@link BrowserSession} of the factory's pool, on the task's page. Every step
 * runs the action and the next look at the page in one call on the browser's thread, then the task's
 * check() (its validate()) gives the subgoals for the evidence. Actions that reached the page are kept,
 * so a fork (or a page that hung or crashed) is rebuilt by replaying them in a fresh context: the same
 * seed and actions give the same pages, refs and state hashes.
 */
final class GuiEnvironment implements Environment {
    static final String SOURCE = GuiEvidence.SOURCE;
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
    private final GuiEnvironmentFactory factory;
    private BrowserSession session;
    private GuiTask task;
    private boolean screenshots;
    /** Every action that reached the page, in order: replaying them rebuilds the page. */
    private final List<GuiAction> applied = new ArrayList<>();
    /** In-task navigations the agent made that back() may undo. */
    private int depth;
    private PageView view;
    private boolean ended;

    GuiEnvironment(GuiEnvironmentFactory factory) {
        this.factory = factory;
    }

    @Override
    public Start reset(ResetRequest request) {
        task = request.task() != null ? factory.templates().task(request.task(), request.seed())
                : factory.templates().pick(request.seed());
        screenshots = Boolean.parseBoolean(request.option("screenshot", "false"));
        applied.clear();
        depth = 0;
        ended = false;
        view = rebuild();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("task", task.id());
        info.put("template", task.template());
        info.put("instruction", task.instruction());
        info.put("subgoals_total", view.subgoals().size());
        if (request.privileged()) {
            info.put("reference", task.referenceJson());
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("task", task.id());
        context.put(GuiEvidence.REFERENCE, task.referenceJson());
        context.put(GuiEvidence.SUBGOALS_DONE_AT_RESET, view.subgoalsDone());
        return new Start(observation(null), info, context);
    }

    /** A fresh context on the task's first page, then every applied action again. */
    private PageView rebuild() {
        if (session == null) {
            session = factory.openSession();
        } else {
            session.reset();
        }
        String url = factory.origin() + task.path();
        PageView v = session.call(page -> {
            page.navigate(url);
            return look(page);
        });
        int replayDepth = 0;
        for (GuiAction a : applied) {
            Run run = runOnPage(a, replayDepth, false);
            replayDepth = run.depth;
            v = run.view;
        }
        depth = replayDepth;
        return v;
    }

    @Override
    public Transition step(Action action) {
        if (task == null) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "reset the gui-v1 episode before stepping it");
        }
        if (ended) {
            return transition(null, "the episode has ended; reset to start another", true);
        }
        GuiAction.Parsed parsed = GuiAction.parse(action);
        if (parsed.error() != null) {
            return transition(null, parsed.error(), true);
        }
        GuiAction a = parsed.action();
        if (a.ref() != null && !view.hasRef(a.ref())) {
            return transition(a, "there is no element [ref=" + a.ref() + "] on the page; use a ref from the page tree", true);
        }
        if (a.verb().equals(GuiAction.BACK) && depth == 0) {
            return transition(a, "back() would leave the task: this is its first page", true);
        }
        Run run;
        try {
            run = runOnPage(a, depth, true);
        } catch (BrowserException e) {
            if (!e.kind().sessionLost()) {
                throw e;
            }
            // The page hung or crashed (or its browser died): rebuild it without this action.
            view = rebuild();
            return transition(a, e.getMessage().replace("reset the session", "the task page was reloaded and the earlier actions replayed"), true);
        } catch (PageStopped e) {
            view = rebuild();
            return transition(a, e.getMessage(), true);
        }
        applied.add(a);
        depth = run.depth;
        view = run.view;
        return transition(a, run.error, run.error != null, run.geometry);
    }

    /**
     * An action's result: the page after it, the back() depth, why it was refused (null when it was
     * fine), and where it landed against the reference's targets (measured on live steps only).
     */
    private record Run(PageView view, int depth, String error, ActionGeometry geometry) {
    }

    /**
     * The page stopped answering Playwright after an action (a script that never returns keeps the
     * renderer busy: Playwright's own timeout fires before the pool's): the page is rebuilt as after a crash.
     */
    private static final class PageStopped extends RuntimeException {
        PageStopped(String why) {
            super(why, null, false, false);
        }
    }

    /** Runs one action and looks at the page, in one call on the browser's thread. */
    private Run runOnPage(GuiAction a, int depthBefore, boolean measure) {
        String origin = factory.origin();
        AtomicBoolean acted = new AtomicBoolean();
        try {
            return session.call(page -> {
                ActionGeometry geometry = measure ? ActionGeometry.measure(page, a, task.reference()) : ActionGeometry.NONE;
                String before = page.url();
                String error = PageActions.act(page, a);
                acted.set(true);
                int d = depthBefore;
                String after = page.url();
                if (!after.startsWith(origin) || !task.within(after.substring(origin.length()))) {
                    error = "navigation away from the task is not allowed (" + GuiAction.abbreviate(after) + "); went back to the task page";
                    page.goBack();
                    String back = page.url();
                    if (!back.startsWith(origin) || !task.within(back.substring(origin.length()))) {
                        page.navigate(before);
                    }
                } else if (a.verb().equals(GuiAction.BACK)) {
                    d--;
                } else if (!after.equals(before)) {
                    d++;
                }
                return new Run(look(page), d, error, geometry);
            });
        } catch (BrowserException e) {
            if (e.kind() != BrowserException.Kind.ACTION_FAILED) {
                throw e;
            }
            String stopped = "the page stopped answering after " + a.verb() + " (" + e.getMessage()
                    + "); the task page was reloaded and the earlier actions replayed";
            if (acted.get()) {
                // The action went through and the look after it failed: the page no longer answers.
                throw new PageStopped(stopped);
            }
            // A Playwright error of the action (an element that is covered, disabled or gone): the page goes on.
            PageView v;
            try {
                v = session.call(this::look);
            } catch (BrowserException again) {
                if (again.kind() != BrowserException.Kind.ACTION_FAILED && !again.kind().sessionLost()) {
                    throw again;
                }
                throw new PageStopped(stopped);
            }
            return new Run(v, depthBefore, a.verb() + " failed: " + e.getMessage(), ActionGeometry.NONE);
        }
    }

    /** On the browser thread: one look at the page. */
    private PageView look(Page page) {
        page.waitForLoadState(LoadState.LOAD);
        String url = page.url();
        String origin = factory.origin();
        String path = url.startsWith(origin) ? url.substring(origin.length()) : url;
        String tree = page.ariaSnapshot(new Page.AriaSnapshotOptions().setMode(AriaSnapshotMode.AI));
        @SuppressWarnings("unchecked")
        Map<String, Object> state = Json.read(String.valueOf(page.evaluate(STATE_JS)), Map.class);
        String focused = (String) state.get("focused");
        List<Boolean> subgoals = new ArrayList<>();
        boolean failed = false;
        Map<String, Object> pageState = Map.of();
        if (state.get("check") instanceof Map<?, ?> check) {
            if (check.get("subgoals") instanceof List<?> goals) {
                goals.forEach(g -> subgoals.add(Boolean.TRUE.equals(g)));
            }
            failed = Boolean.TRUE.equals(check.get("failed"));
            if (check.get("state") instanceof Map<?, ?> s) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) s;
                pageState = typed;
            }
        }
        String screenshot = screenshots ? Base64.getEncoder().encodeToString(page.screenshot()) : null;
        return new PageView(path, tree, focused, subgoals, failed, pageState, screenshot);
    }

    private Transition transition(GuiAction a, String error, boolean invalid) {
        return transition(a, error, invalid, ActionGeometry.NONE);
    }

    private Transition transition(GuiAction a, String error, boolean invalid, ActionGeometry geometry) {
        boolean done = view.success() || view.failed();
        ended |= done;
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put(InvalidActionSignal.FIELD, invalid);
        evidence.put(GuiEvidence.ACTION, a == null ? null : a.toJson());
        evidence.put(GuiEvidence.ACTION_POINT, geometry.point());
        evidence.put(GuiEvidence.REFERENCE_BOXES, geometry.referenceBoxes());
        if (geometry.dropPoint() != null || !geometry.dropBoxes().isEmpty()) {
            evidence.put(GuiEvidence.DROP_POINT, geometry.dropPoint());
            evidence.put(GuiEvidence.REFERENCE_DROP_BOXES, geometry.dropBoxes());
        }
        evidence.put("url", view.url());
        evidence.put(GuiEvidence.SUBGOALS_DONE, view.subgoalsDone());
        evidence.put(GuiEvidence.SUBGOALS_TOTAL, view.subgoals().size());
        evidence.put(GuiEvidence.SUCCESS, view.success());
        evidence.put(GuiEvidence.FAILED, view.failed());
        return Transition.observed(observation(error), evidence, done, false, Map.of());
    }

    private Observation observation(String error) {
        StringBuilder text = new StringBuilder();
        text.append("Task: ").append(task.instruction()).append('\n');
        text.append("URL: ").append(view.url()).append('\n');
        text.append("Focused: ").append(view.focused() == null ? "none" : view.focused()).append('\n');
        if (error != null) {
            text.append("Last action error: ").append(error).append('\n');
        }
        text.append("Page:\n").append(view.tree());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("url", view.url());
        data.put("focused", view.focused());
        data.put("snapshot", view.tree());
        if (view.screenshot() != null) {
            data.put("screenshot_png", view.screenshot());
        }
        return new Observation(text.toString(), view.availableActions(), data, error);
    }

    @Override
    public Environment fork() {
        if (task == null) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "reset the gui-v1 episode before forking it");
        }
        GuiEnvironment copy = new GuiEnvironment(factory);
        copy.task = task;
        copy.screenshots = screenshots;
        copy.applied.addAll(applied);
        copy.ended = ended;
        try {
            copy.view = copy.rebuild();
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        }
        return copy;
    }

    @Override
    public Object state() {
        if (task == null) {
            return Map.of("task", "", "page", "unset");
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("task", task.id());
        s.put("view", view.toState());
        s.put("back_depth", depth);
        s.put("ended", ended);
        return s;
    }

    @Override
    public Map<String, Object> outcome() {
        if (task == null || view == null) {
            return Map.of();
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("success", view.success());
        o.put("score", view.success() ? 1.0 : 0.0);
        o.put("subgoals_done", view.subgoalsDone());
        o.put("subgoals_total", view.subgoals().size());
        return o;
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }
}
