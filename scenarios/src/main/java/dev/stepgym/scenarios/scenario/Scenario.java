package dev.stepgym.scenarios.scenario;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A reproducible experiment: an environment, the tasks and seeds of its episodes, an agent, reward
 * weights and limits. Read from JSON (snake_case keys) by {@link ScenarioLoader}.
 *
 * <pre>{@code
 * {"name":"shop-oracle","env":"shop-v1","split":"test","seeds":{"start":0,"count":200},
 *  "agent":"oracle-shop","options":{"privileged":true},"allow_privileged":true,
 *  "reward_weights":{"progress":0.1},"max_steps":15,"concurrency":8}
 * }</pre>
 *
 * @param name            identifier recorded in every trajectory header
 * @param description     one line for humans
 * @param env             versioned environment id
 * @param split           task split the seeds pick from (ignored when {@code tasks} is given)
 * @param tasks           explicit task ids, one episode each (seeds still come from {@code seeds})
 * @param seeds           first seed and number of episodes
 * @param agent           default agent name (the CLI may override it)
 * @param options         reset options sent with every episode
 * @param allowPrivileged whether the server may expose privileged goal data (oracle agents)
 * @param rewardWeights   component name → weight, overriding the pipeline's weights
 * @param rewardPipeline  the reward pipeline of the scenario's environment (docs/rewards.md), or null
 *                        for the environment's default; {@code reward_weights} apply on top
 * @param maxSteps        step limit, or null for the environment's default
 * @param envSettings     settings passed to the environment when it opens (e.g. catalog size)
 * @param concurrency     episodes run at once
 */
public record Scenario(String name, String description, String env, String split, List<String> tasks,
                       Seeds seeds, String agent, Map<String, Object> options, boolean allowPrivileged,
                       Map<String, Double> rewardWeights, Map<String, Object> rewardPipeline, Integer maxSteps,
                       Map<String, String> envSettings, int concurrency) {

    /** Seeds {@code start, start+1, …, start+count-1}. */
    public record Seeds(long start, int count) {
        public Seeds {
            if (count < 1) {
                throw new IllegalArgumentException("seeds.count must be at least 1, got " + count);
            }
        }
    }

    public Scenario {
        Objects.requireNonNull(name, "scenario needs a \"name\"");
        Objects.requireNonNull(env, "scenario needs an \"env\"");
        split = split == null ? "test" : split;
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        seeds = seeds == null ? new Seeds(0, tasks.isEmpty() ? 1 : tasks.size()) : seeds;
        agent = agent == null ? "random" : agent;
        options = options == null ? Map.of() : Map.copyOf(options);
        rewardWeights = rewardWeights == null ? Map.of() : Map.copyOf(rewardWeights);
        envSettings = envSettings == null ? Map.of() : Map.copyOf(envSettings);
        concurrency = concurrency <= 0 ? 1 : concurrency;
        if (maxSteps != null && maxSteps < 1) {
            throw new IllegalArgumentException("max_steps must be at least 1, got " + maxSteps);
        }
        if (!tasks.isEmpty() && seeds.count() != tasks.size()) {
            throw new IllegalArgumentException("seeds.count (" + seeds.count() + ") must equal the number of tasks ("
                    + tasks.size() + ") when tasks are listed");
        }
    }

    /** The number of episodes the scenario runs. */
    public int episodes() {
        return seeds.count();
    }

    /** A copy that runs {@code count} episodes (the CLI's {@code --episodes}). */
    public Scenario withEpisodes(int count) {
        if (!tasks.isEmpty() && count != tasks.size()) {
            return new Scenario(name, description, env, split, tasks.subList(0, Math.min(count, tasks.size())),
                    new Seeds(seeds.start(), Math.min(count, tasks.size())), agent, options, allowPrivileged,
                    rewardWeights, rewardPipeline, maxSteps, envSettings, concurrency);
        }
        return new Scenario(name, description, env, split, tasks, new Seeds(seeds.start(), count), agent, options,
                allowPrivileged, rewardWeights, rewardPipeline, maxSteps, envSettings, concurrency);
    }

    public Scenario withAgent(String agentName) {
        return new Scenario(name, description, env, split, tasks, seeds, agentName, options, allowPrivileged,
                rewardWeights, rewardPipeline, maxSteps, envSettings, concurrency);
    }

    public Scenario withConcurrency(int n) {
        return new Scenario(name, description, env, split, tasks, seeds, agent, options, allowPrivileged,
                rewardWeights, rewardPipeline, maxSteps, envSettings, n);
    }
}
