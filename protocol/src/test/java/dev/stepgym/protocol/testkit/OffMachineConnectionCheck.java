package dev.stepgym.protocol.testkit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Proves, test by test, that nothing reaches past this machine: a {@link NetworkGuard} is
 * installed once per test JVM and every test fails that made (or let a library make) an
 * off-machine connection attempt, even one the library swallowed — DJL's start-up call to a cloud
 * metadata address would be such an attempt. Registered for every module that uses the test kit
 * through {@code META-INF/services/org.junit.jupiter.api.extension.Extension} and Surefire's
 * {@code junit.jupiter.extensions.autodetection.enabled}.
 */
public final class OffMachineConnectionCheck implements BeforeEachCallback, AfterEachCallback {
    private static NetworkGuard guard;
    private static final String SEEN = "attempts-before";

    private static synchronized NetworkGuard guard() {
        if (guard == null) {
            guard = NetworkGuard.install();
        }
        return guard;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(ExtensionContext.Namespace.GLOBAL).put(SEEN + context.getUniqueId(), guard().attempts().size());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Integer before = context.getStore(ExtensionContext.Namespace.GLOBAL).remove(SEEN + context.getUniqueId(), Integer.class);
        List<NetworkGuard.Attempt> attempts = guard().attempts();
        if (before != null && attempts.size() > before && !context.getTags().contains(EXPECTS_REFUSALS)) {
            throw new AssertionError("off-machine connection attempted (and refused) during this test: "
                    + attempts.subList(before, attempts.size()));
        }
    }

    /** Tag of the tests that try an off-machine address on purpose, to show the guard refuses it. */
    public static final String EXPECTS_REFUSALS = "expects-refused-connections";
}
