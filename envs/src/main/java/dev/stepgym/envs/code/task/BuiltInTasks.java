package dev.stepgym.envs.code.task;

import java.util.ArrayList;
import java.util.List;

import static dev.stepgym.envs.code.task.Mutation.rename;
import static dev.stepgym.envs.code.task.Mutation.replace;
import static dev.stepgym.envs.code.task.SuiteResources.py;
import static dev.stepgym.envs.code.task.SuiteResources.repo;
import static dev.stepgym.envs.code.task.SuiteResources.task;

/**
 * The tasks of the built-in suite: six mini repositories, each broken in one way per task. The
 * Python lives in resources ({@link SuiteResources}); this class says how each task breaks its
 * repository and what the agent is told.
 */
final class BuiltInTasks {
    static final String FIX_TYPE_ERROR = "fix-type-error";
    static final String FIX_FAILING_TEST = "fix-failing-test";
    static final String RENAME_SYMBOL = "rename-symbol";
    static final String IMPLEMENT_FUNCTION = "implement-function";
    static final String REMOVE_UNUSED_IMPORTS = "remove-unused-imports";
    static final String ADD_TYPE_ANNOTATIONS = "add-type-annotations";

    private static final String NOT_IMPLEMENTED = py("    raise NotImplementedError");
    private static final String METHOD_NOT_IMPLEMENTED = py("        raise NotImplementedError");

    private BuiltInTasks() {
    }

    static List<SuiteTask> all() {
        List<SuiteTask> tasks = new ArrayList<>();
        tasks.addAll(inventory());
        tasks.addAll(geometry());
        tasks.addAll(textutils());
        tasks.addAll(bank());
        tasks.addAll(graph());
        tasks.addAll(dates());
        return List.copyOf(tasks);
    }

    private static List<SuiteTask> inventory() {
        MiniRepo repo = repo("inventory", "__init__.py", "item.py", "report.py", "store.py");
        String store = "inventory/store.py";
        return List.of(
                task(repo, "price-of-optional", FIX_TYPE_ERROR,
                        "pyright reports a type error in inventory/store.py and tests/test_visible.py fails: "
                                + "Inventory.price_of crashes with AttributeError when the SKU is unknown. Make price_of "
                                + "raise KeyError(sku) for an unknown SKU, as its docstring says, so that the type error "
                                + "is gone and the tests pass.",
                        List.of(store),
                        replace(store, py(
                                "        item = self.find(sku)",
                                "        if item is None:",
                                "            raise KeyError(sku)",
                                "        return item.unit_price"), py(
                                "        return self.find(sku).unit_price"))),
                task(repo, "low-stock-boundary", FIX_FAILING_TEST,
                        "tests/test_visible.py fails: Inventory.low_stock in inventory/store.py leaves out items whose "
                                + "quantity equals the threshold, but its docstring says the threshold is inclusive. Fix it.",
                        List.of(store),
                        replace(store, "item.quantity <= threshold", "item.quantity < threshold")),
                task(repo, "rename-item", RENAME_SYMBOL,
                        "Rename the class Product to Item across the inventory package: its definition, every import "
                                + "and every use. tests/test_visible.py already uses the new name.",
                        List.of("inventory/item.py"),
                        rename("inventory", "Item", "Product")),
                task(repo, "implement-restock", IMPLEMENT_FUNCTION,
                        "Implement Inventory.restock in inventory/store.py as its docstring describes; "
                                + "tests/test_visible.py shows the expected behaviour.",
                        List.of(store),
                        replace(store, py(
                                "        if amount <= 0:",
                                "            raise ValueError(\"amount must be positive\")",
                                "        item = self.find(sku)",
                                "        if item is None:",
                                "            raise KeyError(sku)",
                                "        updated = Item(item.sku, item.name, item.unit_price, item.quantity + amount)",
                                "        self._items[sku] = updated",
                                "        return updated"), METHOD_NOT_IMPLEMENTED)),
                task(repo, "unused-imports", REMOVE_UNUSED_IMPORTS,
                        "inventory/report.py imports names it never uses, and so does inventory/item.py, the module "
                                + "one of those imports pulls in. Remove every unused import from the inventory package "
                                + "without changing its behaviour.",
                        List.of("inventory/report.py", "inventory/item.py"),
                        replace("inventory/report.py", py("from inventory.store import Inventory"), py(
                                "import os",
                                "",
                                "from inventory.item import Item",
                                "from inventory.store import Inventory")),
                        replace("inventory/item.py", py("from dataclasses import dataclass"), py(
                                "import json",
                                "from dataclasses import dataclass"))));
    }

