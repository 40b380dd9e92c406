package dev.stepgym.rewards.webshop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options a goal asks for, in one of WebShop's two shapes. The reward treats them differently
 * (docs/webshop-reward.md §2.3): a dict goal is scored on {@code (name, value)} pairs, a list goal on
 * plain values. In the context a dict goal is a JSON object, a list goal an array
 * ({@link #toJson()}, {@link WebShopEvidence#goal}).
 */
public sealed interface GoalOptions permits GoalOptions.Named, GoalOptions.Values {

    /** n_O: the number of goal options. */
    int size();

    /** The option values an agent clicks to satisfy the goal, in order. */
    List<String> values();

    /** What the fuzzy scorer compares chosen values with, after colour normalisation. */
    List<String> scoringTargets();

    /** The JSON shape: an object for dict goals, an array for list goals. */
    Object toJson();

    /** Synthetic goals: one combination of the product's options, {@code {name: value}}. */
    record Named(Map<String, String> options) implements GoalOptions {
        public Named {
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        }

        @Override
        public int size() {
            return options.size();
        }

        @Override
        public List<String> values() {
            return List.copyOf(options.values());
        }

        @Override
        public List<String> scoringTargets() {
            List<String> out = new ArrayList<>();
            options.forEach((name, value) -> out.add(ColorNormalizer.normalizePair(name, value)));
            return out;
        }

        @Override
        public Object toJson() {
            return options;
        }
    }

    /** Human goals: the annotated option values, e.g. {@code ["black", "x-large"]}. */
    record Values(List<String> values) implements GoalOptions {
        public Values {
            values = List.copyOf(values);
        }

        @Override
        public int size() {
            return values.size();
        }

        @Override
        public List<String> scoringTargets() {
            List<String> out = new ArrayList<>();
            for (String v : values) {
                out.add(ColorNormalizer.normalize(v));
            }
            return out;
        }

        @Override
        public Object toJson() {
            return values;
        }
    }
}
