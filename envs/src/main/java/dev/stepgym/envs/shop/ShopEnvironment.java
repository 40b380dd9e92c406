package dev.stepgym.envs.shop;

import dev.stepgym.envs.shop.catalog.Catalog;
import dev.stepgym.envs.shop.catalog.Product;
import dev.stepgym.envs.shop.goal.Goal;
import dev.stepgym.envs.shop.goal.Task;
import dev.stepgym.envs.shop.reward.ProgressPotential;
import dev.stepgym.envs.shop.reward.RewardBreakdown;
import dev.stepgym.envs.shop.reward.WebShopReward;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.env.Environment;
import dev.stepgym.protocol.env.ResetRequest;
import dev.stepgym.protocol.env.Start;
import dev.stepgym.protocol.env.Transition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code shop-v1} episode: search, result pages, item pages, options, buy. Holds a task
 * reference and a small {@link ShopSession}; everything else is in the shared {@link ShopStore}.
 *
 * <pre>{@code
 * Start start = env.reset(new ResetRequest(7, "shop-test-00017", Map.of(), false));
 * Transition t = env.step(Action.text("search[men's cotton polo shirt]"));
 * }</pre>
 */
public final class ShopEnvironment implements Environment {
    public static final String SOURCE = "env:shop";
    public static final String ATTRIBUTE_MATCH = "attribute_match";
    public static final String OPTION_MATCH = "option_match";
    public static final String PRICE_MATCH = "price_match";
    public static final String TYPE_MATCH = "type_match";
    public static final String PROGRESS = "progress";
    public static final String INVALID_ACTION = "invalid_action";
    public static final List<String> REWARD_COMPONENTS = List.of(ATTRIBUTE_MATCH, OPTION_MATCH, PRICE_MATCH,
            TYPE_MATCH, PROGRESS, INVALID_ACTION);
    static final double PROGRESS_WEIGHT = 0.1;
    static final double INVALID_WEIGHT = 0.1;

    private final ShopStore store;
    private Task task;
    private ShopSession session;
    /** Φ of the current state, kept so a step needs one potential evaluation, not two. */
    private double potential;
    /**
     * The item Φ was last scored for, with its options: moving between an item and its description
     * or features pages does not change Φ, and the fuzzy WebShop scoring is the costliest part of a step.
     */
    private int scoredItem = -1;
    private Map<String, String> scoredSelected = Map.of();
    private double scoredPotential;

    ShopEnvironment(ShopStore store) {
        this.store = store;
    }

    @Override
    public Start reset(ResetRequest request) {
        String split = request.option("split", "train");
        task = request.task() != null ? store.tasks().task(request.task()) : store.tasks().pick(split, request.seed());
        session = new ShopSession();
        potential = 0;
        scoredItem = -1;
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("task", task.id());
        info.put("split", task.split());
        info.put("instruction", task.goal().instruction());
        if (request.privileged()) {
            info.put("goal", privilegedGoal(task.goal()));
        }
        return new Start(observe(null), info);
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
            return new Transition(observe("the episode has ended with a purchase; reset to shop again"),
                    invalid(), true, false, Map.of());
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
        session.pageNumber = 1;
        session.item = -1;
    }

    private Transition buy() {
        Product product = store.catalog().get(session.item);
        Goal goal = task.goal();
        RewardBreakdown r = WebShopReward.score(product, product.price(), session.selected.values(), goal);
        session.score = r.total();
        session.page = ShopPage.DONE;
        List<RewardComponent> rewards = new ArrayList<>();
        rewards.add(new RewardComponent(ATTRIBUTE_MATCH, r.attributePart(), 1.0, SOURCE, RewardKind.OUTCOME));
        rewards.add(new RewardComponent(OPTION_MATCH, r.optionPart(), 1.0, SOURCE, RewardKind.OUTCOME));
        rewards.add(new RewardComponent(PRICE_MATCH, r.pricePart(), 1.0, SOURCE, RewardKind.OUTCOME));
        rewards.add(new RewardComponent(TYPE_MATCH, r.rType(), 0.0, SOURCE, RewardKind.OUTCOME));
        rewards.add(progress());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("webshop", r.info());
        info.put("score", r.total());
        info.put("purchased", product.asin());
        return new Transition(observe(null), rewards, true, false, info);
    }

    private Transition moved() {
        return Transition.of(observe(null), List.of(progress()), false);
    }

    private Transition rejected(String error) {
        return Transition.of(observe(error), invalid(), false);
    }

    private List<RewardComponent> invalid() {
        return List.of(new RewardComponent(PROGRESS, 0.0, PROGRESS_WEIGHT, SOURCE, RewardKind.SHAPING),
                new RewardComponent(INVALID_ACTION, -1.0, INVALID_WEIGHT, SOURCE, RewardKind.PENALTY));
    }

    /** Φ(new state) − Φ(previous state), and remembers the new Φ. */
    private RewardComponent progress() {
        double next = currentPotential();
        double delta = next - potential;
        potential = next;
        return new RewardComponent(PROGRESS, delta, PROGRESS_WEIGHT, SOURCE, RewardKind.SHAPING);
    }

    private double currentPotential() {
        Goal goal = task.goal();
        return switch (session.page) {
            case SEARCH, DONE -> 0;
            case RESULTS -> ProgressPotential.onResults(session.results, goal.product());
            case ITEM, DESCRIPTION, FEATURES -> itemPotential(goal);
        };
    }

    private double itemPotential(Goal goal) {
        if (session.item != scoredItem || !session.selected.equals(scoredSelected)) {
            scoredPotential = ProgressPotential.onItem(store.catalog().get(session.item), session.selected.values(), goal);
            scoredItem = session.item;
            scoredSelected = Map.copyOf(session.selected);
        }
        return scoredPotential;
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
        copy.potential = potential;
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
