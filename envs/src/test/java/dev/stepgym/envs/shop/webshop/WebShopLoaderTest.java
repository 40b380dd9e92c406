package dev.stepgym.envs.shop.webshop;

import dev.stepgym.envs.shop.ShopEnvironment;
import dev.stepgym.envs.shop.ShopEnvironmentFactory;
import dev.stepgym.envs.shop.ShopEnvironmentProvider;
import dev.stepgym.envs.shop.catalog.Product;
import dev.stepgym.envs.shop.goal.Goal;
import dev.stepgym.rewards.webshop.GoalOptions;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Transition;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebShopLoaderTest {
    static Path fixture(String name) {
        try {
            return Path.of(WebShopLoaderTest.class.getResource("/webshop/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static final Path PRODUCTS = fixture("items_shuffle.json");
    static final Path ATTRIBUTES = fixture("items_ins_v2.json");
    static final Path HUMAN = fixture("items_human_ins.json");

    @Test
    void normalisesProductsAsLoadProductsDoes() {
        WebShopData data = WebShopLoader.load(PRODUCTS, ATTRIBUTES, HUMAN, null, 0);
        assertEquals(3, data.catalog().size(), "nan, an 11-character asin and a repeated asin are skipped");
        Product tee = data.catalog().get(0);
        assertEquals("men's t-shirts", tee.query());
        assertEquals(List.of("black | white", "navy blue"), tee.options().get("color"));
        assertEquals(List.of("x-large", "large"), tee.options().get("size"));
        assertEquals(15.99, tee.price());
        assertEquals("$15.99", tee.priceTag());
        assertEquals(List.of("machine washable", "short sleeve"), tee.attributes());
        assertEquals(List.of("Machine washable", "100% cotton"), tee.bulletPoints());
        assertEquals(List.of("acme", "bold", "quote", "co", "cotton", "t-shirt", "men"), tee.nouns());

        Product polo = data.catalog().get(1);
        assertEquals("$10.0 to $20.0", polo.priceTag());
        assertTrue(polo.price() >= 10 && polo.price() <= 20);
        assertEquals(polo.price(), WebShopLoader.load(PRODUCTS, ATTRIBUTES, HUMAN, null, 0).catalog().get(1).price(),
                "the range price is drawn with the seed");
        assertTrue(polo.options().isEmpty());

        Product shampoo = data.catalog().get(2);
        assertEquals(100.0, shampoo.price());
        assertEquals(List.of("DUMMY_ATTR"), shampoo.attributes());
        assertEquals(List.of("Sulfate free shampoo"), shampoo.bulletPoints());
    }

    @Test
    void humanGoalsUseListOptionsAndSkipGoalsWithoutAttributes() {
        WebShopData data = WebShopLoader.load(PRODUCTS, ATTRIBUTES, HUMAN, null, 0);
        assertEquals(2, data.goals().size());
        Goal shampoo = data.goals().stream().filter(g -> g.asin().equals("B000TEST03")).findFirst().orElseThrow();
        assertEquals(new GoalOptions.Values(List.of("lavender")), shampoo.options());
        assertTrue(shampoo.instruction().startsWith("i am looking for a sulfate free shampoo with lavender scent, and price lower than "),
                shampoo.instruction());
        assertTrue(List.of(120.0, 130.0, 140.0).contains(shampoo.priceUpper()), "the larger of two of 110..140");
    }

    @Test
    void syntheticGoalsFromTheAttributeFileUseDictOptions() {
        WebShopData data = WebShopLoader.load(PRODUCTS, ATTRIBUTES, null, null, 3);
        assertEquals(2, data.goals().size(), "only products with an instruction in the attribute file");
        Goal tee = data.goals().stream().filter(g -> g.asin().equals("B000TEST01")).findFirst().orElseThrow();
        Map<String, String> options = ((GoalOptions.Named) tee.options()).options();
        assertEquals(List.of("color", "size"), List.copyOf(options.keySet()));
        assertTrue(tee.instruction().startsWith("i want a men's cotton t-shirt that is machine washable with color: "), tee.instruction());
    }

    @Test
    void limitKeepsTheFirstItems() {
        assertEquals(1, WebShopLoader.load(PRODUCTS, ATTRIBUTES, HUMAN, 1, 0).catalog().size());
    }

    @Test
    void malformedFilesAreClearErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> WebShopLoader.load(ATTRIBUTES, ATTRIBUTES, null, null, 0));
        assertTrue(e.getMessage().contains("array"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WebShopLoader.load(PRODUCTS, PRODUCTS, null, null, 0));
    }

    @Test
    void pricingParsing() {
        var mapper = dev.stepgym.protocol.json.Json.mapper();
        assertEquals(List.of(1234.5), WebShopLoader.pricing(mapper.valueToTree("$1,234.50")));
        assertEquals(List.of(5.0, 9.99), WebShopLoader.pricing(mapper.valueToTree("$5.00 - $9.99 - $12")));
        assertEquals(List.of(), WebShopLoader.pricing(mapper.valueToTree("")));
    }

    @Test
    void theEnvironmentRunsOnWebShopData() {
        try (ShopEnvironmentFactory factory = new ShopEnvironmentProvider().open(Map.of(
                "webshop_products", PRODUCTS.toString(), "webshop_attributes", ATTRIBUTES.toString(),
                "webshop_human_instructions", HUMAN.toString()))) {
            String task = factory.tasks("train").stream()
                    .filter(id -> "B000TEST01".equals(goalAsin(factory, id))).findFirst().orElseThrow();
            ShopEnvironment env = factory.newEpisode();
            Map<?, ?> goal = (Map<?, ?>) env.reset(new ResetRequest(0, task, Map.of(), true)).info().get("goal");
            assertEquals(List.of("black", "x-large"), goal.get("options"));
            env.step(Action.text("search[" + goal.get("search_query") + "]"));
            env.step(Action.text("click[b000test01]"));
            env.step(Action.text("click[black | white]")); // normalises to "black"
            env.step(Action.text("click[x-large]"));
            Transition t = env.step(Action.text("click[buy now]"));
            assertEquals(1.0, (double) t.info().get("score"), 1e-12);
        }
    }

    private static String goalAsin(ShopEnvironmentFactory factory, String task) {
        Map<?, ?> goal = (Map<?, ?>) factory.newEpisode().reset(new ResetRequest(0, task, Map.of(), true)).info().get("goal");
        return (String) goal.get("asin");
    }
}
