package dev.stepgym.protocol.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Summaries of recently closed episodes, so a second close answers the same summary and a call on
 * an expired episode can say so. Bounded: the oldest are forgotten first.
 */
final class RecentEpisodes {
    /** A closed episode: where it was recorded, what it achieved and why it closed. */
    record Closed(String envId, EpisodeSummary summary, String reason) {
    }

    private final Map<String, Closed> entries;

    RecentEpisodes(int capacity) {
        this.entries = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Closed> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void put(String episodeId, Closed closed) {
        entries.put(episodeId, closed);
    }

    synchronized Closed get(String episodeId) {
        return entries.get(episodeId);
    }
}
