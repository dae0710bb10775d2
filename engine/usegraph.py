"""Which named conditions use which: circles, nesting depth and size, in time linear in the
plan.

Named conditions form a graph (``a: {use: b}`` is an edge from ``a`` to ``b``). Following it path
by path took exponential time when conditions share sub-conditions (each level of a ladder
of 4 conditions using all 4 of the next level multiplies the paths by 4) and recursed once per
link, so a chain of 1,000 named conditions ended in ``RecursionError``. Here every walk of the
graph is iterative and visits each condition once (:meth:`UseGraph.circle_from` once per circle
it reports, until :data:`SEARCH_BUDGET`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from engine.model import AllOf, AnyOf, Condition, FieldTest, Not, PlanModel, Use

SEARCH_BUDGET = 30_000
"""How many conditions the searches for circles enter before they stop searching from a
condition a reported circle names already (a few hundredths of a second; see
:meth:`UseGraph.circles`)."""


def _used_names(tree: Condition) -> Iterator[str]:
    """The names a condition tree uses, in the order ``checks.walk`` meets them (parents
    first, items in order); iterative, though YAML nests a tree at most 64 levels."""
    pending = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, Use):
            yield node.name
        elif isinstance(node, (AllOf, AnyOf)):
            pending.extend(reversed(node.items))
        elif isinstance(node, Not):
            pending.append(node.item)


@dataclass(frozen=True, slots=True)
class UseGraph:
    """The named conditions each named condition uses (only those the plan defines: a name it
    does not define is ``unknown-condition``'s to report), and the circles among them."""

    uses: dict[str, list[str]]
    """Each condition's used names, in the order its tree writes them (repeats kept)."""
    components: list[list[str]]
    """Conditions that reach each other (strongly connected), each group after every group
    it uses: a condition's uses are worked out before it (see :func:`named_depths`)."""
    group_of: dict[str, int]
    """The index in ``components`` of each condition's group."""
    cyclic: frozenset[str]
    """The conditions on a circle: in a group of two or more, or using themselves."""

    @classmethod
    def of(cls, plan: PlanModel) -> UseGraph:
        """The plan's graph, made in one walk of each named condition's tree."""
        defined = plan.conditions
        uses = {
            name: [used for used in _used_names(tree) if used in defined]
            for name, tree in defined.items()
        }
        return cls.from_uses(uses)

    @classmethod
    def from_uses(cls, uses: dict[str, list[str]]) -> UseGraph:
        """The graph of conditions using the conditions ``uses`` says (each one a key)."""
        components = _strong_components(uses)
        group_of = {name: i for i, group in enumerate(components) for name in group}
        cyclic = frozenset(
            name for group in components for name in group if len(group) > 1 or name in uses[name]
        )
        return cls(uses, components, group_of, cyclic)

    def circles(self) -> Iterator[list[str]]:
        """A circle through each condition on one, by name, as ``validate`` always reported
        them: the circle the search of every path from the condition meets first, unless the
        same conditions make a circle reported already.

        Each search walks the condition's whole group at worst, and searching from each of the
        2,000 conditions of one circle walked it 2,000 times; so once the searches have entered
        :data:`SEARCH_BUDGET` conditions in all, a condition some reported circle names is not
        searched from any more, and one no circle names yet gets the circle
        :class:`_Spanning` finds in steps as many as the circle's conditions."""
        named: set[str] = set()
        reported: set[frozenset[str]] = set()
        spanning: dict[int, _Spanning] = {}
        entered = 0
        for start in sorted(self.cyclic):
            if entered < SEARCH_BUDGET:
                path, cost = self.circle_from(start)
                entered += cost
            elif start in named:
                continue
            else:
                group = self.group_of[start]
                if group not in spanning:
                    spanning[group] = _Spanning(self, group)
                path = spanning[group].circle_through(start)
            named.update(path)
            if frozenset(path) not in reported:
                reported.add(frozenset(path))
                yield path

    def circle_from(self, start: str) -> tuple[list[str], int]:
        """The circle from ``start`` (on one) back to it that the depth-first search of every
        path from it meets first (the last-written use tried first), and how many conditions
        the search entered. Found without the search of every path: each condition is entered
        once, and only those of ``start``'s group (no other leads back to it), so the first
        one entered that uses ``start`` closes the circle the path search would find."""
        group = self.group_of[start]
        came_from: dict[str, str] = {}
        pending: list[tuple[str, str]] = [(start, start)]
        while pending:
            name, parent = pending.pop()
            if name in came_from:
                continue
            came_from[name] = parent
            targets = self.uses[name]
            if start in targets:
                return _path_to(name, start, came_from), len(came_from)
            pending.extend(
                (target, name)
                for target in targets
                if target not in came_from and self.group_of[target] == group
            )
        # Only conditions in ``cyclic`` are asked of: a caller's mistake, never a plan's.
        raise ValueError(f"`{start}` is on no circle")  # pragma: no cover


class _Spanning:
    """Two trees over one group of conditions that reach each other, from its first
    condition (the root): along uses, a path from the root to each condition (``away``), and
    against them, a path from each condition to the root (``toward``); together they give a
    circle through any condition of the group in steps as many as the circle's conditions."""

    def __init__(self, graph: UseGraph, group: int) -> None:
        members = graph.components[group]
        self.root = root = members[0]
        used_by: dict[str, list[str]] = {name: [] for name in members}
        for name in members:
            for target in graph.uses[name]:
                if graph.group_of[target] == group:
                    used_by[target].append(name)
        self.used_by = used_by
        self.away = _tree(root, lambda name: (t for t in graph.uses[name] if t in used_by))
        self.toward = _tree(root, lambda name: iter(used_by[name]))
        # the order the `away` tree is entered and left: who is on the path to whom
        self.entered: dict[str, int] = {}
        self.left: dict[str, int] = {}
        children: dict[str, list[str]] = {name: [] for name in members}
        for name, parent in self.away.items():
            if name != root:
                children[parent].append(name)
        work = [(root, iter(children[root]))]
        self.entered[root] = 0
        while work:
            name, below = work[-1]
            child = next(below, None)
            if child is None:
                work.pop()
                self.left[name] = len(self.left)
            else:
                self.entered[child] = len(self.entered)
                work.append((child, iter(children[child])))

    def on_way_to(self, ancestor: str, name: str) -> bool:
        """Whether the root's path to ``name`` in the ``away`` tree goes through ``ancestor``."""
        return (
            self.entered[ancestor] <= self.entered[name] and self.left[name] <= self.left[ancestor]
        )

    def circle_through(self, start: str) -> list[str]:
        """A circle from ``start`` back to it: toward the root until a condition on the root's
        path to ``start`` (the root is one), then down that path to ``start``."""
        if start in self.used_by[start]:
            return [start]
        if start == self.root:
            return _path_to(self.used_by[start][0], start, self.away)
        back = [start]
        while not self.on_way_to(back[-1], start) or back[-1] == start:
            back.append(self.toward[back[-1]])
        down = _path_to(start, back[-1], self.away)  # from where the walk back met it
        return back + down[1:-1]


def _tree(root: str, following: Callable[[str], Iterator[str]]) -> dict[str, str]:
    """Each condition ``following`` leads to from ``root`` (breadth first), with the one it
    was reached from (the root with itself)."""
    parent = {root: root}
    queue = deque([root])
    while queue:
        name = queue.popleft()
        for target in following(name):
            if target not in parent:
                parent[target] = name
                queue.append(target)
    return parent


def _path_to(name: str, start: str, came_from: Mapping[str, str]) -> list[str]:
    """The conditions from ``start`` to ``name`` the search went through, in order."""
    path = [name]
    while name != start:
        name = came_from[name]
        path.append(name)
    path.reverse()
    return path


def _strong_components(uses: Mapping[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively (no recursion however long a
    chain of conditions): each group after every group it uses."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []

    def enter(name: str) -> Iterator[str]:
        index[name] = low[name] = len(index)
        stack.append(name)
        on_stack.add(name)
        return iter(uses[name])

    for root in uses:
        if root in index:
            continue
        work = [(root, enter(root))]
        while work:
            name, targets = work[-1]
            for target in targets:
                if target not in index:
                    work.append((target, enter(target)))
                    break
                if target in on_stack:
                    low[name] = min(low[name], index[target])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[name])
                if low[name] == index[name]:
                    groups.append(_pop_group(name, stack, on_stack))
    return groups


def _pop_group(root: str, stack: list[str], on_stack: set[str]) -> list[str]:
    """The group ``root`` heads: the names above it on Tarjan's stack, and it."""
    group: list[str] = []
    while True:
        name = stack.pop()
        on_stack.discard(name)
        group.append(name)
        if name == root:
            return group


def named_depths(plan: PlanModel, graph: UseGraph) -> dict[str, int]:
    """How many levels each named condition off a circle nests, the conditions it uses
    included (a condition on a circle, which ``condition-cycle`` reports, counts as one level,
    as a field test does)."""
    return _named(plan, graph, tree_depth)


def _named(
    plan: PlanModel, graph: UseGraph, measure: Callable[[Condition, Mapping[str, int]], int]
) -> dict[str, int]:
    """``measure`` of each named condition off a circle, each worked out once, after those it
    uses (``graph.components`` lists them so), given theirs."""
    measured: dict[str, int] = {}
    for group in graph.components:
        for name in group:
            if name not in graph.cyclic:
                measured[name] = measure(plan.conditions[name], measured)
    return measured


def tree_depth(node: Condition, depths: Mapping[str, int]) -> int:
    """How many levels a condition nests, each named condition it uses counting one level
    and its own (``depths``: one not there, unknown or on a circle, counts one level)."""
    if isinstance(node, (AllOf, AnyOf)):
        deepest = 0
        for item in node.items:
            # most items are field tests, one level each: skip the call for them
            depth = 1 if isinstance(item, FieldTest) else tree_depth(item, depths)
            deepest = max(depth, deepest)
        return 1 + deepest
    if isinstance(node, Not):
        return 1 + tree_depth(node.item, depths)
    if isinstance(node, Use) and node.name in depths:
        return 1 + depths[node.name]
    return 1


def named_sizes(plan: PlanModel, graph: UseGraph) -> dict[str, int]:
    """How many field tests each named condition off a circle holds once the conditions it uses
    are written out where they are used: what compiling, ``explain`` and ``lint`` walk (one on
    a circle counts as one test)."""
    return _named(plan, graph, tree_size)


def tree_size(node: Condition, sizes: Mapping[str, int]) -> int:
    """How many field tests a condition holds, each named condition it uses counting as its
    own size (``sizes``: one not there, unknown or on a circle, counts as one test)."""
    if isinstance(node, (AllOf, AnyOf)):
        return sum(1 if isinstance(i, FieldTest) else tree_size(i, sizes) for i in node.items)
    if isinstance(node, Not):
        return tree_size(node.item, sizes)
    if isinstance(node, Use):
        return sizes.get(node.name, 1)
    return 1
