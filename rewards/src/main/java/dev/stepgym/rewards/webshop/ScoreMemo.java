package dev.stepgym.rewards.webshop;

import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small memo of {@link WebShopReward#score}: the fuzzy matching is the costliest part of a shop
 * step, and the same (item, chosen options, goal) is scored again and again — for Φ of this step
 * and of the step before, when moving between an item and its description or features pages, and
 * by the four purchase parts of one buy. Direct-mapped and lock-free: a slot holds one immutable
 * entry, a lookup compares the whole key, so a hit is always the value the formula gives (pure),
 * and a collision only costs a recomputation. Shared by every episode and thread.
 */
final class ScoreMemo {
    private static final int SLOTS = 1024;

    private record Key(PurchasedItem item, List<String> chosen, WebShopGoal goal) {
    }

    private record Entry(Key key, RewardBreakdown value) {
    }

    private static final AtomicReferenceArray<Entry> ENTRIES = new AtomicReferenceArray<>(SLOTS);

    private ScoreMemo() {
    }

    static RewardBreakdown score(PurchasedItem item, List<String> chosen, WebShopGoal goal) {
        Key key = new Key(item, List.copyOf(chosen), goal);
        int h = key.hashCode();
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        Entry e = ENTRIES.get(slot);
        if (e != null && e.key().equals(key)) {
            return e.value();
        }
        RewardBreakdown value = WebShopReward.score(item, chosen, goal);
        ENTRIES.set(slot, new Entry(key, value));
        return value;
    }
}
