package dev.stepgym.sandbox.lsp;

import org.eclipse.lsp4j.ConfigurationItem;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.UnregistrationParams;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.services.LanguageClient;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The client side of one session: what pyright calls on us. Diagnostics go to the inbox, log
 * lines to a short tail kept for error messages, configuration requests get fixed settings, and
 * registrations are accepted (pyright registers for watched files; we send those events ourselves).
 */
final class SessionClient implements LanguageClient {
    private static final int LOG_LINES = 40;

    /** Only open files are checked: pyright then never reads the whole repository for diagnostics. */
    private static final Map<String, Object> ANALYSIS = Map.of(
            "diagnosticMode", "openFilesOnly",
            "autoSearchPaths", true,
            "logLevel", "Warning");

    private final DiagnosticsInbox inbox;
    private final Deque<String> log = new ArrayDeque<>();

    SessionClient(DiagnosticsInbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams params) {
        Path file;
        try {
            file = Path.of(URI.create(params.getUri())).normalize();
        } catch (RuntimeException notAFile) {
            remember("ignored diagnostics for " + params.getUri());
            return;
        }
        inbox.accept(file, params.getVersion(), params.getDiagnostics() == null ? List.of() : params.getDiagnostics());
    }

    @Override
    public CompletableFuture<List<Object>> configuration(ConfigurationParams params) {
        List<Object> answers = new ArrayList<>();
        for (ConfigurationItem item : params.getItems()) {
            String section = item.getSection() == null ? "" : item.getSection();
            answers.add(switch (section) {
                case "python.analysis" -> ANALYSIS;
                case "python" -> Map.of("analysis", ANALYSIS);
                default -> Map.of();
            });
        }
        return CompletableFuture.completedFuture(answers);
    }

    @Override
    public CompletableFuture<Void> registerCapability(RegistrationParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> unregisterCapability(UnregistrationParams params) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams params) {
        return CompletableFuture.completedFuture(null);
    }

    /*
     * pyright's own progress notifications. Without handlers LSP4J logs a warning for every one of
     * them (several per diagnostics run); progress is of no use to an episode, so they are dropped.
     */
    @org.eclipse.lsp4j.jsonrpc.services.JsonNotification("pyright/beginProgress")
    public void pyrightBeginProgress(Object ignored) {
    }

    @org.eclipse.lsp4j.jsonrpc.services.JsonNotification("pyright/reportProgress")
    public void pyrightReportProgress(Object ignored) {
    }

    @org.eclipse.lsp4j.jsonrpc.services.JsonNotification("pyright/endProgress")
    public void pyrightEndProgress(Object ignored) {
    }

    @Override
    public void telemetryEvent(Object object) {
    }

    @Override
    public void showMessage(MessageParams params) {
        remember(params.getType() + ": " + params.getMessage());
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
        remember(params.getType() + ": " + params.getMessage());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams params) {
        remember(params.getType() + ": " + params.getMessage());
    }

    /** The last log and window messages of the server, oldest first. */
    synchronized List<String> logTail() {
        return List.copyOf(log);
    }

    private synchronized void remember(String line) {
        if (log.size() == LOG_LINES) {
            log.removeFirst();
        }
        log.addLast(line.length() > 500 ? line.substring(0, 500) + "..." : line);
    }
}
