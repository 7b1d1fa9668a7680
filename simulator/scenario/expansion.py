"""How large a composed YAML document becomes once aliases and merge keys are expanded.

A YAML file can name a node once (``&a``) and refer to it many times (``*a``, ``<<: *a``);
a few kilobytes of nested references expand to billions of values ("billion laughs"), and
ruamel's round-trip constructor copies merged mappings, at a cost that grows with the cube
of the file. Composing a document keeps each referenced node once, so its expanded size can
be counted in time linear in the file, before anything is constructed.
"""

from __future__ import annotations

from ruamel.yaml.nodes import MappingNode, Node, SequenceNode

#: Values a document may expand to. The largest shipped file (a rubric) has about 1,300;
#: authors' files stay far below this even with generous use of anchors.
ALIAS_EXPANSION_LIMIT = 200_000


def expanded_size(root: Node | None, cap: int = ALIAS_EXPANSION_LIMIT) -> int:
    """The number of nodes ``root`` stands for with every alias expanded, counted up to just
    past ``cap`` (a recursive alias counts as past it)."""
    if root is None:
        return 0
    sizes: dict[int, int] = {}
    busy: set[int] = set()

    def size(node: Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in busy:  # a node that contains itself expands without end
            return cap + 1
        busy.add(key)
        total = 1
        if isinstance(node, MappingNode):
            for k, v in node.value:
                total += size(k) + size(v)
                if total > cap:
                    break
        elif isinstance(node, SequenceNode):
            for item in node.value:
                total += size(item)
                if total > cap:
                    break
        busy.discard(key)
        sizes[key] = min(total, cap + 1)
        return sizes[key]

    return size(root)
