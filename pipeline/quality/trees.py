"""LightGBM's text model format read and evaluated without LightGBM (which, with SciPy, would add
about 150 MB to the install for what is, at run time, a walk down 165 small trees).

`Forest.read` parses the model file LightGBM writes (`Booster.save_model`, data/quality_model.txt):
numerical splits only (`x <= threshold` goes left; the missing-value rules of LightGBM's
`NumericalDecision` are kept), a single-output regression, leaf values already multiplied by the
learning rate. `predict` sums the trees in LightGBM's order; `contributions` is LightGBM's TreeSHAP
(`Tree::TreeSHAP` in src/io/tree.cpp; Lundberg et al., 2018, https://arxiv.org/abs/1802.03888),
the same as `Booster.predict(..., pred_contrib=True)`. tests/test_quality_trees.py checks both
against LightGBM on a few hundred rows (installed with the `train` extra)."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

_ZERO = 1e-35  # LightGBM's kZeroThreshold
_DEFAULT_LEFT, _MISSING_SHIFT = 2, 2  # decision_type bits: 1 categorical, 2 default left, 4-8 missing


class ModelFormatError(ValueError):
    pass


@dataclass
class Tree:
    split_feature: list[int]
    threshold: list[float]
    decision_type: list[int]
    left: list[int]  # child ids: >= 0 an internal node, < 0 the leaf ~id
    right: list[int]
    leaf_value: list[float]
    leaf_count: list[float]
    internal_count: list[float]

    def decide(self, node: int, x: float) -> int:
        missing = (self.decision_type[node] >> _MISSING_SHIFT) & 3  # 0 none, 1 zero, 2 NaN
        if math.isnan(x) and missing != 2:
            x = 0.0
        if (missing == 1 and -_ZERO <= x <= _ZERO) or (missing == 2 and math.isnan(x)):
            return self.left[node] if self.decision_type[node] & _DEFAULT_LEFT else self.right[node]
        return self.left[node] if x <= self.threshold[node] else self.right[node]

    def leaf(self, x) -> float:
        if not self.split_feature:
            return self.leaf_value[0]
        node = 0
        while node >= 0:
            node = self.decide(node, x[self.split_feature[node]])
        return self.leaf_value[~node]

    def count(self, node: int) -> float:
        return self.internal_count[node] if node >= 0 else self.leaf_count[~node]

    def expected_value(self) -> float:
        if not self.split_feature:
            return self.leaf_value[0]
        total = self.internal_count[0]
        value = 0.0
        for count, leaf in zip(self.leaf_count, self.leaf_value):
            value += (count / total) * leaf
        return value

    def shap(self, x, phi: list[float]) -> None:
        phi[-1] += self.expected_value()
        if self.split_feature:
            _tree_shap(self, x, phi, 0, [], 1.0, 1.0, -1)


# A path step (LightGBM's PathElement) is a list [feature, zero_fraction, one_fraction, weight].
_F, _Z, _O, _W = range(4)


def _extend(path: list[list], zero: float, one: float, feature: int) -> None:
    depth = len(path)
    path.append([feature, zero, one, 1.0 if depth == 0 else 0.0])
    for i in range(depth - 1, -1, -1):
        path[i + 1][_W] += one * path[i][_W] * (i + 1) / (depth + 1)
        path[i][_W] = zero * path[i][_W] * (depth - i) / (depth + 1)


def _unwind(path: list[list], index: int) -> None:
    depth = len(path) - 1
    _, zero, one, _ = path[index]
    next_one = path[depth][_W]
    for i in range(depth - 1, -1, -1):
        if one != 0:
            tmp = path[i][_W]
            path[i][_W] = next_one * (depth + 1) / ((i + 1) * one)
            next_one = tmp - path[i][_W] * zero * (depth - i) / (depth + 1)
        else:
            path[i][_W] = (path[i][_W] * (depth + 1)) / (zero * (depth - i))
    for i in range(index, depth):
        path[i][:3] = path[i + 1][:3]
    path.pop()


def _unwound_sum(path: list[list], index: int) -> float:
    depth = len(path) - 1
    _, zero, one, _ = path[index]
    next_one = path[depth][_W]
    total = 0.0
    if one != 0:
        for i in range(depth - 1, -1, -1):
            tmp = next_one / ((i + 1) * one)
            total += tmp
            next_one = path[i][_W] - tmp * zero * (depth - i)
    else:
        for i in range(depth - 1, -1, -1):
            total += path[i][_W] / (zero * (depth - i))
    return total * (depth + 1)


def _tree_shap(tree: Tree, x, phi: list[float], node: int, parent: list[list], zero: float,
               one: float, feature: int) -> None:
    path = [step[:] for step in parent]
    _extend(path, zero, one, feature)
    if node < 0:
        value = tree.leaf_value[~node]
        for i in range(1, len(path)):
            phi[path[i][_F]] += _unwound_sum(path, i) * (path[i][_O] - path[i][_Z]) * value
        return
    split = tree.split_feature[node]
    hot = tree.decide(node, x[split])
    cold = tree.right[node] if hot == tree.left[node] else tree.left[node]
    w = tree.count(node)
    incoming_zero = incoming_one = 1.0
    for k, step in enumerate(path):
        if step[_F] == split:
            incoming_zero, incoming_one = step[_Z], step[_O]
            _unwind(path, k)
            break
    _tree_shap(tree, x, phi, hot, path, tree.count(hot) / w * incoming_zero, incoming_one, split)
    _tree_shap(tree, x, phi, cold, path, tree.count(cold) / w * incoming_zero, 0.0, split)


@dataclass
class Forest:
    features: list[str]
    trees: list[Tree]
    average: bool = False
    _stacked: "_Nodes | None" = field(default=None, init=False, repr=False, compare=False)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The raw score of each row of `X` (rows x features), as LightGBM's `predict`: every row
        walks down every tree at once, one level per step (`Tree.decide`'s rules, as arrays), and
        the leaves are summed in the trees' order, as LightGBM sums them."""
        X = np.asarray(X, dtype=np.float64)
        nodes = self._nodes()
        node = np.tile(nodes.roots, (len(X), 1))  # rows x trees: a node id, or ~leaf id
        rows = np.repeat(np.arange(len(X)), len(self.trees)).reshape(node.shape)
        while (inner := node >= 0).any():
            r, n = rows[inner], node[inner]
            x = X[r, nodes.feature[n]]
            missing = (nodes.kind[n] >> _MISSING_SHIFT) & 3
            nan = np.isnan(x)
            x = np.where(nan & (missing != 2), 0.0, x)
            default = ((missing == 1) & (x >= -_ZERO) & (x <= _ZERO)) | ((missing == 2) & nan)
            go_left = np.where(default, (nodes.kind[n] & _DEFAULT_LEFT) != 0,
                               x <= nodes.threshold[n])
            node[inner] = np.where(go_left, nodes.left[n], nodes.right[n])
        values = nodes.values[~node]
        out = np.zeros(len(X), dtype=np.float64)
        for t in range(len(self.trees)):
            out += values[:, t]
        return out / len(self.trees) if self.average and self.trees else out

    def _nodes(self) -> "_Nodes":
        if self._stacked is None:
            self._stacked = _Nodes.of(self.trees)
        return self._stacked

    def contributions(self, x) -> list[float]:
        """Each feature's SHAP value for one row, then the expected value (LightGBM's
        `pred_contrib=True` layout)."""
        x = [float(v) for v in x]
        phi = [0.0] * (len(self.features) + 1)
        for tree in self.trees:
            tree.shap(x, phi)
        if self.average and self.trees:
            phi = [p / len(self.trees) for p in phi]
        return phi

    @classmethod
    def read(cls, path: Path) -> "Forest":
        return cls.parse(Path(path).read_text(encoding="utf-8"), str(path))

    @classmethod
    def parse(cls, text: str, where: str = "model") -> "Forest":
        blocks = text.split("\n\n")
        header = _keys(blocks[0])
        if header.get("num_class", "1") != "1" or header.get("num_tree_per_iteration", "1") != "1":
            raise ModelFormatError(f"{where}: only single-output models are supported")
        if "feature_names" not in header:
            raise ModelFormatError(f"{where}: no feature_names line (not a LightGBM text model?)")
        features = header["feature_names"].split(" ")
        trees = []
        for block in blocks[1:]:
            keys = _keys(block)
            if "Tree" not in keys:
                continue
            if keys.get("num_cat", "0") != "0" or keys.get("is_linear", "0") != "0":
                raise ModelFormatError(f"{where}: tree {keys['Tree']} has categorical or linear "
                                       "splits, which this reader does not evaluate")
            ints = lambda k: [int(v) for v in keys[k].split()] if keys.get(k) else []  # noqa: E731
            floats = lambda k: [float(v) for v in keys[k].split()] if keys.get(k) else []  # noqa: E731
            trees.append(Tree(ints("split_feature"), floats("threshold"), ints("decision_type"),
                              ints("left_child"), ints("right_child"), floats("leaf_value"),
                              floats("leaf_count"), floats("internal_count")))
        if not trees:
            raise ModelFormatError(f"{where}: no trees")
        return cls(features, trees, "average_output" in header)