    private static List<SuiteTask> geometry() {
        MiniRepo repo = repo("geometry", "__init__.py", "shapes.py", "vector.py");
        String shapes = "geometry/shapes.py";
        String vector = "geometry/vector.py";
        return List.of(
                task(repo, "contains-argument-type", FIX_TYPE_ERROR,
                        "pyright reports a wrong argument type in geometry/shapes.py and tests/test_visible.py fails: "
                                + "Circle.contains passes a tuple where a Vector is expected. Fix the call so the type "
                                + "error is gone and the tests pass.",
                        List.of(shapes),
                        replace(shapes, "distance(self.center, point)", "distance(self.center, (point.x, point.y))")),
                task(repo, "rectangle-boundary", FIX_FAILING_TEST,
                        "tests/test_visible.py fails: Rectangle.contains in geometry/shapes.py does not count points on "
                                + "the right edge as inside, although Shape.contains says the boundary is included. Fix it.",
                        List.of(shapes),
                        replace(shapes, "point.x <= self.corner.x + self.width", "point.x < self.corner.x + self.width")),
                task(repo, "rename-distance", RENAME_SYMBOL,
                        "Rename the function dist to distance across the geometry package: its definition, every "
                                + "import and every call. tests/test_visible.py already uses the new name.",
                        List.of(vector),
                        rename("geometry", "distance", "dist")),
                task(repo, "implement-centroid", IMPLEMENT_FUNCTION,
                        "Implement centroid in geometry/vector.py as its docstring describes; tests/test_visible.py "
                                + "shows the expected behaviour.",
                        List.of(vector),
                        replace(vector, py(
                                "    if not points:",
                                "        raise ValueError(\"the centroid of no points is undefined\")",
                                "    count = len(points)",
                                "    return Vector(sum(p.x for p in points) / count, sum(p.y for p in points) / count)"),
                                NOT_IMPLEMENTED)),
                task(repo, "unused-imports", REMOVE_UNUSED_IMPORTS,
                        "geometry/shapes.py imports names it never uses, and so does geometry/vector.py, the module it "
                                + "imports them from. Remove every unused import from the geometry package without "
                                + "changing its behaviour.",
                        List.of(shapes, vector),
                        replace(shapes, py("import math"), py("import itertools", "import math")),
                        replace(shapes, py("from geometry.vector import Vector, distance"),
                                py("from geometry.vector import Vector, centroid, distance")),
                        replace(vector, py("import math"), py("import math", "import operator"))),
                task(repo, "annotate-total-area", ADD_TYPE_ANNOTATIONS,
                        "total_area in geometry/shapes.py has no type annotations. Annotate it fully: its parameter "
                                + "shapes is a list[Shape] and it returns a float.",
                        List.of(shapes),
                        replace(shapes, "def total_area(shapes: list[Shape]) -> float:", "def total_area(shapes):")));
    }

    private static List<SuiteTask> textutils() {
        MiniRepo repo = repo("textutils", "__init__.py", "case.py", "summary.py", "words.py", "wrap.py");
        String words = "textutils/words.py";
        String wrap = "textutils/wrap.py";
        String caseModule = "textutils/case.py";
        return List.of(
                task(repo, "word-count-return-type", FIX_TYPE_ERROR,
                        "pyright reports a type error in textutils/words.py and tests/test_visible.py fails: word_count "
                                + "is annotated to return an int but does not. Fix it.",
                        List.of(words),
                        replace(words, "    return len(words(text))", "    return str(len(words(text)))")),
                task(repo, "truncate-boundary", FIX_FAILING_TEST,
                        "tests/test_visible.py fails: truncate in textutils/wrap.py cuts text that is exactly limit "
                                + "characters long, although such text fits. Fix the off-by-one.",
                        List.of(wrap),
                        replace(wrap, "if len(text) <= limit:", "if len(text) < limit:")),
                task(repo, "rename-most-common", RENAME_SYMBOL,
                        "Rename the function top_words to most_common across the textutils package: its definition, "
                                + "every import and every call. tests/test_visible.py already uses the new name.",
                        List.of(words),
                        rename("textutils", "most_common", "top_words")),
                task(repo, "implement-camel-to-snake", IMPLEMENT_FUNCTION,
                        "Implement camel_to_snake in textutils/case.py as its docstring describes; "
                                + "tests/test_visible.py shows the expected behaviour.",
                        List.of(caseModule),
                        replace(caseModule, py(
                                "    out: list[str] = []",
                                "    for index, char in enumerate(name):",
                                "        if char.isupper() and index > 0:",
                                "            out.append(\"_\")",
                                "        out.append(char.lower())",
                                "    return \"\".join(out)"), NOT_IMPLEMENTED)),
                task(repo, "unused-imports", REMOVE_UNUSED_IMPORTS,
                        "textutils/wrap.py imports names it never uses, and so does textutils/case.py, the module one "
                                + "of those imports pulls in. Remove every unused import from the textutils package "
                                + "without changing its behaviour.",
                        List.of(wrap, caseModule),
                        replace(wrap, py("from textutils.words import words"), py(
                                "import string",
                                "",
                                "from textutils.case import snake_to_camel",
                                "from textutils.words import words")),
                        replace(caseModule, "\n\ndef snake_to_camel", "\n\nimport re\n\n\ndef snake_to_camel")),
                task(repo, "annotate-initials", ADD_TYPE_ANNOTATIONS,
                        "initials in textutils/wrap.py has no type annotations. Annotate it fully: it takes a str "
                                + "named text and returns a str.",
                        List.of(wrap),
                        replace(wrap, "def initials(text: str) -> str:", "def initials(text):")));
    }

