package dev.stepgym.rewards.progress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The held-out split of a training run, as recorded in the manifest: stratified and seeded.
 * Episodes are grouped by source (the agent or run that recorded them, see
 * {@link ProgressEpisode#source()}) and outcome class (success: outcome ≥ the success threshold;
 * failure: below); each group of n ≥ 2 episodes holds out round(fraction·n) of them, at least one
 * and at most n − 1, drawn by a seeded shuffle of the group sorted by task, reset seed and episode
 * id. So every source and class with two episodes or more has held-out episodes, and the same data
 * and seed give the same split on any machine; episodes recorded again from the same tasks and seeds
 * (new episode ids) are split the same way too.
 *
 * @param seed     the shuffle's seed (the trainer's {@code --seed})
 * @param fraction the share held out of each group
 * @param strata   the groups, by source then class
 * @param heldOut  the held-out episode ids, sorted
 */
public record ProgressSplit(int seed, double fraction, List<Stratum> strata, List<String> heldOut) {
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";

    public ProgressSplit {
        strata = List.copyOf(strata);
        heldOut = List.copyOf(heldOut);
    }

    /**
     * @param source   the episodes' source ("" when unknown)
     * @param outcome  {@link #SUCCESS} or {@link #FAILURE}
     * @param episodes episodes in the group
     * @param heldOut  of which held out
     */
    public record Stratum(String source, String outcome, int episodes, int heldOut) {
    }

    /** Whether an episode was held out. */
    public boolean isHeldOut(String episodeId) {
        return heldOut.contains(episodeId);
    }

    /** A split with the episodes on each side. */
    record Assignment(ProgressSplit split, List<ProgressEpisode> train, List<ProgressEpisode> heldOut) {
    }

    /** Task, reset seed, then episode id: the order a group is shuffled from. */
    private static final Comparator<ProgressEpisode> STABLE_ORDER = Comparator.comparing(ProgressEpisode::task)
            .thenComparingLong(ProgressEpisode::seed).thenComparing(ProgressEpisode::episodeId);

    static String outcomeClass(double outcome, double successThreshold) {
        return outcome >= successThreshold ? SUCCESS : FAILURE;
    }

    static Assignment assign(List<ProgressEpisode> episodes, double fraction, double successThreshold, int seed) {
        Map<String, Map<String, List<ProgressEpisode>>> groups = new TreeMap<>();
        for (ProgressEpisode e : episodes) {
            groups.computeIfAbsent(e.source(), s -> new TreeMap<>())
                    .computeIfAbsent(outcomeClass(e.outcome(), successThreshold), c -> new ArrayList<>()).add(e);
        }
        List<Stratum> strata = new ArrayList<>();
        List<ProgressEpisode> held = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<ProgressEpisode>>> bySource : groups.entrySet()) {
            for (Map.Entry<String, List<ProgressEpisode>> byClass : bySource.getValue().entrySet()) {
                List<ProgressEpisode> group = new ArrayList<>(byClass.getValue());
                group.sort(STABLE_ORDER);
                int n = group.size();
                int take = n < 2 ? 0 : (int) Math.max(1, Math.min(n - 1, Math.round(fraction * n)));
                SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L
                        + (bySource.getKey() + "\u0000" + byClass.getKey()).hashCode());
                for (int i = n - 1; i > 0; i--) { // Fisher–Yates
                    int j = random.nextInt(i + 1);
                    ProgressEpisode t = group.get(i);
                    group.set(i, group.get(j));
                    group.set(j, t);
                }
                held.addAll(group.subList(0, take));
                strata.add(new Stratum(bySource.getKey(), byClass.getKey(), n, take));
            }
        }
        if (held.isEmpty()) {
            // Every group has one episode: hold out the last by id, so there is a held-out figure at all.
            ProgressEpisode last = episodes.stream().max(Comparator.comparing(ProgressEpisode::episodeId)).orElseThrow();
            held.add(last);
            strata = strata.stream().map(s -> s.source().equals(last.source())
                    && s.outcome().equals(outcomeClass(last.outcome(), successThreshold))
                    ? new Stratum(s.source(), s.outcome(), s.episodes(), 1) : s).toList();
        }
        List<String> ids = held.stream().map(ProgressEpisode::episodeId).sorted().toList();
        // Training keeps the input order; held-out episodes are listed by id.
        java.util.Set<String> heldIds = new java.util.HashSet<>(ids);
        List<ProgressEpisode> train = episodes.stream().filter(e -> !heldIds.contains(e.episodeId())).toList();
        List<ProgressEpisode> heldOut = held.stream().sorted(Comparator.comparing(ProgressEpisode::episodeId)).toList();
        return new Assignment(new ProgressSplit(seed, fraction, strata, ids), train, heldOut);
    }
}
