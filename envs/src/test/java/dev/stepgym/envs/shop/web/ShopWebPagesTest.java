package dev.stepgym.envs.shop.web;

import dev.stepgym.envs.shop.ShopEnvironmentFactory;
import dev.stepgym.envs.shop.ShopEnvironmentProvider;
import dev.stepgym.protocol.env.WebPages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pages over the WebShop fixture, whose first product has HTML in its title and description. */
class ShopWebPagesTest {
    private static ShopEnvironmentFactory factory;
    private static WebPages pages;
    private static String task;

    @BeforeAll
    static void open() throws URISyntaxException {
        factory = new ShopEnvironmentProvider().open(Map.of(
                "webshop_products", fixture("items_shuffle.json"),
                "webshop_attributes", fixture("items_ins_v2.json"),
                "webshop_human_instructions", fixture("items_human_ins.json")));
        pages = factory.webPages().orElseThrow();
        task = factory.tasks("train").get(0);
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    private static String fixture(String name) throws URISyntaxException {
        return Path.of(ShopWebPagesTest.class.getResource("/webshop/" + name).toURI()).toString();
    }

    @Test
    void homeHasASearchFormAndTheInstruction() {
        WebPages.Page home = pages.render("", Map.of("task", task));
        assertEquals(200, home.status());
        assertTrue(home.contentType().startsWith("text/html"));
        assertTrue(home.body().contains("<form id=\"search-form\" action=\"./search\""), home.body());
        assertTrue(home.body().contains("id=\"search-input\"") && home.body().contains("id=\"search-button\""));
        assertTrue(home.body().contains("id=\"instruction\""));
        assertTrue(home.body().contains("name=\"task\" value=\"" + task + "\""));
    }

    @Test
    void resultsEscapeTitlesAndLinkToItems() {
        String body = pages.render("search", Map.of("q", "cotton t-shirt")).body();
        assertTrue(body.contains("Acme &lt;b&gt;Bold&lt;/b&gt; &quot;Quote&quot; &amp; Co&#39;s Cotton T-Shirt for Men"), body);
        assertFalse(body.contains("<b>Bold"));
        assertTrue(body.contains("id=\"result-b000test01\" href=\"./item/B000TEST01?q=cotton+t-shirt&amp;page=1\""), body);
        assertTrue(body.contains("id=\"back-to-search\""));
    }

    @Test
    void queryTextIsEscapedToo() {
        String body = pages.render("search", Map.of("q", "<script>alert('x')</script>")).body();
        assertFalse(body.contains("<script>"));
        assertTrue(body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    }

    @Test
    void itemPageOptionLinksCarryTheStateInTheUrl() {
        String body = pages.render("item/B000TEST01", Map.of("q", "shirt", "page", "1", "size", "large")).body();
        assertTrue(body.contains("id=\"option-color-black-white\""), body);
        // clicking black | white keeps size=large and q/page
        assertTrue(body.contains("href=\"../item/B000TEST01?q=shirt&amp;page=1&amp;size=large&amp;color=black+%7C+white\""), body);
        assertTrue(body.contains("class=\"option-value selected\" id=\"option-size-large\""), body);
        assertTrue(body.contains("id=\"buy-now\" href=\"../buy/B000TEST01?q=shirt&amp;page=1&amp;size=large\""), body);
        assertTrue(body.contains("id=\"prev\" href=\"../search?q=shirt&amp;page=1\""), body);
        assertTrue(body.contains(">Description</a>") && body.contains(">Features</a>"));
    }

    @Test
    void descriptionIsEscaped() {
        String body = pages.render("item/B000TEST01/description", Map.of()).body();
        assertTrue(body.contains("A soft tee. &lt;script&gt;alert(1)&lt;/script&gt;"), body);
        assertFalse(body.contains("<script>"));
        assertTrue(pages.render("item/B000TEST01/features", Map.of()).body().contains("<li>100% cotton</li>"));
    }

    @Test
    void buyPageShowsTheScoreForATask() {
        String asinTask = factory.tasks("train").stream().filter(id -> {
            Map<?, ?> goal = (Map<?, ?>) factory.newEpisode()
                    .reset(new dev.stepgym.protocol.env.ResetRequest(0, id, Map.of(), true)).info().get("goal");
            return goal.get("asin").equals("B000TEST01");
        }).findFirst().orElseThrow();
        String body = pages.render("buy/B000TEST01", Map.of("task", asinTask, "color", "black | white", "size", "x-large")).body();
        assertTrue(body.contains("id=\"score\" data-score=\"1.0\""), body);
        String without = pages.render("buy/B000TEST01", Map.of("task", asinTask)).body();
        assertTrue(without.contains("data-score=\"0.5\""), without); // (1 attribute + price) / (1 + 2 + 1)
    }

    @Test
    void badRequestsGetClearAnswers() {
        assertEquals(404, pages.render("item/B0NOTHERE1", Map.of()).status());
        assertEquals(404, pages.render("nowhere", Map.of()).status());
        assertEquals(400, pages.render("search", Map.of()).status());
        assertEquals(400, pages.render("search", Map.of("q", "shirt", "page", "abc")).status());
        assertEquals(400, pages.render("search", Map.of("q", "shirt", "page", "99")).status());
        WebPages.Page badOption = pages.render("item/B000TEST01", Map.of("color", "plaid"));
        assertEquals(400, badOption.status());
        assertTrue(badOption.body().contains("plaid"));
        assertEquals(404, pages.render("buy/B000TEST01", Map.of("task", "shop-train-99999")).status());
    }
}