@dataclass
class _Nodes:
    """The nodes of all trees in one set of arrays (`Forest.predict`): node k of tree t is
    `offset[t] + k`, leaf k of tree t is `~(leaf_offset[t] + k)`; a tree of one leaf starts at
    its leaf."""
    roots: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray
    kind: np.ndarray
    left: np.ndarray
    right: np.ndarray
    values: np.ndarray

    @classmethod
    def of(cls, trees: list[Tree]) -> "_Nodes":
        roots, feature, threshold, kind, left, right, values = [], [], [], [], [], [], []
        for tree in trees:
            nodes, leaves = len(feature), len(values)

            def child(c: int) -> int:
                return nodes + c if c >= 0 else ~(leaves + ~c)

            roots.append(nodes if tree.split_feature else ~leaves)
            feature += tree.split_feature
            threshold += tree.threshold
            kind += tree.decision_type
            left += [child(c) for c in tree.left]
            right += [child(c) for c in tree.right]
            values += tree.leaf_value
        ints = lambda v: np.asarray(v, dtype=np.int64)  # noqa: E731
        return cls(ints(roots), ints(feature), np.asarray(threshold, dtype=np.float64), ints(kind),
                   ints(left), ints(right), np.asarray(values, dtype=np.float64))


def _keys(block: str) -> dict[str, str]:
    out = {}
    for line in block.strip().splitlines():
        key, sep, value = line.partition("=")
        if sep:
            out[key] = value
        else:
            out[line] = ""
    return out
