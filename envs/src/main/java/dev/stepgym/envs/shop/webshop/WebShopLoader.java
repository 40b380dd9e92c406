package dev.stepgym.envs.shop.webshop;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepgym.envs.shop.catalog.Catalog;
import dev.stepgym.envs.shop.catalog.Product;
import dev.stepgym.envs.shop.goal.Goal;
import dev.stepgym.rewards.webshop.GoalOptions;
import dev.stepgym.envs.shop.goal.PriceLimit;
import dev.stepgym.protocol.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Reads WebShop's data files (princeton-nlp/WebShop {@code web_agent_site/engine/engine.py::load_products}
 * and {@code goal.py::get_human_goals}):
 * <ul>
 *   <li>products: a JSON array of items with {@code asin}, {@code name}, {@code pricing} (e.g. {@code "$12.99"}
 *       or {@code "$10.00 - $20.00"}), {@code small_description}, {@code full_description},
 *       {@code customization_options} ({@code name → [{"value", "image"}]}), {@code category}, {@code query},
 *       {@code product_category}, {@code images}, …; read as a stream, item by item;</li>
 *   <li>attributes: {@code asin → {"attributes": [...], "instruction": …, "instruction_attributes": [...]}};</li>
 *   <li>human instructions: {@code asin → [{"instruction", "instruction_attributes", "instruction_options"}, …]}.</li>
 * </ul>
 * Normalisation as in load_products: asins {@code nan} or longer than 10 and repeats are skipped; the query
 * is lower-cased and stripped; option names are lower-cased, values stripped, {@code /} → {@code " | "},
 * lower-cased; prices are the numbers after each {@code $} (non-digits removed), a range drawing its
 * effective price uniformly once (seeded), no price giving 100.0; products without attributes get
 * {@code DUMMY_ATTR}. Title nouns come from {@link TitleNouns}.
 *
 * <p>Goals: human goals (list options) when the instruction file is given, skipping entries without
 * attributes; otherwise synthetic goals from the attribute file's {@code instruction} and
 * {@code instruction_attributes}, with one option combination per product drawn with the seed (WebShop
 * makes every combination). The goal list is then shuffled with the seed.
 */
public final class WebShopLoader {
    private static final ObjectMapper MAPPER = Json.mapper();

    private WebShopLoader() {
    }

    /**
     * @param limit keep only the first {@code limit} items of the product file (WebShop's num_products), or null
     * @throws IllegalArgumentException when a file is malformed or no goal can be built
     */
    public static WebShopData load(Path productsFile, Path attributesFile, Path humanFile, Integer limit, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        JsonNode attributes = readObject(attributesFile, "attributes");
        JsonNode human = humanFile == null ? null : readObject(humanFile, "human instructions");
        List<Product> products = readProducts(productsFile, attributes, limit, random);
        if (products.isEmpty()) {
            throw new IllegalArgumentException("no usable product in " + productsFile);
        }
        Catalog catalog = new Catalog(products);
        List<Goal> goals = human != null ? humanGoals(catalog, human, random) : syntheticGoals(catalog, attributes, random);
        if (goals.isEmpty()) {
            throw new IllegalArgumentException("no goal could be built from the WebShop files ("
                    + (human != null ? humanFile : attributesFile) + ")");
        }
        for (int i = goals.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Goal tmp = goals.get(i);
            goals.set(i, goals.get(j));
            goals.set(j, tmp);
        }
        return new WebShopData(catalog, goals);
    }

