package dev.stepgym.envs.code;

import dev.stepgym.envs.code.edit.EditPreview;
import dev.stepgym.envs.code.edit.Resolution;
import dev.stepgym.envs.code.edit.Selector;
import dev.stepgym.envs.code.edit.SelectorException;
import dev.stepgym.envs.code.edit.SelectorResolver;
import dev.stepgym.envs.code.edit.SelectorSpec;
import dev.stepgym.envs.code.edit.TextEdit;
import dev.stepgym.envs.code.grading.SweBenchGrading;
import dev.stepgym.envs.code.task.CodeTask;
import dev.stepgym.envs.code.task.FilePatch;
import dev.stepgym.envs.code.task.UnifiedDiff;
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
import dev.stepgym.rewards.lanser.LanserTerms;
import dev.stepgym.rewards.testrun.HiddenTestsSignal;
import dev.stepgym.rewards.testrun.TestPassDeltaSignal;
import dev.stepgym.sandbox.SandboxException;
import dev.stepgym.sandbox.git.FileEdit;
import dev.stepgym.sandbox.lsp.Diag;
import dev.stepgym.sandbox.lsp.LanguageServerException;
import dev.stepgym.sandbox.lsp.LanguageServerSession;
import dev.stepgym.sandbox.lsp.SourceLocation;
import dev.stepgym.sandbox.lsp.SourceRange;
import dev.stepgym.sandbox.lsp.SymbolEntry;
import dev.stepgym.sandbox.lsp.TextEdits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One {@code code-v1} episode: a task's repository in a Git workspace, pyright behind it, the
 * sandbox for tests. Each step reports evidence, and the reward layer's signals score it
 * (docs/code.md): every change attempt is a prospective mutation in Lanser's sense, reported with
 * {@code D} before and after (pyright errors in the task's target files), {@code safe} (jail,
 * transaction, rename accepted by the server; a refused change is unsafe and changes nothing) and
 * the selector's confidence {@code α_t}; a test run reports the visible tests' results; submit
 * also runs the hidden tests, which decide the outcome. Reading and navigating report only the tool.
 *
 * <pre>{@code
 * env.reset(new ResetRequest(0, "inventory-fix-type-error-1", Map.of(), false));
 * env.step(Action.tool("diagnostics", Map.of()));
 * env.step(Action.tool("edit", Map.of("selector", "py://inventory/stock.py#total", "replacement", "...")));
 * env.step(Action.tool("submit", Map.of()));
 * }</pre>
 */
public final class CodeEnvironment implements Environment {
    /** Evidence: the tool of the step, when the action parsed. */
    static final String TOOL = "tool";
    /** Evidence: the files a change wrote (empty for a refused one). */
    static final String FILES = "files";
    /** Context: the task, its target files and the diagnostics at reset. */
    static final String TASK = "task";
    static final String TARGET_FILES = "target_files";
    static final String DIAGNOSTICS = "diagnostics";
    /** Evidence of a test run, an object: ran, passed, failed, pass_rate, timed_out, exit_code. */
    static final String HIDDEN_TESTS = "hidden_tests";
    /** Lines a read shows at most; longer files are read in ranges. */
    static final int MAX_READ_LINES = 400;
    /** Locations and symbols listed at most in one observation. */
    static final int MAX_LISTED = 50;

    /** Tools that change code: their refusals are unsafe prospective mutations (S_t = 0). */
    static final java.util.Set<String> MUTATING = java.util.Set.of(CodeTools.EDIT, CodeTools.WRITE_FILE, CodeTools.APPLY_PATCH,
            CodeTools.RENAME);

    private final CodeStore store;
    private CodeSlot slot;
    /** α_t of the change being attempted in this step. */
    private double attemptConfidence;
    /** The tool of the step being carried out, for its evidence. */
    private String stepTool;
    private CodeTask task;
    /** Files changed from the base, path → new content (null = deleted): what fork replays. */
    private final TreeMap<String, String> changed = new TreeMap<>();
    private int errors;
    private double passRate;
    private boolean submitted;
    private double score;

    CodeEnvironment(CodeStore store) {
        this.store = store;
    }

