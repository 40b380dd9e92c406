package dev.stepgym.agents.baseline;

import dev.stepgym.agents.Policy;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.Observation;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The oracle's decisions in one {@code shop-v1} episode. By page ({@code observation.data.page}):
 * <ul>
 *   <li>search: {@code search[<search_query>]} (broadened if an earlier search found nothing);</li>
 *   <li>results: click the goal asin if listed; otherwise {@code click[next >]}, at most
 *       {@value #MAX_NEXT_PAGES} times; then fall back to the best-matching result seen (going back
 *       with {@code click[< prev]} to its page) so the episode always ends with a purchase;</li>
 *   <li>item: click each goal option value the item offers, then {@code click[buy now]};</li>
 *   <li>description / features: go back to the item.</li>
 * </ul>
 */
final class OracleShopPolicy implements Policy {
    static final int MAX_NEXT_PAGES = 5;

    private final ShopGoal goal;
    private final Set<String> goalWords;
    /** 1-based number of the results page we are on. */
    private int resultsPage = 1;
    private int nextPagesFollowed;
    private boolean givingUp;
    private int searchesMade;
    private Candidate best;
    private final Set<String> clickedOptions = new HashSet<>();

    /** A fallback result: its asin, its match score and the results page it was on. */
    private record Candidate(String asin, double score, int page) {
    }

    OracleShopPolicy(ShopGoal goal) {
        this.goal = goal;
        Set<String> words = new HashSet<>(ActionTemplates.words(goal.searchQuery()));
        goal.attributes().forEach(a -> words.addAll(ActionTemplates.words(a)));
        goal.optionValues().forEach(v -> words.addAll(ActionTemplates.words(v)));
        this.goalWords = Set.copyOf(words);
    }

    @Override
    public Action next(Observation observation) {
        String page = observation.data().get("page") instanceof String p ? p.toLowerCase(Locale.ROOT) : guessPage(observation);
        return switch (page) {
            case "search" -> onSearch();
            case "results" -> onResults(observation);
            case "item" -> onItem(observation);
            case "description", "features" -> back(observation);
            default -> Action.text(available(observation, "click[buy now]"));
        };
    }

    private Action onSearch() {
        // Each new search page means the previous query found nothing to buy: broaden it.
        String query = broadened(goal.searchQuery(), searchesMade++);
        resultsPage = 1;
        nextPagesFollowed = 0;
        givingUp = false;
        return Action.text("search[" + query + "]");
    }

    /** The query for the n-th search: whole, then its first half, then its first word. */
    static String broadened(String query, int attempt) {
        String[] words = query.trim().split("\\s+");
        if (attempt == 0 || words.length <= 1) {
            return query;
        }
        int keep = attempt == 1 ? Math.max(1, words.length / 2) : 1;
        return String.join(" ", java.util.Arrays.copyOf(words, keep));
    }

    private Action onResults(Observation observation) {
        List<Map<?, ?>> results = results(observation);
        for (Map<?, ?> result : results) {
            if (goal.asin().equalsIgnoreCase(String.valueOf(result.get("asin")))) {
                return click(observation, String.valueOf(result.get("asin")));
            }
        }
        for (Map<?, ?> result : results) {
            double score = score(result);
            if (result.get("asin") != null && (best == null || score > best.score())) {
                best = new Candidate(String.valueOf(result.get("asin")), score, resultsPage);
            }
        }
        if (!givingUp && nextPagesFollowed < MAX_NEXT_PAGES && has(observation, "click[next >]")) {
            nextPagesFollowed++;
            resultsPage++;
            return Action.text(available(observation, "click[next >]"));
        }
        givingUp = true;
        if (best == null) {
            // Nothing to buy on any page: search again from the start (the query may be too narrow).
            return Action.text(available(observation, "click[back to search]"));
        }
        if (resultsPage > best.page() && has(observation, "click[< prev]")) {
            resultsPage--;
            return Action.text(available(observation, "click[< prev]"));
        }
        String onThisPage = results.stream().map(r -> String.valueOf(r.get("asin")))
                .filter(a -> a.equalsIgnoreCase(best.asin())).findFirst()
                .orElseGet(() -> results.stream().max(java.util.Comparator.comparingDouble(this::score))
                        .map(r -> String.valueOf(r.get("asin"))).orElse(best.asin()));
        return click(observation, onThisPage);
    }

    private Action onItem(Observation observation) {
        Map<?, ?> item = observation.data().get("item") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> options = item.get("options") instanceof Map<?, ?> o ? o : Map.of();
        for (String wanted : goal.optionValues()) {
            if (clickedOptions.contains(wanted.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (Object values : options.values()) {
                List<?> offered = values instanceof List<?> l ? l : List.of(values);
                for (Object value : offered) {
                    if (wanted.equalsIgnoreCase(String.valueOf(value))) {
                        clickedOptions.add(wanted.toLowerCase(Locale.ROOT));
                        return click(observation, String.valueOf(value));
                    }
                }
            }
        }
        return Action.text(available(observation, "click[buy now]"));
    }

    private static Action back(Observation observation) {
        for (String candidate : List.of("click[< prev]", "click[back to item]")) {
            if (has(observation, candidate)) {
                return Action.text(available(observation, candidate));
            }
        }
        return Action.text(available(observation, "click[buy now]"));
    }

    /**
     * How well a result matches the goal: shared words between its title and the goal's query,
     * attributes and options, plus one if its price is within the limit (minus one if above).
     */
    double score(Map<?, ?> result) {
        double score = 0;
        for (String word : ActionTemplates.words(String.valueOf(result.get("title")))) {
            if (goalWords.contains(word)) {
                score++;
            }
        }
        if (goal.priceUpper() != null && result.get("price") instanceof Number price) {
            score += price.doubleValue() <= goal.priceUpper() ? 1 : -1;
        }
        return score;
    }

    private static List<Map<?, ?>> results(Observation observation) {
        if (!(observation.data().get("results") instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).<Map<?, ?>>map(Map.class::cast).toList();
    }

    /** When the page is not named, the listed actions tell it. */
    private static String guessPage(Observation observation) {
        if (observation.availableActions().stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).startsWith("search["))) {
            return "search";
        }
        if (has(observation, "click[buy now]")) {
            return "item";
        }
        return observation.data().containsKey("results") ? "results" : "unknown";
    }

    private static Action click(Observation observation, String target) {
        return Action.text(available(observation, "click[" + target + "]"));
    }

    private static boolean has(Observation observation, String action) {
        return observation.availableActions().stream().anyMatch(a -> a.equalsIgnoreCase(action));
    }

    /** The action as the environment spells it in {@code available_actions}, else as given. */
    private static String available(Observation observation, String action) {
        return observation.availableActions().stream().filter(a -> a.equalsIgnoreCase(action)).findFirst().orElse(action);
    }
}
