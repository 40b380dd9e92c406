package dev.stepgym.protocol.server.openenv;

import java.util.function.BooleanSupplier;

/**
 * The server's front door as the OpenEnv route sees it: every request and message is taken in
 * through it, so a shutdown refuses new work and waits for the work already taken in (the
 * server's own intake, handed over by {@link dev.stepgym.protocol.server.StepGymServer}).
 */
public interface RequestGate {
    /** Takes one piece of work in; false once the server is shutting down. */
    boolean tryEnter();

    /** The work taken in by {@link #tryEnter()} is done. */
    void exit();

    /** True once the server is shutting down. */
    boolean isClosed();

    static RequestGate of(BooleanSupplier tryEnter, Runnable exit, BooleanSupplier isClosed) {
        return new RequestGate() {
            @Override
            public boolean tryEnter() {
                return tryEnter.getAsBoolean();
            }

            @Override
            public void exit() {
                exit.run();
            }

            @Override
            public boolean isClosed() {
                return isClosed.getAsBoolean();
            }
        };
    }
}
