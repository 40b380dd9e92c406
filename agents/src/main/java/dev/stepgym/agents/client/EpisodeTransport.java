package dev.stepgym.agents.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.StepResult;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The operations of episode protocol v1, whatever carries them (HTTP or one WebSocket). The
 * asynchronous methods are the primitives; the blocking ones wait for them and throw
 * {@link StepGymClientException} on any failure. Implementations are thread-safe: many episodes may
 * be driven through one transport at the same time.
 */
public interface EpisodeTransport extends AutoCloseable {

    /** {@code GET /v1/health}: {@code {"status":"ok","version":…}}. */
    CompletableFuture<Map<String, Object>> healthAsync();

    /** {@code GET /v1/envs}. */
    CompletableFuture<List<EnvSpec>> envsAsync();

    /** {@code POST /v1/episodes}: starts an episode. */
    CompletableFuture<ResetResult> resetAsync(ResetParams params);

    /** {@code POST /v1/episodes/{id}/step}. */
    CompletableFuture<StepResult> stepAsync(String episodeId, Action action);

    /** {@code POST /v1/episodes/{id}/fork}: a new, independent episode in the same state. */
    CompletableFuture<ResetResult> forkAsync(String episodeId);

    /** {@code DELETE /v1/episodes/{id}}; idempotent on the server. */
    CompletableFuture<EpisodeClosed> closeAsync(String episodeId);

    /** {@code GET /v1/episodes/{id}/trajectory}: the recorded steps, as the server sends them. */
    CompletableFuture<JsonNode> trajectoryAsync(String episodeId);

    /** {@code POST /v1/batch/step}: one result or error per entry, in order. */
    CompletableFuture<List<BatchStepResult>> batchStepAsync(List<BatchStep> steps);

    /** Releases the connection; pending requests fail with {@link StepGymClientException.Origin#SOCKET_CLOSED}. */
    @Override
    void close();

    default Map<String, Object> health() {
        return Await.result(healthAsync());
    }

    default List<EnvSpec> envs() {
        return Await.result(envsAsync());
    }

    default ResetResult reset(ResetParams params) {
        return Await.result(resetAsync(params));
    }

    /**
     * Starts an episode.
     *
     * @param task    a task id, or null to let the seed pick one
     * @param seed    a seed, or null to let the server draw one
     * @param options environment options, or null
     */
    default ResetResult reset(String env, String task, Long seed, Map<String, Object> options) {
        return reset(new ResetParams(env, task, seed, options));
    }

    default StepResult step(String episodeId, Action action) {
        return Await.result(stepAsync(episodeId, action));
    }

    default ResetResult fork(String episodeId) {
        return Await.result(forkAsync(episodeId));
    }

    default EpisodeClosed close(String episodeId) {
        return Await.result(closeAsync(episodeId));
    }

    default JsonNode trajectory(String episodeId) {
        return Await.result(trajectoryAsync(episodeId));
    }

    default List<BatchStepResult> batchStep(List<BatchStep> steps) {
        return Await.result(batchStepAsync(steps));
    }
}
