package dev.stepgym.sandbox.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where pyright is installed: the tools folder that {@code scripts/setup.sh}
 * ({@code stepgym_ensure_pyright}) fills with {@code npm install pyright}.
 *
 * <p>The folder comes from the system property {@code stepgym.tools.dir} (set by Surefire and by
 * the launcher to {@code <repo>/.tools}), else from the environment variable
 * {@code STEPGYM_TOOLS_DIR}.
 *
 * <pre>{@code
 * PyrightInstallation pyright = PyrightInstallation.locate();
 * System.out.println(pyright.version());   // 1.1.414
 * }</pre>
 *
 * @param toolsDir   the tools folder
 * @param langserver {@code <toolsDir>/node_modules/.bin/pyright-langserver}
 * @param version    pyright's version from {@code node_modules/pyright/package.json}
 */
public record PyrightInstallation(Path toolsDir, Path langserver, String version) {
    public static final String TOOLS_DIR_PROPERTY = "stepgym.tools.dir";
    public static final String TOOLS_DIR_ENV = "STEPGYM_TOOLS_DIR";

    /** Finds pyright through {@value #TOOLS_DIR_PROPERTY}, then {@value #TOOLS_DIR_ENV}. */
    public static PyrightInstallation locate() {
        String dir = System.getProperty(TOOLS_DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(TOOLS_DIR_ENV);
        }
        if (dir == null || dir.isBlank()) {
            throw new LanguageServerException(LanguageServerException.Kind.NOT_INSTALLED,
                    "pyright not found: neither the system property " + TOOLS_DIR_PROPERTY + " nor the environment variable "
                            + TOOLS_DIR_ENV + " names the tools folder; run scripts/setup.sh and point "
                            + TOOLS_DIR_PROPERTY + " at <repo>/.tools");
        }
        return in(Path.of(dir));
    }

    /** Finds pyright in one tools folder. */
    public static PyrightInstallation in(Path toolsDir) {
        Path dir = toolsDir.toAbsolutePath().normalize();
        Path langserver = dir.resolve("node_modules/.bin/pyright-langserver");
        Path packageJson = dir.resolve("node_modules/pyright/package.json");
        if (!Files.isRegularFile(langserver) || !Files.isRegularFile(packageJson)) {
            throw new LanguageServerException(LanguageServerException.Kind.NOT_INSTALLED,
                    "pyright not installed in " + dir + " (no " + langserver + "); run scripts/setup.sh");
        }
        try {
            JsonNode version = Json.tree(Files.readString(packageJson)).path("version");
            if (!version.isTextual()) {
                throw new LanguageServerException(LanguageServerException.Kind.NOT_INSTALLED,
                        packageJson + " has no version; reinstall pyright with scripts/setup.sh");
            }
            return new PyrightInstallation(dir, langserver, version.asText());
        } catch (IOException e) {
            throw new LanguageServerException(LanguageServerException.Kind.NOT_INSTALLED,
                    "cannot read " + packageJson + ": " + e.getMessage(), e);
        }
    }
}