    private static List<SuiteTask> bank() {
        MiniRepo repo = repo("bank", "__init__.py", "account.py", "errors.py", "interest.py", "ledger.py");
        String ledger = "bank/ledger.py";
        String account = "bank/account.py";
        String interest = "bank/interest.py";
        return List.of(
                task(repo, "transfer-optional", FIX_TYPE_ERROR,
                        "pyright reports errors in bank/ledger.py and tests/test_visible.py fails: Ledger.transfer uses "
                                + "accounts that may be None, and a transfer to an unknown owner takes the money out of "
                                + "the payer first. Make transfer raise KeyError(owner) before any balance changes when "
                                + "either owner has no account, as its docstring says.",
                        List.of(ledger),
                        replace(ledger, py(
                                "        payer = self._require(source)",
                                "        payee = self._require(target)"), py(
                                "        payer = self.get(source)",
                                "        payee = self.get(target)"))),
                task(repo, "withdraw-exact-balance", FIX_FAILING_TEST,
                        "tests/test_visible.py fails: Account.withdraw in bank/account.py refuses to withdraw exactly "
                                + "the available amount. Fix the comparison.",
                        List.of(account),
                        replace(account, "if amount > available:", "if amount >= available:")),
                task(repo, "rename-insufficient-funds", RENAME_SYMBOL,
                        "Rename the exception class NotEnoughMoney to InsufficientFunds across the bank package: its "
                                + "definition, every import, raise and mention. tests/test_visible.py already uses the new name.",
                        List.of("bank/errors.py"),
                        rename("bank", "InsufficientFunds", "NotEnoughMoney")),
                task(repo, "implement-compound", IMPLEMENT_FUNCTION,
                        "Implement compound in bank/interest.py as its docstring describes; tests/test_visible.py "
                                + "shows the expected behaviour.",
                        List.of(interest),
                        replace(interest, py(
                                "    if years < 0:",
                                "        raise ValueError(\"years must not be negative\")",
                                "    value = float(balance)",
                                "    for _ in range(years):",
                                "        value *= 1 + rate_percent / 100",
                                "    return round(value)"), NOT_IMPLEMENTED)),
                task(repo, "unused-imports", REMOVE_UNUSED_IMPORTS,
                        "bank/ledger.py imports names it never uses, and so does bank/errors.py, the module one of "
                                + "those imports pulls in. Remove every unused import from the bank package without "
                                + "changing its behaviour.",
                        List.of(ledger, "bank/errors.py"),
                        replace(ledger, py("from bank.account import Account"), py(
                                "import decimal",
                                "",
                                "from bank.account import Account",
                                "from bank.errors import InsufficientFunds")),
                        replace("bank/errors.py", "\n\nclass InsufficientFunds", "\n\nimport sys\n\n\nclass InsufficientFunds")));
    }

