package dev.stepgym.protocol.server;

import java.util.List;

/**
 * The answer to a batch step, in request order: each entry is a {@link dev.stepgym.protocol.StepResult}
 * or an {@link dev.stepgym.protocol.ErrorBody} ({@code {"error":{…}}}) for that entry alone.
 */
public record BatchResult(List<Object> results) {
    public BatchResult {
        results = List.copyOf(results);
    }
}
