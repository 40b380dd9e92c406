package dev.stepgym.envs.shop;

import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.ToolSpec;
import dev.stepgym.protocol.env.EnvironmentProvider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code shop-v1}, found through {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * try (var factory = new ShopEnvironmentProvider().open(Map.of("products", "10000"))) {
 *     var env = factory.newEpisode();
 * }
 * }</pre>
 */
public final class ShopEnvironmentProvider implements EnvironmentProvider {
    public static final String ID = "shop-v1";
    /** WebShop's default episode length. */
    public static final int MAX_STEPS = 15;

    private static final EnvSpec SPEC = new EnvSpec(ID,
            "WebShop-like store: search a catalog (BM25), browse result pages, open items, choose options and buy "
                    + "what the instruction asks for. Scored with WebShop's reward, split into attribute, option and "
                    + "price components, plus progress shaping and invalid-action penalties (the default reward pipeline).",
            "text",
            List.of(ToolSpec.withStringArgument("search", "Search the store (only on the search page).", "query",
                            "the search words"),
                    ToolSpec.withStringArgument("click", "Click a button, a product (its asin) or an option value.",
                            "target", "the text of what to click, e.g. 'next >', 'b0abc12345', 'x-large', 'buy now'")),
            MAX_STEPS,
            ShopEnvironment.REWARD_COMPONENTS);

    @Override
    public EnvSpec spec() {
        return SPEC;
    }

    /**
     * Today's components from the evidence: the WebShop purchase parts on the buying step (weight 1;
     * type_match 0, it already scales the other parts), progress shaping on every step (0.1) and the
     * invalid-action penalty (0.1), each with source {@code env:shop}.
     */
    @Override
    public Map<String, Object> defaultRewardPipeline() {
        List<Object> signals = List.of(signal("attribute_match", 1.0), signal("option_match", 1.0),
                signal("price_match", 1.0), signal("type_match", 0.0), signal("progress", 0.1),
                withParams(signal("invalid_action", 0.1), Map.of("source", ShopEnvironment.SOURCE)));
        Map<String, Object> pipeline = new LinkedHashMap<>();
        pipeline.put("signals", signals);
        return pipeline;
    }

    private static Map<String, Object> signal(String name, double weight) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("weight", weight);
        return s;
    }

    private static Map<String, Object> withParams(Map<String, Object> signal, Map<String, Object> params) {
        signal.put("params", params);
        return signal;
    }

    /** Settings: {@code products}, {@code catalog_seed}, {@code webshop_products}, {@code webshop_attributes}, {@code webshop_human_instructions}. */
    @Override
    public ShopEnvironmentFactory open(Map<String, String> settings) {
        ShopSettings parsed = ShopSettings.parse(settings == null ? Map.of() : settings);
        return new ShopEnvironmentFactory(SPEC, ShopStore.open(parsed));
    }
}
