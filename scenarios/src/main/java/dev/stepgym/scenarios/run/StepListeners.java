package dev.stepgym.scenarios.run;

import dev.stepgym.agents.rollout.EpisodeReport;
import dev.stepgym.agents.rollout.EpisodeSpec;
import dev.stepgym.agents.rollout.StepListener;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.StepResult;

import java.util.List;
import java.util.function.Consumer;

/** Several {@link StepListener}s seen as one, called in the order given. */
public final class StepListeners {
    private StepListeners() {
    }

    /**
     * A listener that passes every call to each of {@code listeners} in turn. Each one is called even
     * when an earlier one throws (a progress bar still counts the episode); the first exception is
     * then rethrown, so the runner reports it as it would for a single listener.
     */
    public static StepListener all(StepListener... listeners) {
        List<StepListener> each = List.of(listeners);
        return new StepListener() {
            @Override
            public void onReset(int episodeIndex, EpisodeSpec spec, ResetResult reset) {
                forEach(each, l -> l.onReset(episodeIndex, spec, reset));
            }

            @Override
            public void onStep(int episodeIndex, int step, Action action, StepResult result) {
                forEach(each, l -> l.onStep(episodeIndex, step, action, result));
            }

            @Override
            public void onEnd(int episodeIndex, EpisodeReport report) {
                forEach(each, l -> l.onEnd(episodeIndex, report));
            }
        };
    }

    private static void forEach(List<StepListener> listeners, Consumer<StepListener> call) {
        RuntimeException first = null;
        for (StepListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
