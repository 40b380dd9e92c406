package dev.stepgym.rewards.webshop;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WebShop's purchase score and its parts: {@code total = (mAtt + mOpt + P) / D * rType} with
 * {@code D = nA + nO + 1}.
 *
 * @param rType         type reward, one of 0, 0.1, 0.5, 1
 * @param queryMatch    purchased query equals the goal query
 * @param categoryMatch at least two breadcrumb levels shared
 * @param titleScore    |set(Np) ∩ set(Nd)| / len(Nd), or 0.2 without goal nouns
 * @param attributeMatches M_att
 * @param attributeCount   n_A
 * @param optionMatches    M_opt
 * @param optionCount      n_O
 * @param priceOk          P: price ≤ price_upper
 * @param total            the score, computed in WebShop's order of operations
 */
public record RewardBreakdown(double rType, boolean queryMatch, boolean categoryMatch, double titleScore,
                              int attributeMatches, int attributeCount, int optionMatches, int optionCount,
                              boolean priceOk, double total) {

    /** D = n_A + n_O + 1 (the price slot is always there). */
    public int denominator() {
        return attributeCount + optionCount + 1;
    }

    /** r_type · M_att / D: the attribute part of the total. */
    public double attributePart() {
        return rType * attributeMatches / denominator();
    }

    /** r_type · M_opt / D. */
    public double optionPart() {
        return rType * optionMatches / denominator();
    }

    /** r_type · P / D. */
    public double pricePart() {
        return rType * (priceOk ? 1 : 0) / denominator();
    }

    /** WebShop's verbose info, with its keys (r_option/w_option only when the goal has options). */
    public Map<String, Object> info() {
        double d = denominator();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("r_type", rType);
        info.put("r_att", (double) attributeMatches / attributeCount);
        info.put("w_att", attributeCount / d);
        info.put("query_match", queryMatch);
        info.put("category_match", categoryMatch);
        info.put("title_score", titleScore);
        if (optionCount > 0) {
            info.put("r_option", (double) optionMatches / optionCount);
            info.put("w_option", optionCount / d);
        }
        info.put("r_price", priceOk);
        info.put("w_price", 1 / d);
        return info;
    }
}
