package dev.stepgym.sandbox.lsp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PyrightInstallationTest {
    @Test
    void findsTheServerAndItsVersionInAToolsFolder(@TempDir Path tools) throws Exception {
        Path bin = Files.createDirectories(tools.resolve("node_modules/.bin"));
        Files.writeString(bin.resolve("pyright-langserver"), "#!/bin/sh\n");
        Path pkg = Files.createDirectories(tools.resolve("node_modules/pyright"));
        Files.writeString(pkg.resolve("package.json"), "{\"name\":\"pyright\",\"version\":\"9.8.7\"}");

        PyrightInstallation found = PyrightInstallation.in(tools);

        assertEquals("9.8.7", found.version());
        assertEquals(bin.resolve("pyright-langserver").toAbsolutePath().normalize(), found.langserver());
    }

    @Test
    void aMissingInstallationNamesTheSetupScript(@TempDir Path empty) {
        LanguageServerException e = assertThrows(LanguageServerException.class, () -> PyrightInstallation.in(empty));
        assertEquals(LanguageServerException.Kind.NOT_INSTALLED, e.kind());
        assertTrue(e.getMessage().contains("scripts/setup.sh"), e.getMessage());
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
    }

    @Test
    void aPackageJsonWithoutVersionIsRefused(@TempDir Path tools) throws Exception {
        Files.writeString(Files.createDirectories(tools.resolve("node_modules/.bin")).resolve("pyright-langserver"), "");
        Files.writeString(Files.createDirectories(tools.resolve("node_modules/pyright")).resolve("package.json"), "{\"name\":\"pyright\"}");
        LanguageServerException e = assertThrows(LanguageServerException.class, () -> PyrightInstallation.in(tools));
        assertTrue(e.getMessage().contains("no version"), e.getMessage());
    }
}
