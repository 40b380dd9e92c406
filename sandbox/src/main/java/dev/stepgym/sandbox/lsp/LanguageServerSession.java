package dev.stepgym.sandbox.lsp;

import dev.stepgym.sandbox.lsp.LanguageServerException.Kind;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.ClientInfo;
import org.eclipse.lsp4j.DefinitionCapabilities;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.DocumentDiagnosticReport;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolCapabilities;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverCapabilities;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.MarkedString;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.PublishDiagnosticsCapabilities;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.ReferencesCapabilities;
import org.eclipse.lsp4j.RenameCapabilities;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SymbolCapabilities;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.SynchronizationCapabilities;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.WorkspaceEditCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One {@code pyright-langserver --stdio} process serving one workspace root, reached through
 * LSP4J. Documents are synchronised as full texts; every request has a timeout, and a timeout
 * marks the session unhealthy (the pool then replaces it).
 *
 * <p>Conventions of every method: {@code relPath} is relative to the workspace root with
 * {@code /} separators and may not leave it; positions are LSP's: 0-based lines and 0-based
 * columns in UTF-16 code units; answers are records, sorted deterministically.
 *
 * <p>Pyright reads files that are not open from disk. Whoever writes into the workspace while the
 * session lives tells it through {@link #filesChangedOnDisk(Collection)}, since the session does
 * not watch the disk itself (so that what pyright sees never depends on a file watcher's timing).
 *
 * <pre>{@code
 * try (LanguageServerSession lsp = LanguageServerSession.start(workspace)) {
 *     lsp.open("a.py", "x: int = \"s\"\n");
 *     List<Diag> diags = lsp.diagnostics("a.py", Duration.ofSeconds(10));   // one reportAssignmentType
 *     lsp.change("a.py", "x: int = 1\n");
 *     lsp.diagnostics("a.py", Duration.ofSeconds(10));                       // [] for version 2
 * }
 * }</pre>
 */
public final class LanguageServerSession implements AutoCloseable {
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Node's start and pyright's first scan take a while on a cold machine: initialize gets at least this. */
    private static final Duration MIN_START_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long close waits for an answer to shutdown, and then for the exit. pyright keeps nothing
     * worth saving, and a server busy analysing answers shutdown only when done: past this it is killed.
     */
    private static final Duration SHUTDOWN_GRACE = Duration.ofMillis(500);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final Duration DESCENDANT_WAIT = Duration.ofMillis(200);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** A document larger than this is refused rather than handed to the server. */
    public static final int MAX_DOCUMENT_CHARS = 8 * 1024 * 1024;

    private static final AtomicInteger SESSIONS = new AtomicInteger();
    private static final int MAX_NAME_CHARS = 256;
    /** Python's identifier rule (PEP 3131), close enough: XID_Start / XID_Continue approximated by Unicode categories. */
    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}\\p{Nl}_][\\p{L}\\p{Nl}\\p{Mn}\\p{Mc}\\p{Nd}\\p{Pc}]*");
    private static final Set<String> PYTHON_KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async", "await",
            "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
            "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield");

    /**
     * An open document: its current version, how many publishes had arrived when it got that
     * version, and the session's edit epoch right after that (see {@link #epoch}).
     */
    private record OpenDocument(Path file, String uri, int version, long changedAtArrival, long epoch) {
    }

    private final Path root;
    private final String rootUri;
    private final Duration requestTimeout;
    private final Process process;
    private final StreamTail stderr;
    private final ExecutorService jsonRpc;
    private final ExecutorService outgoing;
    private final DiagnosticsInbox inbox = new DiagnosticsInbox();
    private final SessionClient client = new SessionClient(inbox);
    private final LanguageServer server;
    private final Map<String, OpenDocument> open = new TreeMap<>();
    /** Last version ever sent per path: it never goes back, so a late publish for an older text is never taken for a new one. */
    private final Map<String, Integer> lastVersion = new HashMap<>();
    /** Paths whose server-side view may differ from the disk after this lease: re-announced by {@link #resync()}. */
    private final Set<String> touched = new TreeSet<>();
    /**
     * Counts everything sent that can change what pyright sees: opens, changes, closes, disk
     * events. A document whose own change is the latest event is described by its pushed
     * diagnostics; one with later events (another file edited) may not be, and is pulled instead.
     */
    private long epoch;
    private final Duration startupTime;
    private volatile boolean timedOut;
    private volatile boolean closed;

    /** Starts pyright (found by {@link PyrightInstallation#locate()}) on {@code workspaceRoot}. */
    public static LanguageServerSession start(Path workspaceRoot) {
        return start(PyrightInstallation.locate(), workspaceRoot, DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * Starts {@code pyright-langserver --stdio} in {@code workspaceRoot} and initializes it.
     *
     * @throws LanguageServerException BAD_INPUT when the root is not a directory, START_FAILED when
     *                                 the server does not come up (the message carries its stderr)
     */
    public static LanguageServerSession start(PyrightInstallation pyright, Path workspaceRoot, Duration requestTimeout) {
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new LanguageServerException(Kind.BAD_INPUT, "request timeout must be positive, got " + requestTimeout);
        }
        Path root;
        try {
            root = workspaceRoot.toRealPath();
        } catch (IOException e) {
            throw new LanguageServerException(Kind.BAD_INPUT, "workspace root " + workspaceRoot + " does not exist", e);
        }
        if (!Files.isDirectory(root)) {
            throw new LanguageServerException(Kind.BAD_INPUT, "workspace root " + root + " is not a directory");
        }
        return new LanguageServerSession(pyright, root, requestTimeout);
    }

    private LanguageServerSession(PyrightInstallation pyright, Path root, Duration requestTimeout) {
        this.root = root;
        this.rootUri = root.toUri().toString();
        this.requestTimeout = requestTimeout;
        int id = SESSIONS.incrementAndGet();
        long started = System.nanoTime();
        try {
            process = new ProcessBuilder(pyright.langserver().toString(), "--stdio").directory(root.toFile()).start();
        } catch (IOException e) {
            throw new LanguageServerException(Kind.START_FAILED, "cannot start " + pyright.langserver() + ": " + e.getMessage(), e);
        }
        stderr = new StreamTail(process.getErrorStream(), "lsp-" + id + "-stderr");
        jsonRpc = Executors.newCachedThreadPool(daemonThreads("lsp-" + id + "-jsonrpc"));
        outgoing = Executors.newSingleThreadExecutor(daemonThreads("lsp-" + id + "-out"));
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(
                client, process.getInputStream(), process.getOutputStream(), jsonRpc, null);
        launcher.startListening();
        server = launcher.getRemoteProxy();
        try {
            Duration startTimeout = requestTimeout.compareTo(MIN_START_TIMEOUT) > 0 ? requestTimeout : MIN_START_TIMEOUT;
            call("initialize", startTimeout, s -> s.initialize(initializeParams()));
            notify("initialized", s -> s.initialized(new InitializedParams()));
        } catch (LanguageServerException e) {
            String why = e.getMessage() + "; stderr: " + stderr.text() + "; log: " + client.logTail();
            close();
            throw new LanguageServerException(Kind.START_FAILED, "pyright did not start on " + root + ": " + why, e);
        }
        startupTime = Duration.ofNanos(System.nanoTime() - started);
    }

    private InitializeParams initializeParams() {
        InitializeParams params = new InitializeParams();
        // pyright exits by itself when this process dies, so a killed JVM leaves no server behind.
        params.setProcessId((int) ProcessHandle.current().pid());
        params.setRootUri(rootUri);
        params.setWorkspaceFolders(List.of(new WorkspaceFolder(rootUri, root.getFileName() == null ? "root" : root.getFileName().toString())));
        params.setClientInfo(new ClientInfo("stepgym"));
        params.setCapabilities(capabilities());
        return params;
    }

    private static ClientCapabilities capabilities() {
        TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
        text.setSynchronization(new SynchronizationCapabilities(false, false, false));
        text.setPublishDiagnostics(new PublishDiagnosticsCapabilities(false, null, true));
        text.setDefinition(new DefinitionCapabilities(false, false));
        text.setReferences(new ReferencesCapabilities(false));
        text.setHover(new HoverCapabilities(List.of(MarkupKind.MARKDOWN, MarkupKind.PLAINTEXT), false));
        text.setDocumentSymbol(new DocumentSymbolCapabilities(null, false, true));
        text.setRename(new RenameCapabilities(true, false));

        WorkspaceClientCapabilities workspace = new WorkspaceClientCapabilities();
        workspace.setConfiguration(true);
        workspace.setWorkspaceFolders(true);
        workspace.setSymbol(new SymbolCapabilities(false));
        WorkspaceEditCapabilities edits = new WorkspaceEditCapabilities();
        edits.setDocumentChanges(true);
        workspace.setWorkspaceEdit(edits);
        // Dynamic registration on: pyright then leaves file watching to us (filesChangedOnDisk).
        workspace.setDidChangeWatchedFiles(new DidChangeWatchedFilesCapabilities(true));

        ClientCapabilities capabilities = new ClientCapabilities();
        capabilities.setTextDocument(text);
        capabilities.setWorkspace(workspace);
        return capabilities;
    }

    // ---- documents ----

    /** Opens a document with {@code text} as its content (version 1, or one past its last version in this session). */
    public synchronized void open(String relPath, String text) {
        checkUsable();
        String rel = relative(relPath);
        checkText(rel, text);
        if (open.containsKey(rel)) {
            throw new LanguageServerException(Kind.BAD_INPUT, rel + " is already open; use change");
        }
        Path file = root.resolve(rel);
        OpenDocument doc = new OpenDocument(file, file.toUri().toString(), nextVersion(rel), inbox.arrivals(), ++epoch);
        notify("didOpen " + rel, s -> s.getTextDocumentService().didOpen(
                new DidOpenTextDocumentParams(new TextDocumentItem(doc.uri(), "python", doc.version(), text))));
        open.put(rel, doc);
        touched.add(rel);
    }

    /** Replaces the whole text of an open document; its version goes up by one. */
    public synchronized void change(String relPath, String text) {
        checkUsable();
        String rel = relative(relPath);
        checkText(rel, text);
        OpenDocument before = requireOpen(rel);
        OpenDocument doc = new OpenDocument(before.file(), before.uri(), nextVersion(rel), inbox.arrivals(), ++epoch);
        notify("didChange " + rel, s -> s.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(doc.uri(), doc.version()), List.of(new TextDocumentContentChangeEvent(text)))));
        open.put(rel, doc);
    }

    /** Closes an open document: pyright goes back to the file on disk. */
    public synchronized void close(String relPath) {
        checkUsable();
        String rel = relative(relPath);
        OpenDocument doc = requireOpen(rel);
        notify("didClose " + rel, s -> s.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(doc.uri()))));
        open.remove(rel);
        epoch++;
    }

    /** The version of the document's current text, or its last version once closed; 0 if never opened. */
    public synchronized int version(String relPath) {
        return lastVersion.getOrDefault(relative(relPath), 0);
    }

    /** The documents open now, sorted. */
    public synchronized Set<String> openDocuments() {
        return Set.copyOf(new TreeSet<>(open.keySet()));
    }

    /**
     * Tells pyright that these files changed on disk (written, created or deleted), so analyses that
     * import them are redone: a file that exists is announced as changed, one that does not as deleted.
     */
    public synchronized void filesChangedOnDisk(Collection<String> relPaths) {
        checkUsable();
        List<String> rels = relPaths.stream().map(this::relative).distinct().sorted().toList();
        announce(rels);
        touched.addAll(rels);
    }

    /**
     * Makes the session ready for the next episode on the same root: closes every open document and
     * re-announces every file this session opened or was told about since the last resync (the
     * caller has put the files on disk back in the meantime).
     */
    public synchronized void resync() {
        checkUsable();
        for (String rel : List.copyOf(open.keySet())) {
            close(rel);
        }
        announce(List.copyOf(touched));
        touched.clear();
    }

    private void announce(List<String> rels) {
        if (rels.isEmpty()) {
            return;
        }
        List<FileEvent> events = new ArrayList<>();
        for (String rel : rels) {
            Path file = root.resolve(rel);
            // pyright reads Created as "add" (a new module is picked up and dependents are rechecked) and
            // any other type as "change"; "add" also does for a file it knows, so existing files are sent as Created.
            events.add(new FileEvent(file.toUri().toString(), Files.exists(file) ? FileChangeType.Created : FileChangeType.Deleted));
        }
        notify("didChangeWatchedFiles", s -> s.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(events)));
        epoch++;
    }

    // ---- diagnostics ----

    /** {@link #diagnostics(String, Duration)} with the session's request timeout. */
    public List<Diag> diagnostics(String relPath) {
        return diagnostics(relPath, requestTimeout);
    }

    /**
     * The diagnostics of the current version of an open document.
     *
     * <p>When the document's own open/change is the last thing sent to the server, this waits for
     * pyright's publishDiagnostics of that version. Pyright sends the document version with each
     * publish (versionSupport is on), so a publish for an older text is never taken for the current
     * one. Should a server send no versions at all, the first publish that arrives after the last
     * open/change is taken, which can be one computed for the text before it (pyright does send them).
     *
     * <p>When something was sent after it (another document opened, changed or closed, files changed
     * on disk), pyright republishes only the documents it rechecks, so waiting for a push could be
     * waiting for nothing or returning the publish from before that event. Then the diagnostics are
     * pulled instead ({@code textDocument/diagnostic}, which pyright answers for the current state in
     * push mode too): in both cases the answer depends only on what was sent, never on timing.
     *
     * @throws LanguageServerException TIMEOUT (session now unhealthy), BAD_INPUT if not open, DEAD
     */
    public List<Diag> diagnostics(String relPath, Duration timeout) {
        OpenDocument doc;
        String rel;
        boolean laterEvents;
        synchronized (this) {
            checkUsable();
            rel = relative(relPath);
            doc = requireOpen(rel);
            laterEvents = epoch != doc.epoch();
        }
        List<Diagnostic> raw = laterEvents ? pulled(rel, doc, timeout) : pushed(rel, doc, timeout);
        List<Diag> diags = new ArrayList<>();
        for (Diagnostic d : raw) {
            Range r = d.getRange();
            String message = d.getMessage() == null ? "" : d.getMessage().isLeft() ? d.getMessage().getLeft() : d.getMessage().getRight().getValue();
            String rule = d.getCode() == null ? "" : d.getCode().isLeft() ? d.getCode().getLeft() : String.valueOf(d.getCode().getRight());
            diags.add(new Diag(rel, r.getStart().getLine(), r.getStart().getCharacter(), r.getEnd().getLine(), r.getEnd().getCharacter(),
                    severity(d.getSeverity()), message == null ? "" : message, rule == null ? "" : rule));
        }
        diags.sort(null);
        return List.copyOf(diags);
    }

    private List<Diagnostic> pushed(String rel, OpenDocument doc, Duration timeout) {
        DiagnosticsInbox.Publish publish;
        try {
            publish = inbox.await(doc.file(), doc.version(), doc.changedAtArrival(), System.nanoTime() + timeout.toNanos(), process::isAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LanguageServerException(Kind.TIMEOUT, "interrupted while waiting for diagnostics of " + rel, e);
        } catch (IllegalStateException gone) {
            throw dead("diagnostics of " + rel);
        }
        if (publish == null) {
            timedOut = true;
            throw new LanguageServerException(Kind.TIMEOUT, "no diagnostics for " + rel + " version " + doc.version()
                    + " within " + timeout + "; session marked unhealthy");
        }
        return publish.diagnostics();
    }

    private List<Diagnostic> pulled(String rel, OpenDocument doc, Duration timeout) {
        DocumentDiagnosticParams params = new DocumentDiagnosticParams(new TextDocumentIdentifier(doc.uri()));
        DocumentDiagnosticReport report = call("diagnostics of " + rel, timeout, s -> s.getTextDocumentService().diagnostic(params));
        if (report == null || !report.isRelatedFullDocumentDiagnosticReport()) {
            // "unchanged" only answers a request that named a previous result, which this one never does
            throw new LanguageServerException(Kind.SERVER_ERROR, "pyright sent no full diagnostics report for " + rel);
        }
        List<Diagnostic> items = report.getRelatedFullDocumentDiagnosticReport().getItems();
        return items == null ? List.of() : items;
    }

    private static Diag.Severity severity(DiagnosticSeverity severity) {
        if (severity == null) {
            return Diag.Severity.ERROR;
        }
        return switch (severity) {
            case Error -> Diag.Severity.ERROR;
            case Warning -> Diag.Severity.WARNING;
            case Information -> Diag.Severity.INFORMATION;
            case Hint -> Diag.Severity.HINT;
        };
    }

    // ---- navigation ----

    /** Where the symbol at the position is defined (library and stub files included, with {@code inWorkspace=false}). */
    public List<SourceLocation> definition(String relPath, int line, int col) {
        DefinitionParams params = new DefinitionParams(document(relPath), position(line, col));
        Either<List<? extends Location>, List<? extends LocationLink>> answer =
                call("definition", requestTimeout, s -> s.getTextDocumentService().definition(params));
        List<SourceLocation> locations = new ArrayList<>();
        if (answer != null && answer.isLeft()) {
            answer.getLeft().forEach(l -> locations.add(location(l.getUri(), l.getRange())));
        } else if (answer != null) {
            answer.getRight().forEach(l -> locations.add(location(l.getTargetUri(), l.getTargetSelectionRange())));
        }
        return sortedDistinct(locations);
    }

    /** Every reference to the symbol at the position, its declaration too when {@code includeDeclaration}. */
    public List<SourceLocation> references(String relPath, int line, int col, boolean includeDeclaration) {
        ReferenceParams params = new ReferenceParams(document(relPath), position(line, col), new ReferenceContext(includeDeclaration));
        List<? extends Location> answer = call("references", requestTimeout, s -> s.getTextDocumentService().references(params));
        List<SourceLocation> locations = new ArrayList<>();
        if (answer != null) {
            answer.forEach(l -> locations.add(location(l.getUri(), l.getRange())));
        }
        return sortedDistinct(locations);
    }

    /** The hover text (markdown as pyright writes it: the type in a code block, then the docstring); empty when none. */
    public Optional<String> hover(String relPath, int line, int col) {
        HoverParams params = new HoverParams(document(relPath), position(line, col));
        Hover hover = call("hover", requestTimeout, s -> s.getTextDocumentService().hover(params));
        if (hover == null || hover.getContents() == null) {
            return Optional.empty();
        }
        String text;
        if (hover.getContents().isRight()) {
            text = hover.getContents().getRight().getValue();
        } else {
            List<String> parts = new ArrayList<>();
            for (Either<String, MarkedString> part : hover.getContents().getLeft()) {
                parts.add(part.isLeft() ? part.getLeft() : part.getRight().getValue());
            }
            text = String.join("\n", parts);
        }
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    /** The symbols of one file, flattened depth first, with qualified names ({@code Class.method}), in source order. */
    public List<SymbolEntry> documentSymbols(String relPath) {
        String rel = relative(relPath);
        DocumentSymbolParams params = new DocumentSymbolParams(document(rel));
        List<Either<SymbolInformation, DocumentSymbol>> answer =
                call("documentSymbol", requestTimeout, s -> s.getTextDocumentService().documentSymbol(params));
        List<SymbolEntry> symbols = new ArrayList<>();
        if (answer != null) {
            for (Either<SymbolInformation, DocumentSymbol> item : answer) {
                if (item.isRight()) {
                    flatten(rel, "", item.getRight(), symbols);
                } else {
                    symbols.add(entry(item.getLeft()));
                }
            }
        }
        symbols.sort(null);
        return List.copyOf(symbols);
    }

    private static void flatten(String rel, String prefix, DocumentSymbol symbol, List<SymbolEntry> into) {
        String qualified = prefix.isEmpty() ? symbol.getName() : prefix + "." + symbol.getName();
        into.add(new SymbolEntry(qualified, symbol.getName(), kind(symbol.getKind()), rel,
                SourceRange.of(symbol.getRange()), SourceRange.of(symbol.getSelectionRange())));
        if (symbol.getChildren() != null) {
            for (DocumentSymbol child : symbol.getChildren()) {
                flatten(rel, qualified, child, into);
            }
        }
    }

    /** Symbols of the workspace whose name matches {@code query} (pyright's fuzzy match); only files under the root. */
    public List<SymbolEntry> workspaceSymbols(String query) {
        if (query == null) {
            throw new LanguageServerException(Kind.BAD_INPUT, "workspace symbol query is null");
        }
        WorkspaceSymbolParams params = new WorkspaceSymbolParams(query);
        Either<List<? extends SymbolInformation>, List<? extends WorkspaceSymbol>> answer =
                call("workspace/symbol", requestTimeout, s -> s.getWorkspaceService().symbol(params));
        List<SymbolEntry> symbols = new ArrayList<>();
        if (answer != null && answer.isLeft()) {
            answer.getLeft().forEach(info -> symbols.add(entry(info)));
        } else if (answer != null) {
            for (WorkspaceSymbol symbol : answer.getRight()) {
                if (symbol.getLocation() != null && symbol.getLocation().isLeft()) {
                    Location l = symbol.getLocation().getLeft();
                    symbols.add(entry(symbol.getName(), symbol.getContainerName(), symbol.getKind(), l));
                }
            }
        }
        return symbols.stream().filter(Objects::nonNull).sorted().toList();
    }

    private SymbolEntry entry(SymbolInformation info) {
        return entry(info.getName(), info.getContainerName(), info.getKind(), info.getLocation());
    }

    /** Null for a symbol outside the workspace. */
    private SymbolEntry entry(String name, String container, org.eclipse.lsp4j.SymbolKind kind, Location location) {
        SourceLocation where = location(location.getUri(), location.getRange());
        if (!where.inWorkspace()) {
            return null;
        }
        String qualified = container == null || container.isEmpty() ? name : container + "." + name;
        return new SymbolEntry(qualified, name, kind(kind), where.path(), where.range(), where.range());
    }

    private static String kind(org.eclipse.lsp4j.SymbolKind kind) {
        return kind == null ? "unknown" : kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    // ---- rename ----

    /** The range of the name that a rename at this position would change; empty when the server refuses (a keyword, nothing there). */
    public Optional<SourceRange> prepareRename(String relPath, int line, int col) {
        PrepareRenameParams params = new PrepareRenameParams(document(relPath), position(line, col));
        Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior> answer =
                call("prepareRename", requestTimeout, s -> s.getTextDocumentService().prepareRename(params));
        if (answer == null || answer.isThird()) {
            // null: refused; "default behavior": the server leaves picking the word to the client, so nothing is checked
            return Optional.empty();
        }
        return Optional.of(SourceRange.of(answer.isFirst() ? answer.getFirst() : answer.getSecond().getRange()));
    }

    /**
     * The edits that rename the symbol at the position to {@code newName} across the workspace,
     * as a preview: nothing is written. Empty when the server finds nothing to rename.
     *
     * @throws LanguageServerException SERVER_ERROR when pyright refuses the name or the position,
     *                                 BAD_INPUT when an edit would touch a file outside the workspace
     */
    public TextEdits rename(String relPath, int line, int col, String newName) {
        if (newName == null || newName.length() > MAX_NAME_CHARS || !IDENTIFIER.matcher(newName).matches() || PYTHON_KEYWORDS.contains(newName)) {
            // pyright would happily rename to "1abc" or "class"; such a rename only breaks the code
            throw new LanguageServerException(Kind.BAD_INPUT, "new name " + (newName == null ? "null" : "'" + abbreviate(newName) + "'")
                    + " is not a Python identifier (a letter or _, then letters, digits or _; not a keyword; at most " + MAX_NAME_CHARS + " characters)");
        }
        RenameParams params = new RenameParams(document(relPath), position(line, col), newName);
        WorkspaceEdit edit = call("rename", requestTimeout, s -> s.getTextDocumentService().rename(params));
        if (edit == null) {
            return TextEdits.NONE;
        }
        Map<String, List<TextEdits.Edit>> byPath = new TreeMap<>();
        if (edit.getDocumentChanges() != null) {
            for (var change : edit.getDocumentChanges()) {
                if (change.isRight()) {
                    throw new LanguageServerException(Kind.SERVER_ERROR, "rename wants a file operation (" + change.getRight().getKind() + "); not supported");
                }
                TextDocumentEdit docEdit = change.getLeft();
                for (var e : docEdit.getEdits()) {
                    TextEdit textEdit = e.isLeft() ? e.getLeft() : new TextEdit(e.getRight().getRange(), e.getRight().getSnippet().getValue());
                    addEdit(byPath, docEdit.getTextDocument().getUri(), textEdit);
                }
            }
        } else if (edit.getChanges() != null) {
            edit.getChanges().forEach((uri, edits) -> edits.forEach(e -> addEdit(byPath, uri, e)));
        }
        return new TextEdits(new TreeMap<>(byPath));
    }

    private void addEdit(Map<String, List<TextEdits.Edit>> byPath, String uri, TextEdit edit) {
        SourceLocation where = location(uri, edit.getRange());
        if (!where.inWorkspace()) {
            throw new LanguageServerException(Kind.BAD_INPUT, "rename would edit " + where.path() + ", outside the workspace");
        }
        byPath.computeIfAbsent(where.path(), p -> new ArrayList<>()).add(new TextEdits.Edit(where.range(), edit.getNewText()));
    }

    // ---- state ----

    /** The workspace root (real path). */
    public Path root() {
        return root;
    }

    /** Process alive, not closed, and no request has timed out. */
    public boolean healthy() {
        return !closed && !timedOut && process.isAlive();
    }

    /** Whether the server process is still running (healthy or not). */
    boolean processAlive() {
        return process.isAlive();
    }

    /** The server process id (node running pyright-langserver). */
    public long pid() {
        return process.pid();
    }

    /** From process start to the end of initialize. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The last lines pyright logged, for error reports. */
    public List<String> serverLog() {
        return client.logTail();
    }

    /**
     * Asks the server to shut down and exit (a short grace, skipped for a hung server), then kills
     * the process and everything it started. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            if (!timedOut && process.isAlive()) {
                try {
                    call("shutdown", SHUTDOWN_GRACE, LanguageServer::shutdown, true);
                    notify("exit", LanguageServer::exit, SHUTDOWN_GRACE, true);
                    process.waitFor(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (LanguageServerException impolite) {
                    // a server that does not leave politely is killed below
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            killTree();
            outgoing.shutdownNow();
            jsonRpc.shutdownNow();
        }
    }

    private void killTree() {
        // Snapshot first: once the parent is gone its children are re-parented and no longer its
        // descendants. pyright's children are short-lived interpreter probes (python3 through
        // whatever shims the machine has); they are killed before node so none outlives it unkilled.
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.onExit().get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            // The killed descendants cannot run any more; once node is gone they are re-parented, and
            // the init process reaps them when it gets to it (about a second here). Wait a little, not for that.
            long deadline = System.nanoTime() + DESCENDANT_WAIT.toNanos();
            while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // SIGKILL was sent; a process stuck in the kernel ends when the kernel lets it
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already broken by the kill
        }
    }

    // ---- plumbing ----

    private <T> T call(String what, Duration timeout, Function<LanguageServer, CompletableFuture<T>> request) {
        return call(what, timeout, request, false);
    }

    /**
     * Sends a request from the single outgoing thread (a server that stopped reading would
     * otherwise block the caller inside a pipe write) and waits for the answer in short slices,
     * so a dead server is noticed at once and a hung one after {@code timeout}.
     */
    private <T> T call(String what, Duration timeout, Function<LanguageServer, CompletableFuture<T>> request, boolean closing) {
        if (!closing) {
            checkUsable();
        }
        CompletableFuture<CompletableFuture<T>> sent;
        try {
            sent = CompletableFuture.supplyAsync(() -> request.apply(server), outgoing);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw dead(what);
        }
        CompletableFuture<T> answer = sent.thenCompose(f -> f);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    sent.thenAccept(f -> f.cancel(true)); // LSP4J sends $/cancelRequest
                    timedOut = true;
                    throw new LanguageServerException(Kind.TIMEOUT, what + " got no answer within " + timeout + "; session marked unhealthy");
                }
                try {
                    return answer.get(Math.min(left, POLL_NANOS), TimeUnit.NANOSECONDS);
                } catch (TimeoutException slice) {
                    if (!process.isAlive()) {
                        throw dead(what);
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            if (cause instanceof ResponseErrorException error) {
                throw new LanguageServerException(Kind.SERVER_ERROR, what + " failed: " + error.getResponseError().getMessage(), error);
            }
            throw new LanguageServerException(Kind.DEAD, what + " failed, connection to pyright lost: " + cause, cause);
        } catch (CancellationException e) {
            throw dead(what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent.thenAccept(f -> f.cancel(true));
            throw new LanguageServerException(Kind.TIMEOUT, what + " interrupted", e);
        }
    }

    private void notify(String what, Consumer<LanguageServer> notification) {
        notify(what, notification, requestTimeout, false);
    }

    private void notify(String what, Consumer<LanguageServer> notification, Duration timeout, boolean closing) {
        call(what, timeout, s -> {
            notification.accept(s);
            return CompletableFuture.completedFuture(null);
        }, closing);
    }

    private LanguageServerException dead(String what) {
        if (closed) {
            return new LanguageServerException(Kind.DEAD, what + ": the session is closed");
        }
        return new LanguageServerException(Kind.DEAD, what + ": pyright exited"
                + (process.isAlive() ? "" : " with status " + process.exitValue()) + "; stderr: " + stderr.text());
    }

    private void checkUsable() {
        if (closed) {
            throw new LanguageServerException(Kind.DEAD, "the language server session on " + root + " is closed");
        }
        if (!process.isAlive()) {
            throw dead("request");
        }
    }

    private OpenDocument requireOpen(String rel) {
        OpenDocument doc = open.get(rel);
        if (doc == null) {
            throw new LanguageServerException(Kind.BAD_INPUT, rel + " is not open; open it first");
        }
        return doc;
    }

    private int nextVersion(String rel) {
        return lastVersion.merge(rel, 1, Integer::sum);
    }

    private static void checkText(String rel, String text) {
        if (text == null) {
            throw new LanguageServerException(Kind.BAD_INPUT, "text of " + rel + " is null");
        }
        if (text.length() > MAX_DOCUMENT_CHARS) {
            throw new LanguageServerException(Kind.BAD_INPUT, rel + " has " + text.length() + " characters, more than the "
                    + MAX_DOCUMENT_CHARS + " a document may have");
        }
    }

    private TextDocumentIdentifier document(String relPath) {
        return new TextDocumentIdentifier(root.resolve(relative(relPath)).toUri().toString());
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static Position position(int line, int col) {
        if (line < 0 || col < 0) {
            throw new LanguageServerException(Kind.BAD_INPUT, "position " + line + ":" + col + " is negative (lines and columns are 0-based)");
        }
        return new Position(line, col);
    }

    /** The canonical relative form of {@code relPath} ('/'-separated, normalised), refusing anything that leaves the root. */
    private String relative(String relPath) {
        if (relPath == null || relPath.isBlank() || relPath.indexOf('\0') >= 0) {
            throw new LanguageServerException(Kind.BAD_INPUT, "path " + (relPath == null ? "null" : "'" + relPath.replace("\0", "\\0") + "'")
                    + " is empty or contains NUL");
        }
        Path rel;
        try {
            rel = Path.of(relPath);
        } catch (InvalidPathException e) {
            throw new LanguageServerException(Kind.BAD_INPUT, "path '" + relPath + "' is not a valid path: " + e.getReason(), e);
        }
        Path file = root.resolve(rel).normalize();
        if (rel.isAbsolute() || !file.startsWith(root) || file.equals(root)) {
            throw new LanguageServerException(Kind.BAD_INPUT, "path '" + relPath + "' is not a file inside the workspace");
        }
        return root.relativize(file).toString().replace(File.separatorChar, '/');
    }

    private SourceLocation location(String uri, Range range) {
        Path file;
        try {
            file = Path.of(URI.create(uri)).normalize();
        } catch (RuntimeException e) {
            return new SourceLocation(uri, SourceRange.of(range), false);
        }
        if (file.startsWith(root)) {
            return new SourceLocation(root.relativize(file).toString().replace(File.separatorChar, '/'), SourceRange.of(range), true);
        }
        return new SourceLocation(file.toString(), SourceRange.of(range), false);
    }

    private static List<SourceLocation> sortedDistinct(List<SourceLocation> locations) {
        return locations.stream().distinct().sorted().toList();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public String toString() {
        return "LanguageServerSession[pid=" + process.pid() + ", root=" + root + (healthy() ? "" : ", unhealthy") + "]";
    }
}
