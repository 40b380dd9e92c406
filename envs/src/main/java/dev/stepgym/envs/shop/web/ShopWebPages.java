package dev.stepgym.envs.shop.web;

import dev.stepgym.envs.shop.ShopStore;
import dev.stepgym.envs.shop.catalog.Product;
import dev.stepgym.envs.shop.goal.Task;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.env.WebPages;
import dev.stepgym.rewards.webshop.RewardBreakdown;
import dev.stepgym.rewards.webshop.WebShopReward;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The shop as stateless HTML pages. Paths (below the mount point):
 * <ul>
 *   <li>{@code ""} — home, a search form ({@code ?task=id} shows that task's instruction)</li>
 *   <li>{@code search?q=…&page=n} — ten results per page</li>
 *   <li>{@code item/<asin>?q=…&page=n&<option name>=<value>…} — item page; option links set one option</li>
 *   <li>{@code item/<asin>/description}, {@code item/<asin>/features}</li>
 *   <li>{@code buy/<asin>?…} — the purchase; with {@code task} it shows WebShop's score</li>
 * </ul>
 * Parameters {@code q}, {@code page} and {@code task} travel on every link. Links are relative to the
 * mount point, so the pages work wherever the server mounts them.
 */
public final class ShopWebPages implements WebPages {
    private static final String Q = "q";
    private static final String PAGE = "page";
    private static final String TASK = "task";

    private final ShopStore store;

    public ShopWebPages(ShopStore store) {
        this.store = store;
    }

    @Override
    public Page render(String path, Map<String, String> query) {
        String p = path == null ? "" : path.strip();
        Map<String, String> params = query == null ? Map.of() : query;
        int depth = (int) p.chars().filter(c -> c == '/').count();
        // Links are relative to the mount point; "./" (not "") so "?task=…" does not stay on the current path.
        String root = depth == 0 ? "./" : "../".repeat(depth);
        try {
            if (p.isEmpty() || p.equals("index.html")) {
                return home(root, params);
            }
            if (p.equals("search")) {
                return results(root, params);
            }
            String[] parts = p.split("/", -1);
            if (parts.length >= 2 && parts[0].equals("item")) {
                int index = store.catalog().indexOf(parts[1]);
                if (index < 0) {
                    return Page.notFound("product " + parts[1]);
                }
                if (parts.length == 2) {
                    return item(root, store.catalog().get(index), params, null);
                }
                if (parts.length == 3 && (parts[2].equals("description") || parts[2].equals("features"))) {
                    return item(root, store.catalog().get(index), params, parts[2]);
                }
            }
            if (parts.length == 2 && parts[0].equals("buy")) {
                int index = store.catalog().indexOf(parts[1]);
                return index < 0 ? Page.notFound("product " + parts[1]) : buy(root, store.catalog().get(index), params);
            }
            return Page.notFound(p);
        } catch (BadParameter e) {
            return new Page(400, "text/plain; charset=utf-8", "bad request: " + e.getMessage());
        } catch (StepGymException e) {
            return new Page(e.code().httpStatus(), "text/plain; charset=utf-8", e.getMessage());
        }
    }

    /** A parameter that cannot be used; answered with 400. */
    private static final class BadParameter extends RuntimeException {
        BadParameter(String message) {
            super(message);
        }
    }

    private Page home(String root, Map<String, String> params) {
        StringBuilder body = new StringBuilder();
        instruction(body, params);
        body.append("<form id=\"search-form\" action=\"").append(root).append("search\" method=\"get\">")
                .append("<input id=\"search-input\" type=\"text\" name=\"q\" aria-label=\"Search\">");
        if (params.get(TASK) != null) {
            body.append("<input type=\"hidden\" name=\"task\" value=\"").append(Html.escape(params.get(TASK))).append("\">");
        }
        body.append("<button id=\"search-button\" type=\"submit\">Search</button></form>");
        return page("Search", body);
    }

    private Page results(String root, Map<String, String> params) {
        String q = params.get(Q);
        if (q == null || q.isBlank()) {
            throw new BadParameter("search needs a non-empty q parameter");
        }
        int[] results = store.search(q);
        int last = Math.max(1, (results.length + ShopStore.PAGE_SIZE - 1) / ShopStore.PAGE_SIZE);
        int pageNumber = pageNumber(params, last);
        StringBuilder body = new StringBuilder();
        instruction(body, params);
        body.append("<a id=\"back-to-search\" href=\"").append(root).append('?')
                .append(Html.escape(Html.query(carry(params, false)))).append("\">Back to Search</a>");
        body.append("<p id=\"result-summary\">Page ").append(pageNumber).append(" of ").append(last)
                .append(" (total results: ").append(results.length).append(") for &quot;").append(Html.escape(q))
                .append("&quot;</p>");
        if (pageNumber > 1) {
            body.append(link("prev-page", root + "search?" + Html.query(withPage(params, pageNumber - 1)), "< Prev"));
        }
        if (pageNumber < last) {
            body.append(link("next-page", root + "search?" + Html.query(withPage(params, pageNumber + 1)), "Next >"));
        }
        body.append("<ul id=\"results\">");
        int from = (pageNumber - 1) * ShopStore.PAGE_SIZE;
        for (int i = from; i < Math.min(results.length, from + ShopStore.PAGE_SIZE); i++) {
            Product product = store.catalog().get(results[i]);
            Map<String, String> itemParams = withPage(params, pageNumber);
            body.append("<li class=\"result\">")
                    .append(link("result-" + product.asin().toLowerCase(Locale.ROOT),
                            root + "item/" + product.asin() + "?" + Html.query(itemParams), product.asin()))
                    .append(" <span class=\"title\">").append(Html.escape(product.name())).append("</span> <span class=\"price\">")
                    .append(Html.escape(product.priceTag())).append("</span></li>");
        }
        body.append("</ul>");
        return page("Results", body);
    }

    private Page item(String root, Product product, Map<String, String> params, String subPage) {
        Map<String, String> selected = selected(product, params);
        StringBuilder body = new StringBuilder();
        instruction(body, params);
        Map<String, String> state = carry(params, true);
        state.putAll(selected);
        String itemUrl = root + "item/" + product.asin();
        body.append("<a id=\"back-to-search\" href=\"").append(root).append('?')
                .append(Html.escape(Html.query(carry(params, false)))).append("\">Back to Search</a>");
        String prev = subPage == null
                ? (params.get(Q) == null ? root + "?" + Html.query(carry(params, false)) : root + "search?" + Html.query(carry(params, true)))
                : itemUrl + "?" + Html.query(state);
        body.append(link("prev", prev, "< Prev"));
        body.append("<h1 id=\"item-title\" data-asin=\"").append(Html.escape(product.asin())).append("\">")
                .append(Html.escape(product.name())).append("</h1>")
                .append("<p id=\"item-price\">Price: ").append(Html.escape(product.priceTag())).append("</p>");
        if (subPage == null) {
            product.options().forEach((name, values) -> {
                body.append("<div class=\"option\" data-option=\"").append(Html.escape(name)).append("\"><span>")
                        .append(Html.escape(name)).append("</span>");
                for (String value : values) {
                    Map<String, String> next = new LinkedHashMap<>(state);
                    next.put(name, value);
                    boolean chosen = value.equals(selected.get(name));
                    body.append(" <a class=\"option-value").append(chosen ? " selected" : "").append("\" id=\"option-")
                            .append(Html.slug(name)).append('-').append(Html.slug(value)).append("\" data-value=\"")
                            .append(Html.escape(value)).append("\" aria-pressed=\"").append(chosen).append("\" href=\"")
                            .append(Html.escape(itemUrl + "?" + Html.query(next))).append("\">")
                            .append(Html.escape(value)).append("</a>");
                }
                body.append("</div>");
            });
            body.append(link("description", itemUrl + "/description?" + Html.query(state), "Description"));
            body.append(link("features", itemUrl + "/features?" + Html.query(state), "Features"));
            body.append(link("buy-now", root + "buy/" + product.asin() + "?" + Html.query(state), "Buy Now"));
        } else if (subPage.equals("description")) {
            body.append("<div id=\"item-description\">").append(Html.escape(product.description())).append("</div>");
        } else {
            body.append("<ul id=\"item-features\">");
            product.bulletPoints().forEach(b -> body.append("<li>").append(Html.escape(b)).append("</li>"));
            body.append("</ul>");
        }
        return page(product.name(), body);
    }

    private Page buy(String root, Product product, Map<String, String> params) {
        Map<String, String> selected = selected(product, params);
        StringBuilder body = new StringBuilder("<h1 id=\"thank-you\">Thank you for shopping with us!</h1>");
        body.append("<p id=\"purchased\" data-asin=\"").append(Html.escape(product.asin())).append("\">")
                .append(Html.escape(product.name())).append("</p><ul id=\"purchased-options\">");
        selected.forEach((k, v) -> body.append("<li data-option=\"").append(Html.escape(k)).append("\">")
                .append(Html.escape(k)).append(": ").append(Html.escape(v)).append("</li>"));
        body.append("</ul>");
        String taskId = params.get(TASK);
        if (taskId != null) {
            Task task = store.tasks().task(taskId);
            RewardBreakdown r = WebShopReward.score(product.toPurchased(), selected.values(), task.goal().target());
            body.append("<p id=\"instruction\">").append(Html.escape(task.goal().instruction())).append("</p>")
                    .append("<p id=\"score\" data-score=\"").append(r.total()).append("\">Your score: ")
                    .append(String.format(Locale.ROOT, "%.4f", r.total())).append("</p><table id=\"score-details\">");
            r.info().forEach((k, v) -> body.append("<tr><td>").append(Html.escape(k)).append("</td><td>")
                    .append(Html.escape(String.valueOf(v))).append("</td></tr>"));
            body.append("</table>");
        }
        body.append(link("back-to-search", root + "?" + Html.query(carry(params, false)), "Back to Search"));
        return page("Done", body);
    }

    /** Options chosen in the URL: parameters named like one of the product's options. */
    private static Map<String, String> selected(Product product, Map<String, String> params) {
        Map<String, String> selected = new LinkedHashMap<>();
        product.options().forEach((name, values) -> {
            String value = params.get(name);
            if (value != null) {
                if (!values.contains(value)) {
                    throw new BadParameter("'" + value + "' is not a value of option '" + name + "'; values: " + values);
                }
                selected.put(name, value);
            }
        });
        return selected;
    }

    private static int pageNumber(Map<String, String> params, int last) {
        String raw = params.get(PAGE);
        if (raw == null) {
            return 1;
        }
        try {
            int n = Integer.parseInt(raw.strip());
            if (n < 1 || n > last) {
                throw new BadParameter("page must be between 1 and " + last + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadParameter("page must be an integer, got '" + raw + "'");
        }
    }

    /** task (and q, page when {@code withSearch}) carried from page to page. */
    private static Map<String, String> carry(Map<String, String> params, boolean withSearch) {
        Map<String, String> out = new LinkedHashMap<>();
        if (withSearch) {
            out.put(Q, params.get(Q));
            out.put(PAGE, params.get(PAGE));
        }
        out.put(TASK, params.get(TASK));
        return out;
    }

    private static Map<String, String> withPage(Map<String, String> params, int page) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(Q, params.get(Q));
        out.put(PAGE, Integer.toString(page));
        out.put(TASK, params.get(TASK));
        return out;
    }

    private void instruction(StringBuilder body, Map<String, String> params) {
        String taskId = params.get(TASK);
        if (taskId != null) {
            body.append("<div id=\"instruction\">Instruction: ")
                    .append(Html.escape(store.tasks().task(taskId).goal().instruction())).append("</div>");
        }
    }

    private static String link(String id, String href, String text) {
        return "<a id=\"" + Html.escape(id) + "\" href=\"" + Html.escape(href) + "\">" + Html.escape(text) + "</a> ";
    }

    private static Page page(String title, StringBuilder body) {
        return Page.html("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + Html.escape(title) + " - StepGym Shop</title></head><body>" + body + "</body></html>");
    }
}