    private static JsonNode readObject(Path file, String what) {
        try {
            JsonNode node = MAPPER.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("WebShop " + what + " file must hold a JSON object: " + file);
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read WebShop " + what + " file " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Product> readProducts(Path file, JsonNode attributes, Integer limit, SplittableRandom random) {
        List<Product> products = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (InputStream in = Files.newInputStream(file); JsonParser parser = MAPPER.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("WebShop products file must hold a JSON array: " + file);
            }
            int read = 0;
            while (parser.nextToken() == JsonToken.START_OBJECT && (limit == null || read < limit)) {
                JsonNode item = MAPPER.readTree(parser);
                read++;
                String asin = item.path("asin").asText("nan");
                if (asin.equals("nan") || asin.length() > 10 || !seen.add(asin)) {
                    continue;
                }
                products.add(product(item, asin, attributes, random));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read WebShop products file " + file + ": " + e.getMessage(), e);
        }
        return products;
    }

    static Product product(JsonNode item, String asin, JsonNode attributes, SplittableRandom random) {
        String name = item.path("name").asText("");
        List<String> bullets = new ArrayList<>();
        JsonNode small = item.path("small_description");
        if (small.isArray()) {
            small.forEach(b -> bullets.add(b.asText()));
        } else if (!small.isMissingNode() && !small.isNull()) {
            bullets.add(small.asText());
        }
        List<Double> pricing = pricing(item.path("pricing"));
        String priceTag;
        double price;
        if (pricing.isEmpty()) {
            priceTag = "$100.0";
            price = 100.0;
        } else if (pricing.size() == 1) {
            priceTag = "$" + pricing.get(0);
            price = pricing.get(0);
        } else {
            double low = pricing.get(0), high = pricing.get(1);
            priceTag = "$" + low + " to $" + high;
            price = low + (high - low) * random.nextDouble(); // random.uniform(low, high)
        }
        Map<String, List<String>> options = new LinkedHashMap<>();
        JsonNode custom = item.path("customization_options");
        if (custom.isObject()) {
            custom.fields().forEachRemaining(e -> {
                if (e.getValue().isArray()) {
                    List<String> values = new ArrayList<>();
                    e.getValue().forEach(v -> values.add(
                            v.path("value").asText("").strip().replace("/", " | ").toLowerCase(Locale.ROOT)));
                    options.put(e.getKey().toLowerCase(Locale.ROOT), values);
                }
            });
        }
        List<String> attrs = new ArrayList<>();
        JsonNode annotated = attributes.path(asin).path("attributes");
        if (annotated.isArray()) {
            annotated.forEach(a -> attrs.add(a.asText()));
        } else {
            attrs.add("DUMMY_ATTR");
        }
        return new Product(asin, name, TitleNouns.of(name), item.path("category").asText(""),
                item.path("query").asText("").toLowerCase(Locale.ROOT).strip(), item.path("product_category").asText(""),
                attrs, options, price, priceTag, bullets, item.path("full_description").asText(""),
                // WebShop products know only the query they were scraped under.
                item.path("query").asText("").toLowerCase(Locale.ROOT).strip());
    }

    /** The numbers after each '$', non-digits (except '.') removed; at most two kept. */
    static List<Double> pricing(JsonNode node) {
        List<Double> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asDouble()));
        } else if (node.isTextual() && !node.asText().isEmpty()) {
            String[] pieces = node.asText().split("\\$", -1);
            for (int i = 1; i < pieces.length; i++) {
                String digits = pieces[i].replaceAll("[^\\d.]", "");
                try {
                    out.add(new BigDecimal(digits).doubleValue());
                } catch (NumberFormatException e) {
                    // WebShop would crash on such a piece; skipping it keeps the product usable
                }
            }
        } else if (node.isNumber()) {
            out.add(node.asDouble());
        }
        return out.size() > 2 ? List.copyOf(out.subList(0, 2)) : out;
    }

    private static List<Goal> humanGoals(Catalog catalog, JsonNode human, SplittableRandom random) {
        List<Goal> goals = new ArrayList<>();
        for (int index = 0; index < catalog.size(); index++) {
            Product p = catalog.get(index);
            JsonNode entries = human.path(p.asin());
            if (!entries.isArray()) {
                continue;
            }
            for (JsonNode entry : entries) {
                List<String> attrs = strings(entry.path("instruction_attributes"));
                if (attrs.isEmpty()) {
                    continue; // WebShop skips (and counts) these
                }
                double priceUpper = PriceLimit.draw(p.price(), random);
                String text = stripDots(entry.path("instruction").asText("")) + PriceLimit.text(priceUpper);
                goals.add(new Goal(index, p.asin(), p.name(), p.nouns(), p.query(), p.productCategory(), attrs,
                        new GoalOptions.Values(strings(entry.path("instruction_options"))), priceUpper, text));
            }
        }
        return goals;
    }

    private static List<Goal> syntheticGoals(Catalog catalog, JsonNode attributes, SplittableRandom random) {
        List<Goal> goals = new ArrayList<>();
        for (int index = 0; index < catalog.size(); index++) {
            Product p = catalog.get(index);
            JsonNode entry = attributes.path(p.asin());
            JsonNode instruction = entry.path("instruction");
            List<String> attrs = strings(entry.path("instruction_attributes"));
            if (!instruction.isTextual() || attrs.isEmpty()) {
                continue;
            }
            double priceUpper = PriceLimit.draw(p.price(), random);
            Map<String, String> options = new LinkedHashMap<>();
            new TreeMap<>(p.options()).forEach((name, values) -> {
                if (!values.isEmpty()) {
                    options.put(name, values.get(random.nextInt(values.size())));
                }
            });
            List<String> parts = new ArrayList<>();
            options.forEach((k, v) -> parts.add(k + ": " + v));
            String text = instruction.asText() + (parts.isEmpty() ? "" : " with " + String.join(", and ", parts))
                    + PriceLimit.text(priceUpper);
            goals.add(new Goal(index, p.asin(), p.name(), p.nouns(), p.query(), p.productCategory(), attrs,
                    new GoalOptions.Named(options), priceUpper, text));
        }
        return goals;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** Python's {@code str.strip('.')}. */
    static String stripDots(String s) {
        int from = 0, to = s.length();
        while (from < to && s.charAt(from) == '.') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == '.') {
            to--;
        }
        return s.substring(from, to);
    }
}
