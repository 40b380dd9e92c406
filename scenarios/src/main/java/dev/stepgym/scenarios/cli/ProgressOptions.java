package dev.stepgym.scenarios.cli;

import dev.stepgym.scenarios.run.ProgressBar;
import picocli.CommandLine.Option;

/** {@code --[no-]progress}, shared by {@code run}, {@code eval} and {@code eval code}. */
final class ProgressOptions {
    @Option(names = "--progress", negatable = true,
            description = "show a progress bar on standard error (default: only when running on a terminal)")
    Boolean progress;

    ProgressBar.Mode mode() {
        return progress == null ? ProgressBar.Mode.AUTO : progress ? ProgressBar.Mode.ON : ProgressBar.Mode.OFF;
    }
}
