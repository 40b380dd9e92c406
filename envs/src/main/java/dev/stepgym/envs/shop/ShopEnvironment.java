package dev.stepgym.envs.shop;

import dev.stepgym.envs.shop.catalog.Catalog;
import dev.stepgym.envs.shop.catalog.Product;
import dev.stepgym.envs.shop.goal.Goal;
import dev.stepgym.envs.shop.goal.Task;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Start;
import dev.stepgym.protocol.env.Transition;
import dev.stepgym.rewards.generic.InvalidActionSignal;
import dev.stepgym.rewards.webshop.AttributeMatchSignal;
import dev.stepgym.rewards.webshop.OptionMatchSignal;
import dev.stepgym.rewards.webshop.PriceMatchSignal;
import dev.stepgym.rewards.webshop.ProgressSignal;
import dev.stepgym.rewards.webshop.PurchasePartSignal;
import dev.stepgym.rewards.webshop.RewardBreakdown;
import dev.stepgym.rewards.webshop.TypeMatchSignal;
import dev.stepgym.rewards.webshop.WebShopEvidence;
import dev.stepgym.rewards.webshop.WebShopReward;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code shop-v1} episode: search, result pages, item pages, options, buy. Holds a task
 * reference and a small {@link ShopSession}; everything else is in the shared {@link ShopStore}.
 * Each step reports evidence (the page, the query, the result asins, the item shown, the chosen
 * options, whether it bought, the invalid-action flag; see {@link WebShopEvidence}) and the reset
 * reports the goal as context; the reward layer's WebShop signals turn them into components.
 *
 * <pre>{@code
 * Start start = env.reset(new ResetRequest(7, "shop-test-00017", Map.of(), false));
 * Transition t = env.step(Action.text("search[men's cotton polo shirt]"));
 * }</pre>
 */
public final class ShopEnvironment implements Environment {
    public static final String SOURCE = PurchasePartSignal.SOURCE;
    /** The components of the default reward pipeline, in order. */
    public static final List<String> REWARD_COMPONENTS = List.of(AttributeMatchSignal.NAME, OptionMatchSignal.NAME,
            PriceMatchSignal.NAME, TypeMatchSignal.NAME, ProgressSignal.NAME, InvalidActionSignal.NAME);

    private final ShopStore store;
    private Task task;
    private ShopSession session;

    ShopEnvironment(ShopStore store) {
        this.store = store;
    }

    @Override
    public Start reset(ResetRequest request) {
        String split = request.option("split", "train");
        task = request.task() != null ? store.tasks().task(request.task()) : store.tasks().pick(split, request.seed());
        session = new ShopSession();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("task", task.id());
        info.put("split", task.split());
        info.put("instruction", task.goal().instruction());
        if (request.privileged()) {
            info.put("goal", privilegedGoal(task.goal()));
        }
        return new Start(observe(null), info, Map.of(WebShopEvidence.GOAL, WebShopEvidence.goal(task.goal().target())));
    }