    @Override
    public Start reset(ResetRequest request) {
        releaseSlot();
        task = pickTask(request);
        slot = store.lease(task);
        changed.clear();
        submitted = false;
        score = 0;
        passRate = store.baseline(task, slot.workspace()).passRate();
        for (String target : task.targetFiles()) {
            session().open(target, readFile(target));
        }
        errors = targetErrors();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("task", task.id());
        info.put("category", task.category());
        info.put("instruction", task.instruction());
        info.put("target_files", task.targetFiles());
        info.put("diagnostics", errors);
        info.put("visible_pass_rate", passRate);
        if (request.privileged() && task.referencePatch() != null) {
            info.put("reference_patch", task.referencePatch());
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put(TASK, task.id());
        context.put(TARGET_FILES, task.targetFiles());
        context.put(DIAGNOSTICS, errors);
        context.put(TestPassDeltaSignal.BASELINE_PASS_RATE, passRate);
        return new Start(render(overview(), null), info, context);
    }

    private CodeTask pickTask(ResetRequest request) {
        if (request.task() != null) {
            return store.task(request.task()).orElseThrow(() -> new StepGymException(ErrorCode.BAD_REQUEST,
                    "unknown code task '" + CodeAction.abbreviate(request.task()) + "'"));
        }
        List<CodeTask> all = store.tasks();
        return all.get((int) Math.floorMod(request.seed(), (long) all.size()));
    }

    @Override
    public Transition step(Action action) {
        if (slot == null) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "reset the code episode before stepping it");
        }
        stepTool = null;
        if (submitted) {
            return rejected("the episode has ended with a submit; reset to start another");
        }
        CodeAction.Parsed parsed = CodeAction.parse(action);
        if (parsed.error() != null) {
            return rejected(parsed.error());
        }
        CodeAction a = parsed.action();
        stepTool = a.tool();
        // A selector resolution sets this; write_file, apply_patch and rename name their targets exactly.
        attemptConfidence = a.tool().equals(CodeTools.EDIT) ? 0.0 : 1.0;
        try {
            return switch (a.tool()) {
                case CodeTools.READ_FILE -> read(a);
                case CodeTools.LIST_FILES -> looked(overview());
                case CodeTools.DIAGNOSTICS -> looked(diagnostics(a.string("path")));
                case CodeTools.DEFINITION -> looked(locations("definition", session().definition(a.string("path"), line(a), column(a))));
                case CodeTools.REFERENCES -> looked(locations("references",
                        session().references(a.string("path"), line(a), column(a), true)));
                case CodeTools.HOVER -> looked(session().hover(a.string("path"), line(a), column(a)).orElse("(nothing at that position)"));
                case CodeTools.DOCUMENT_SYMBOLS -> looked(symbols(session().documentSymbols(requireFile(a.string("path")))));
                case CodeTools.WORKSPACE_SYMBOLS -> looked(symbols(session().workspaceSymbols(a.string("query"))));
                case CodeTools.EDIT -> edit(a);
                case CodeTools.WRITE_FILE -> change(Map.of(path(a.string("path")), a.string("content")), 1.0,
                        "wrote " + path(a.string("path")));
                case CodeTools.APPLY_PATCH -> patch(a.string("patch"));
                case CodeTools.RENAME -> rename(a);
                case CodeTools.RUN_TESTS -> runTests();
                default -> submit();
            };
        } catch (CodeAction.BadArgument | SandboxException | LanguageServerException | IllegalArgumentException e) {
            return refused(a, e.getMessage());
        } catch (SelectorException e) {
            return refused(a, e.kind() + ": " + e.getMessage());
        }
    }

    /**
     * A refused action. A refused change is still a prospective mutation in Lanser's sense: its
     * evidence says unsafe ({@code S_t = 0}), no diagnostic change and the selector's confidence
     * (0 when the selector resolved nothing).
     */
    private Transition refused(CodeAction a, String error) {
        Map<String, Object> evidence = evidence(true);
        if (MUTATING.contains(a.tool())) {
            mutation(evidence, List.of(), errors, errors, false, attemptConfidence);
        }
        return Transition.observed(render("Not done: " + error + "\n", error), evidence, false, false, Map.of());
    }

    /** A step's evidence so far: the tool (when the action parsed) and the invalid-action flag. */
    private Map<String, Object> evidence(boolean invalid) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        if (stepTool != null) {
            evidence.put(TOOL, stepTool);
        }
        evidence.put(InvalidActionSignal.FIELD, invalid);
        evidence.put(LanserTerms.MUTATION, false);
        return evidence;
    }

    /** A prospective mutation's evidence, what Lanser's terms read. */
    private static void mutation(Map<String, Object> evidence, List<String> files, int before, int after, boolean safe,
                                 double confidence) {
        evidence.put(LanserTerms.MUTATION, true);
        evidence.put(FILES, files);
        evidence.put(LanserTerms.DIAGNOSTICS_BEFORE, before);
        evidence.put(LanserTerms.DIAGNOSTICS_AFTER, after);
        evidence.put(LanserTerms.SAFE, safe);
        evidence.put(LanserTerms.CONFIDENCE, confidence);
    }

    // ---- looking around: observation only ----

    private Transition read(CodeAction a) {
        String path = requireFile(a.string("path"));
        List<String> lines = readFile(path).lines().toList();
        int start = Math.max(1, a.integer("start_line", 1));
        int end = Math.min(lines.size(), a.integer("end_line", Math.min(lines.size(), start + MAX_READ_LINES - 1)));
        if (end - start + 1 > MAX_READ_LINES) {
            end = start + MAX_READ_LINES - 1;
        }
        StringBuilder text = new StringBuilder(path).append(" (").append(lines.size()).append(" lines)\n");
        for (int i = start; i <= end && i <= lines.size(); i++) {
            text.append(String.format(java.util.Locale.ROOT, "%4d  %s%n", i, lines.get(i - 1)));
        }
        if (end < lines.size()) {
            text.append("… lines ").append(end + 1).append("–").append(lines.size())
                    .append(" not shown; read_file with start_line\n");
        }
        return looked(text.toString());
    }

    private String overview() {
        StringBuilder text = new StringBuilder("Task ").append(task.id()).append(": ").append(task.instruction()).append('\n');
        text.append("Files:\n");
        for (String file : files()) {
            text.append("  ").append(file).append('\n');
        }
        text.append("Target files: ").append(String.join(", ", task.targetFiles())).append('\n');
        text.append(diagnostics(null));
        return text.toString();
    }

    private String diagnostics(String path) {
        List<String> paths = path == null ? task.targetFiles() : List.of(requireFile(path));
        StringBuilder text = new StringBuilder();
        int count = 0;
        for (String p : paths) {
            for (Diag d : diagnosticsOf(p)) {
                text.append("  ").append(p).append(':').append(d.line() + 1).append(':').append(d.col() + 1).append(' ')
                        .append(d.severity().label()).append(d.rule() == null ? "" : " " + d.rule()).append(": ")
                        .append(d.message().lines().findFirst().orElse("")).append('\n');
                count++;
            }
        }
        return "Diagnostics (" + count + ") of " + String.join(", ", paths) + ":\n" + text;
    }

    private List<Diag> diagnosticsOf(String path) {
        if (!session().openDocuments().contains(path)) {
            session().open(path, readFile(path));
        }
        return session().diagnostics(path);
    }

    private String locations(String what, List<SourceLocation> locations) {
        StringBuilder text = new StringBuilder(what).append(" (").append(locations.size()).append("):\n");
        locations.stream().limit(MAX_LISTED).forEach(l -> text.append("  ").append(l.inWorkspace() ? l.path() : "(outside) " + l.path())
                .append(':').append(l.range().line() + 1).append(':').append(l.range().col() + 1).append('\n'));
        return text.toString();
    }

    private String symbols(List<SymbolEntry> symbols) {
        StringBuilder text = new StringBuilder("symbols (").append(symbols.size()).append("):\n");
        symbols.stream().limit(MAX_LISTED).forEach(s -> text.append("  ").append(s.kind()).append(' ').append(s.qualifiedName())
                .append("  ").append(s.path()).append(':').append(s.range().line() + 1).append('-').append(s.range().endLine() + 1).append('\n'));
        return text.toString();
    }

    private Transition looked(String text) {
        return Transition.observed(render(text, null), evidence(false), false, false, Map.of());
    }

    // ---- changing code: Lanser's prospective mutations ----

    private Transition edit(CodeAction a) throws SelectorException {
        Object raw = a.arguments().get("selector");
        Selector selector = raw instanceof String s ? Selector.parse(s) : SelectorSpec.from(raw);
        String path = path(selector.path());
        String before = readFile(requireFile(path));
        Resolution resolution = SelectorResolver.resolve(selector, before, file -> PyrightSymbols.of(session(), file));
        attemptConfidence = resolution.confidence();
        String after = TextEdit.apply(before, resolution.range(), a.string("replacement"));
        return change(Map.of(path, after), resolution.confidence(), "edited " + selector.canonical());
    }

    private Transition patch(String patch) {
        List<FilePatch> files = UnifiedDiff.parse(patch);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("the patch has no file section (expected a unified diff with ---/+++ headers and @@ hunks)");
        }
        Map<String, String> contents = new TreeMap<>();
        for (FilePatch file : files) {
            String path = path(file.path());
            String original = exists(path) ? readFile(path) : null;
            contents.put(path, file.change() == FilePatch.Change.DELETE ? null : UnifiedDiff.apply(original, file));
        }
        return change(contents, 1.0, "applied a patch to " + contents.keySet());
    }

    private Transition rename(CodeAction a) {
        String path = requireFile(a.string("path"));
        int line = line(a);
        int column = column(a);
        if (session().prepareRename(path, line, column).isEmpty()) {
            return refused(a, "the language server cannot rename at " + path + ":" + (line + 1) + ":" + (column + 1));
        }
        TextEdits edits = session().rename(path, line, column, a.string("new_name"));
        Map<String, String> contents = new TreeMap<>();
        for (Map.Entry<String, List<TextEdits.Edit>> e : edits.byPath().entrySet()) {
            String file = path(e.getKey());
            contents.put(file, applyEdits(readFile(file), e.getValue()));
        }
        if (!a.flag("apply")) {
            StringBuilder preview = new StringBuilder("rename preview (").append(edits.editCount())
                    .append(" edits; send apply: true to write it):\n");
            contents.forEach((file, text) -> preview.append(EditPreview.of(file, readFile(file), text).diff()));
            return looked(preview.toString());
        }
        return change(contents, 1.0, "renamed to " + a.string("new_name") + " in " + contents.keySet());
    }

    private static String applyEdits(String text, List<TextEdits.Edit> edits) {
        List<TextEdits.Edit> ordered = new ArrayList<>(edits);
        // From the end backwards, so earlier offsets stay valid.
        ordered.sort((x, y) -> y.range().compareTo(x.range()));
        String result = text;
        for (TextEdits.Edit edit : ordered) {
            SourceRange r = edit.range();
            try {
                result = TextEdit.apply(result, new dev.stepgym.envs.code.edit.TextRange(r.line(), r.col(), r.endLine(), r.endCol()),
                        edit.newText());
            } catch (SelectorException e) {
                throw new IllegalArgumentException("the server's rename edit does not fit the file: " + e.getMessage());
            }
        }
        return result;
    }

    /**
     * Writes a change as one transaction (all files or none), resyncs the language server and
     * reports D before and after. A change refused by the sandbox never gets here: it is an invalid action.
     */
    private Transition change(Map<String, String> contents, double confidence, String what) {
        List<FileEdit> edits = new ArrayList<>();
        StringBuilder previews = new StringBuilder();
        for (Map.Entry<String, String> e : contents.entrySet()) {
            String before = exists(e.getKey()) ? readFile(e.getKey()) : "";
            edits.add(e.getValue() == null ? FileEdit.delete(e.getKey()) : FileEdit.write(e.getKey(), e.getValue()));
            previews.append(EditPreview.of(e.getKey(), before, e.getValue() == null ? "" : e.getValue()).diff());
        }
        slot.workspace().apply(edits);
        for (Map.Entry<String, String> e : contents.entrySet()) {
            changed.put(e.getKey(), e.getValue());
            syncDocument(e.getKey(), e.getValue());
        }
        int before = errors;
        errors = targetErrors();
        Map<String, Object> evidence = evidence(false);
        mutation(evidence, List.copyOf(contents.keySet()), before, errors, true, confidence);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("diagnostics", errors);
        info.put("confidence", confidence);
        info.put("files", List.copyOf(contents.keySet()));
        String text = what + "\n" + previews + diagnostics(null);
        return Transition.observed(render(text, null), evidence, false, false, info);
    }

    private void syncDocument(String path, String content) {
        LanguageServerSession s = session();
        if (content == null) {
            if (s.openDocuments().contains(path)) {
                s.close(path);
            }
        } else if (s.openDocuments().contains(path)) {
            s.change(path, content);
        } else if (task.targetFiles().contains(path)) {
            s.open(path, content);
        } else {
            s.filesChangedOnDisk(List.of(path));
        }
    }

    private int targetErrors() {
        int count = 0;
        for (String target : task.targetFiles()) {
            if (exists(target)) {
                count += (int) diagnosticsOf(target).stream().filter(d -> d.severity() == Diag.Severity.ERROR).count();
            }
        }
        return count;
    }

    // ---- tests ----

    private Transition runTests() {
        TestRun run = store.runTests(task, slot.workspace(), task.visibleTests());
        double rate = run.report().passRate();
        passRate = rate;
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("tests_ran", run.report().ran());
        info.put("tests_failed", run.report().failed());
        info.put("timed_out", run.report().timedOut());
        info.put("visible_pass_rate", rate);
        String text = testSummary("visible tests", run) + run.tail();
        Map<String, Object> evidence = evidence(false);
        evidence.put(TestPassDeltaSignal.VISIBLE_TESTS, run.report().evidence());
        return Transition.observed(render(text, null), evidence, false, false, info);
    }

    private Transition submit() {
        TestRun visible = store.runTests(task, slot.workspace(), task.visibleTests());
        TestRun hidden = null;
        if (!task.hiddenTests().isEmpty()) {
            hidden = store.runHiddenTests(task, slot.workspace());
        }
        submitted = true;
        double hiddenRate = hidden == null ? visible.report().passRate() : hidden.report().passRate();
        boolean solved = visible.report().allPassed() && (hidden == null || hidden.report().allPassed());
        SweBenchGrading.Verdict verdict = null;
        if (task.grading() != null && hidden != null) {
            // SWE-bench: the listed tests decide, not the command's exit status nor the visible run.
            verdict = task.grading().grade(hidden.report().cases());
            solved = verdict.resolved();
            hiddenRate = verdict.passRate();
        }
        score = solved ? 1.0 : hiddenRate;
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("solved", solved);
        info.put("score", score);
        info.put("visible_pass_rate", visible.report().passRate());
        info.put("hidden_pass_rate", hiddenRate);
        info.put("diagnostics", errors);
        String text = testSummary("visible tests", visible) + (hidden == null ? "" : testSummary("hidden tests", hidden))
                + (verdict == null ? "" : gradingSummary(verdict))
                + (solved ? "Solved.\n" : "Not solved.\n");
        Map<String, Object> evidence = evidence(false);
        evidence.put(TestPassDeltaSignal.VISIBLE_TESTS, visible.report().evidence());
        if (hidden != null) {
            Map<String, Object> hiddenEvidence = new LinkedHashMap<>(hidden.report().evidence());
            if (verdict != null) {
                hiddenEvidence.putAll(verdict.evidence());
            }
            evidence.put(HIDDEN_TESTS, hiddenEvidence);
        }
        // The visible rate stands in when a task has no hidden tests.
        evidence.put(HiddenTestsSignal.HIDDEN_PASS_RATE, hiddenRate);
        evidence.put(HiddenTestsSignal.SUBMITTED, true);
        passRate = visible.report().passRate();
        return Transition.observed(render(text, null), evidence, true, false, info);
    }

    private static String testSummary(String what, TestRun run) {
        return what + ": " + run.report().summary() + "\n";
    }

    private static String gradingSummary(SweBenchGrading.Verdict v) {
        StringBuilder text = new StringBuilder("FAIL_TO_PASS: ").append(v.failToPassPassed()).append('/').append(v.failToPassTotal())
                .append(" passed; PASS_TO_PASS: ").append(v.passToPassPassed()).append('/').append(v.passToPassTotal()).append(" passed\n");
        if (!v.failing().isEmpty()) {
            text.append("  failing: ").append(String.join(", ", v.failing())).append('\n');
        }
        if (!v.missing().isEmpty()) {
            text.append("  not reported by the run (counted as failed): ").append(String.join(", ", v.missing())).append('\n');
        }
        return text.toString();
    }

    // ---- helpers ----

    private Transition rejected(String error) {
        return Transition.observed(render("Not done: " + error + "\n", error), evidence(true), false, false, Map.of());
    }

    private Observation render(String text, String error) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("task", task.id());
        data.put("diagnostics", errors);
        data.put("changed_files", List.copyOf(changed.keySet()));
        return new Observation(text, submitted ? List.of() : CodeTools.TEXT_ACTIONS, data, error);
    }

    private LanguageServerSession session() {
        return slot.session();
    }

    /** A user path through the jail, normalised to the workspace-relative form observations use. */
    private String path(String userPath) {
        if (userPath == null) {
            throw new IllegalArgumentException("a path is required");
        }
        return slot.workspace().jail().relative(slot.workspace().jail().resolve(userPath));
    }

    private String requireFile(String userPath) {
        String p = path(userPath);
        if (!exists(p)) {
            throw new IllegalArgumentException("no file '" + CodeAction.abbreviate(userPath) + "' in the workspace");
        }
        return p;
    }

    private boolean exists(String relPath) {
        return Files.isRegularFile(slot.workspace().jail().resolve(relPath));
    }

    private String readFile(String relPath) {
        try {
            return Files.readString(slot.workspace().jail().resolve(relPath), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read '" + relPath + "': " + e.getMessage());
        }
    }

    private List<String> files() {
        Path root = slot.workspace().root();
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith(".git/") && !p.contains("__pycache__"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the workspace: " + e.getMessage(), e);
        }
    }

    private static int line(CodeAction a) {
        return oneBased(a, "line") - 1;
    }

    private static int column(CodeAction a) {
        return oneBased(a, "column") - 1;
    }

    private static int oneBased(CodeAction a, String name) {
        int value = a.integer(name, 0);
        if (value < 1) {
            throw new CodeAction.BadArgument(a.tool() + ": '" + name + "' is 1-based and must be at least 1");
        }
        return value;
    }

    @Override
    public Environment fork() {
        if (slot == null) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "reset the code episode before forking it");
        }
        CodeEnvironment copy = new CodeEnvironment(store);
        copy.task = task;
        copy.slot = store.lease(task);
        if (!changed.isEmpty()) {
            List<FileEdit> edits = new ArrayList<>();
            changed.forEach((p, c) -> edits.add(c == null ? FileEdit.delete(p) : FileEdit.write(p, c)));
            copy.slot.workspace().apply(edits);
            copy.changed.putAll(changed);
        }
        for (String target : task.targetFiles()) {
            if (copy.exists(target)) {
                copy.session().open(target, copy.readFile(target));
            }
        }
        copy.errors = errors;
        copy.passRate = passRate;
        copy.submitted = submitted;
        copy.score = score;
        return copy;
    }

    @Override
    public Object state() {
        if (task == null) {
            return Map.of("task", "", "phase", "unset");
        }
        Map<String, Object> files = new TreeMap<>();
        changed.forEach((p, c) -> files.put(p, c == null ? "deleted" : Json.sha256(c)));
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("task", task.id());
        state.put("changed", files);
        state.put("pass_rate", passRate);
        state.put("submitted", submitted);
        return state;
    }

    @Override
    public Map<String, Object> outcome() {
        if (!submitted) {
            return Map.of();
        }
        return Map.of("score", score, "task", task.id());
    }

    private void releaseSlot() {
        if (slot != null) {
            slot.close();
            slot = null;
        }
    }

    @Override
    public void close() {
        releaseSlot();
    }
}
