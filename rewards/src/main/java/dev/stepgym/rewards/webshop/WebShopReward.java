package dev.stepgym.rewards.webshop;

import dev.stepgym.rewards.text.PythonText;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * WebShop's purchase reward ({@code goal.py::get_reward}) as specified in docs/webshop-reward.md:
 * type ladder, fuzzy attribute match with the text fallback, option match on colour-normalised
 * values, the price slot. Title nouns come from the products themselves instead of a POS tagger.
 *
 * <pre>{@code RewardBreakdown r = WebShopReward.score(item, List.of("black"), goal);}</pre>
 */
public final class WebShopReward {
    private WebShopReward() {
    }

    /**
     * @param purchased the bought product, with its effective price
     * @param chosen    the session's chosen option values (the values of {@code session["options"]})
     * @param goal      the goal
     */
    public static RewardBreakdown score(PurchasedItem purchased, Collection<String> chosen, WebShopGoal goal) {
        boolean queryMatch = purchased.query().equals(goal.query());
        boolean categoryMatch = sharedLevels(purchased.productCategory(), goal.productCategory()) >= 2;
        double titleScore = titleScore(purchased.nouns(), goal.nouns());
        double rType = typeReward(queryMatch, categoryMatch, titleScore);

        int attributeMatches = attributeMatches(purchased, goal.attributes());
        int optionMatches = optionMatches(chosen, goal.options().scoringTargets());
        boolean priceOk = purchased.price() <= goal.priceUpper();
        int nA = goal.attributes().size();
        int nO = goal.options().size();
        // Same order of operations as WebShop: (sum) / D, then * r_type.
        double total = (attributeMatches + optionMatches + (priceOk ? 1 : 0)) / (double) (nA + nO + 1);
        total *= rType;
        return new RewardBreakdown(rType, queryMatch, categoryMatch, titleScore, attributeMatches, nA,
                optionMatches, nO, priceOk, total);
    }

    /** The type ladder; later rules override earlier ones. */
    static double typeReward(boolean queryMatch, boolean categoryMatch, double titleScore) {
        double rType = 1.0;
        if (!(queryMatch || categoryMatch || titleScore > 0.2)) {
            rType = 0.5;
        }
        if (titleScore < 0.1) {
            rType = 0.1;
        }
        if (titleScore == 0.0) {
            rType = 0.0;
        }
        return rType;
    }

    /** |set(purchased) ∩ set(goal)| / len(goal), 0.2 when the goal has no nouns. */
    static double titleScore(List<String> purchasedNouns, List<String> goalNouns) {
        if (goalNouns.isEmpty()) {
            return 0.2;
        }
        Set<String> common = new HashSet<>(goalNouns);
        common.retainAll(new HashSet<>(purchasedNouns));
        return (double) common.size() / goalNouns.size();
    }

    static int sharedLevels(String a, String b) {
        Set<String> levels = levels(a);
        levels.retainAll(levels(b));
        return levels.size();
    }

    /** {@code {part.strip() for part in s.split('›')}}, with Python's strip (it also drops U+00A0, U+2007, U+202F). */
    static Set<String> levels(String breadcrumb) {
        Set<String> out = new HashSet<>();
        for (String part : breadcrumb.split("\u203A", -1)) {
            out.add(PythonText.strip(part));
        }
        return out;
    }

    static int attributeMatches(PurchasedItem purchased, List<String> goalAttributes) {
        String title = PythonText.lower(purchased.name());
        String bullets = PythonText.lower(String.join(" ", purchased.bulletPoints()));
        String description = PythonText.lower(purchased.description());
        int matches = 0;
        for (String g : goalAttributes) {
            boolean matched = false;
            for (String p : purchased.attributes()) {
                if (TokenSetRatio.matches(p, g)) {
                    matched = true;
                    break;
                }
            }
            // Text fallback: plain substring; the goal attribute itself is not lower-cased (as in WebShop).
            if (!matched && (title.contains(g) || bullets.contains(g) || description.contains(g))) {
                matched = true;
            }
            if (matched) {
                matches++;
            }
        }
        return matches;
    }

    static int optionMatches(Collection<String> chosen, List<String> goalTargets) {
        List<String> normalized = new ArrayList<>();
        for (String c : chosen) {
            normalized.add(ColorNormalizer.normalize(c));
        }
        int matches = 0;
        for (String g : goalTargets) {
            for (String c : normalized) {
                if (TokenSetRatio.matches(c, g)) {
                    matches++;
                    break;
                }
            }
        }
        return matches;
    }
}