    private Map<String, Object> privilegedGoal(Goal goal) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("asin", goal.asin());
        g.put("search_query", store.searchQueryFor(goal));
        g.put("options", goal.options().toJson());
        g.put("attributes", goal.attributes());
        g.put("price_upper", goal.priceUpper());
        return g;
    }

    @Override
    public Transition step(Action action) {
        requireReset();
        if (session.page == ShopPage.DONE) {
            return Transition.observed(observe("the episode has ended with a purchase; reset to shop again"),
                    evidence(true, false), true, false, Map.of());
        }
        ShopAction.Parsed parsed = ShopAction.parse(action);
        if (parsed.error() != null) {
            return rejected(parsed.error());
        }
        ShopAction a = parsed.action();
        if (a.verb().equals(ShopAction.SEARCH)) {
            if (session.page != ShopPage.SEARCH) {
                return rejected("search is only available on the search page; use click[back to search] first");
            }
            search(a.argument());
            return moved();
        }
        String target = a.argument().toLowerCase(Locale.ROOT);
        Catalog catalog = store.catalog();
        if (!ShopObservations.clickTargets(session, catalog).contains(target)) {
            return rejected(session.page == ShopPage.SEARCH
                    ? "nothing to click on the search page; use search[<query>]"
                    : "'" + ShopAction.abbreviate(a.argument()) + "' is not clickable on this page; clickable: "
                    + ShopObservations.clickTargets(session, catalog));
        }
        return click(target);
    }

    private void search(String query) {
        session.query = query;
        session.results = store.search(query);
        session.resultAsins = store.asins(session.results);
        session.pageNumber = 1;
        session.item = -1;
        session.selected.clear(); // WebShop resets the chosen options when results are computed
        session.page = ShopPage.RESULTS;
    }

    private Transition click(String target) {
        switch (session.page) {
            case RESULTS -> {
                switch (target) {
                    case ShopObservations.BACK_TO_SEARCH -> toSearchPage();
                    case ShopObservations.NEXT -> session.pageNumber++;
                    case ShopObservations.PREV -> session.pageNumber--;
                    default -> {
                        session.item = store.catalog().indexOf(target);
                        session.page = ShopPage.ITEM;
                    }
                }
            }
            case ITEM -> {
                switch (target) {
                    case ShopObservations.BACK_TO_SEARCH -> toSearchPage();
                    case ShopObservations.PREV -> {
                        session.item = -1;
                        session.page = ShopPage.RESULTS;
                    }
                    case ShopObservations.DESCRIPTION -> session.page = ShopPage.DESCRIPTION;
                    case ShopObservations.FEATURES -> session.page = ShopPage.FEATURES;
                    case ShopObservations.BUY_NOW -> {
                        return buy();
                    }
                    default -> {
                        Map.Entry<String, String> option = store.catalog().get(session.item).optionFor(target);
                        session.selected.put(option.getKey(), option.getValue());
                    }
                }
            }
            case DESCRIPTION, FEATURES -> {
                if (target.equals(ShopObservations.BACK_TO_SEARCH)) {
                    toSearchPage();
                } else {
                    session.page = ShopPage.ITEM;
                }
            }
            default -> throw new IllegalStateException("no click targets on " + session.page);
        }
        return moved();
    }

    private void toSearchPage() {
        session.page = ShopPage.SEARCH;
        session.query = null;
        session.results = ShopSession.NO_RESULTS;
        session.resultAsins = List.of();
        session.pageNumber = 1;
        session.item = -1;
    }

    private Transition buy() {
        Product product = store.catalog().get(session.item);
        // The outcome (info.score) is WebShop's score; the reward components come from the evidence.
        RewardBreakdown r = WebShopReward.score(product.toPurchased(), session.selected.values(), task.goal().target());
        session.score = r.total();
        session.page = ShopPage.DONE;
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("webshop", r.info());
        info.put("score", r.total());
        info.put("purchased", product.asin());
        return Transition.observed(observe(null), evidence(false, true), true, false, info);
    }

    private Transition moved() {
        return Transition.observed(observe(null), evidence(false, false), false, false, Map.of());
    }

    private Transition rejected(String error) {
        return Transition.observed(observe(error), evidence(true, false), false, false, Map.of());
    }

    /**
     * What the step left the session in, whatever the action was (an invalid step reports the
     * unchanged state, so the next step's progress can be computed from it).
     */
    private Map<String, Object> evidence(boolean invalid, boolean bought) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put(InvalidActionSignal.FIELD, invalid);
        e.put(WebShopEvidence.PAGE, session.page.wire());
        if (session.query != null) {
            e.put(WebShopEvidence.QUERY, session.query);
        }
        if (session.page == ShopPage.RESULTS) {
            e.put(WebShopEvidence.RESULTS, session.resultAsins);
            e.put(WebShopEvidence.PAGE_NUMBER, session.pageNumber);
        }
        if (session.item >= 0) {
            e.put(WebShopEvidence.ITEM, WebShopEvidence.item(store.catalog().get(session.item).toPurchased()));
        }
        e.put(WebShopEvidence.SELECTED, new LinkedHashMap<>(session.selected));
        e.put(WebShopEvidence.BOUGHT, bought);
        return e;
    }

    private Observation observe(String error) {
        return ShopObservations.render(session, store.catalog(), task.goal().instruction(), error);
    }

    private void requireReset() {
        if (task == null) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "reset the shop episode before stepping it");
        }
    }

    @Override
    public Environment fork() {
        requireReset();
        ShopEnvironment copy = new ShopEnvironment(store);
        copy.task = task;
        copy.session = session.copy();
        return copy;
    }

    @Override
    public Object state() {
        if (task == null) {
            return Map.of("task", "", "page", "unset");
        }
        String asin = session.item >= 0 ? store.catalog().get(session.item).asin() : null;
        return session.state(task.id(), asin);
    }

    @Override
    public Map<String, Object> outcome() {
        if (task == null || session.page != ShopPage.DONE) {
            return Map.of();
        }
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("purchased", store.catalog().get(session.item).asin());
        outcome.put("score", session.score);
        outcome.put("selected", new LinkedHashMap<>(session.selected));
        return outcome;
    }
}