    private static List<SuiteTask> graph() {
        MiniRepo repo = repo("graph", "__init__.py", "digraph.py", "order.py", "search.py");
        String search = "graph/search.py";
        String order = "graph/order.py";
        return List.of(
                task(repo, "hop-count-optional", FIX_TYPE_ERROR,
                        "pyright reports a type error in graph/search.py and tests/test_visible.py fails: hop_count "
                                + "takes len() of a path that is None when the goal cannot be reached. Return -1 in that "
                                + "case, as its docstring says.",
                        List.of(search),
                        replace(search, py(
                                "    path = shortest_path(graph, start, goal)",
                                "    if path is None:",
                                "        return -1",
                                "    return len(path) - 1"), py(
                                "    return len(shortest_path(graph, start, goal)) - 1"))),
                task(repo, "topological-tie-break", FIX_FAILING_TEST,
                        "tests/test_visible.py fails: topological_order in graph/order.py takes the alphabetically last "
                                + "ready node instead of the first. Fix it.",
                        List.of(order),
                        replace(order, "node = ready.pop(0)", "node = ready.pop()")),
                task(repo, "rename-digraph", RENAME_SYMBOL,
                        "Rename the class DirectedGraph to Digraph across the graph package: its definition, every "
                                + "import and every annotation. tests/test_visible.py already uses the new name.",
                        List.of("graph/digraph.py"),
                        rename("graph", "Digraph", "DirectedGraph")),
                task(repo, "implement-reachable", IMPLEMENT_FUNCTION,
                        "Implement reachable in graph/search.py as its docstring describes; tests/test_visible.py "
                                + "shows the expected behaviour.",
                        List.of(search),
                        replace(search, py(
                                "    seen = {start}",
                                "    queue = deque([start])",
                                "    while queue:",
                                "        node = queue.popleft()",
                                "        for successor in graph.successors(node):",
                                "            if successor not in seen:",
                                "                seen.add(successor)",
                                "                queue.append(successor)",
                                "    return sorted(seen)"), NOT_IMPLEMENTED)),
                task(repo, "unused-imports", REMOVE_UNUSED_IMPORTS,
                        "graph/order.py imports names it never uses, and so does graph/search.py, the module one of "
                                + "those imports pulls in. Remove every unused import from the graph package without "
                                + "changing its behaviour.",
                        List.of(order, search),
                        replace(order, py("from graph.digraph import Digraph"), py(
                                "import itertools",
                                "",
                                "from graph.digraph import Digraph",
                                "from graph.search import reachable")),
                        replace(search, py("from collections import deque"), py(
                                "import heapq",
                                "from collections import deque"))));
    }

    private static List<SuiteTask> dates() {
        MiniRepo repo = repo("dates", "__init__.py", "format.py", "parse.py", "spans.py");
        String parse = "dates/parse.py";
        String spans = "dates/spans.py";
        String format = "dates/format.py";
        return List.of(
                task(repo, "parse-human-argument-type", FIX_TYPE_ERROR,
                        "pyright reports a wrong argument type in dates/parse.py and tests/test_visible.py fails: "
                                + "parse_human passes the year to date() as a str. Fix it.",
                        List.of(parse),
                        replace(parse, "return date(int(year), parse_month_name(month_name), int(day))",
                                "return date(year, parse_month_name(month_name), int(day))")),
                task(repo, "business-days-end", FIX_FAILING_TEST,
                        "tests/test_visible.py fails: business_days in dates/spans.py counts the end date, which its "
                                + "docstring says is excluded. Fix the off-by-one.",
                        List.of(spans),
                        replace(spans, "while current < end:", "while current <= end:")),
                task(repo, "rename-parse-iso", RENAME_SYMBOL,
                        "Rename the function iso_date to parse_iso across the dates package: its definition, every "
                                + "import and every call. tests/test_visible.py already uses the new name.",
                        List.of(parse),
                        rename("dates", "parse_iso", "iso_date")),
                task(repo, "implement-add-months", IMPLEMENT_FUNCTION,
                        "Implement add_months in dates/spans.py as its docstring describes; tests/test_visible.py "
                                + "shows the expected behaviour.",
                        List.of(spans),
                        replace(spans, py(
                                "    index = day.year * 12 + (day.month - 1) + months",
                                "    year, month_index = divmod(index, 12)",
                                "    month = month_index + 1",
                                "    return date(year, month, min(day.day, days_in_month(year, month)))"), NOT_IMPLEMENTED)),
                task(repo, "unused-imports", REMOVE_UNUSED_IMPORTS,
                        "dates/format.py imports names it never uses, and so does dates/spans.py, the module one of "
                                + "those imports pulls in. Remove every unused import from the dates package without "
                                + "changing its behaviour.",
                        List.of(format, spans),
                        replace(format, py("from datetime import date"), py("import calendar", "from datetime import date")),
                        replace(format, py("from dates.parse import MONTHS, parse_iso"), py(
                                "from dates.parse import MONTHS, parse_iso",
                                "from dates.spans import is_leap_year")),
                        replace(spans, py("from datetime import date, timedelta"), py(
                                "import time",
                                "from datetime import date, timedelta"))),
                task(repo, "annotate-is-leap-year", ADD_TYPE_ANNOTATIONS,
                        "is_leap_year in dates/spans.py has no type annotations. Annotate it fully: it takes an int "
                                + "named year and returns a bool.",
                        List.of(spans),
                        replace(spans, "def is_leap_year(year: int) -> bool:", "def is_leap_year(year):")));
    }
}
