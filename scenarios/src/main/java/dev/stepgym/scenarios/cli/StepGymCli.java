package dev.stepgym.scenarios.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code stepgym}: the entry point of {@code bin/stepgym}. */
@Command(name = "stepgym", mixinStandardHelpOptions = true, version = "stepgym 0.1.0",
        description = "Environment simulator for LLM agents with step-level rewards.",
        subcommands = {ServeCommand.class, RunCommand.class, EvalCommand.class, EnvsCommand.class, BenchCommand.class,
                ReplayCommand.class, RewardsCommand.class})
public final class StepGymCli implements Runnable {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new StepGymCli());
        // A bad scenario file or flag is the user's error: print one clear line, not a stack trace.
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("stepgym: " + e.getMessage());
            return 2;
        });
        // --device is settled once, before any command starts (a GPU asked for where there is none: exit 2).
        commandLine.setExecutionStrategy(DeviceOptions.settlingFirst(new CommandLine.RunLast()));
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
