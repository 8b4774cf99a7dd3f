"""Stable ids for the outline (sections, items, blocks) and where a text position sits in it.

Ids are the meeting id and an ordinal path, so they are the same on every run and machine:

    <meeting_id>-s3          the 3rd top-level section
    <meeting_id>-s3.2.1      its 2nd item's 1st child item
    <meeting_id>-s3.2-b1     the 1st block (會議結論, 決議, a speaker's report ...) of item s3.2
    <meeting_id>-s3-b2       the 2nd block directly under section 3

`OutlineIndex.locate(pos)` gives the section, item and block holding a character offset, by span
containment walked down the tree: the section whose span holds `pos`, then at each level the child
item whose span holds it, and the innermost block holding it among the blocks of the nodes on that
path (a 會議結論 of an item covers the item's (一)(二) list below it, so an action item may sit in an
item and in a block of that item's parent: `blocks.item_id` is always the action's item or one of its
ancestors). This is the rule `pipeline.extract.actions` uses for an action item's `item` and `block`
(`pipeline.extract.sentences.locate`).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from pipeline.models import Block, Item, Section


@dataclass
class BlockRef:
    id: str
    start: int
    end: int
    block: Block
    section_id: str
    item_id: str | None


@dataclass
class Node:
    id: str
    start: int
    end: int
    section_id: str
    item: Item | None = None  # None for a section
    section: Section | None = None
    parent_item_id: str | None = None
    depth: int = 0  # 0 for a section, 1 for an item directly under it
    children: list[Node] = field(default_factory=list)
    blocks: list[BlockRef] = field(default_factory=list)
    _child_starts: list[int] = field(default_factory=list, repr=False)
    _block_starts: list[int] = field(default_factory=list, repr=False)

    def freeze(self) -> None:
        self.children.sort(key=lambda n: n.start)
        self.blocks.sort(key=lambda b: b.start)
        self._child_starts = [c.start for c in self.children]
        self._block_starts = [b.start for b in self.blocks]

    def child_at(self, pos: int) -> Node | None:
        i = bisect_right(self._child_starts, pos) - 1
        while i >= 0:
            c = self.children[i]
            if c.start <= pos < c.end:
                return c
            i -= 1
            if i >= 0 and self.children[i].end <= pos:
                break
        return None

    def block_at(self, pos: int) -> BlockRef | None:
        i = bisect_right(self._block_starts, pos) - 1
        while i >= 0:
            b = self.blocks[i]
            if b.start <= pos < b.end:
                return b
            i -= 1
        return None


class OutlineIndex:
    """The outline of one document with ids, in document order, and a position -> (section, item,
    block) lookup."""

    def __init__(self, meeting_id: str, sections: list[Section]) -> None:
        self.meeting_id = meeting_id
        self.sections: list[Node] = []
        self.items: list[Node] = []  # every item, in tree (document) order
        self.blocks: list[BlockRef] = []
        for n, sec in enumerate(sections, start=1):
            sid = f"{meeting_id}-s{n}"
            node = Node(sid, sec.span[0], sec.span[1], sid, section=sec)
            self._add_blocks(node, sec.blocks, sid, None)
            for k, item in enumerate(sec.items, start=1):
                node.children.append(self._add_item(item, f"{sid}.{k}", sid, None, 1))
            node.freeze()
            self.sections.append(node)
        self._section_starts = [s.start for s in self.sections]
        self.blocks.sort(key=lambda b: (b.start, b.id))

    def _add_blocks(self, node: Node, blocks: list[Block], section_id: str, item_id: str | None) -> None:
        for k, b in enumerate(blocks, start=1):
            ref = BlockRef(f"{node.id}-b{k}", b.span[0], b.span[1], b, section_id, item_id)
            node.blocks.append(ref)
            self.blocks.append(ref)

    def _add_item(self, item: Item, iid: str, section_id: str, parent: str | None, depth: int) -> Node:
        node = Node(iid, item.span[0], item.span[1], section_id, item=item, parent_item_id=parent, depth=depth)
        self.items.append(node)
        self._add_blocks(node, item.blocks, section_id, iid)
        for k, child in enumerate(item.children, start=1):
            node.children.append(self._add_item(child, f"{iid}.{k}", section_id, iid, depth + 1))
        node.freeze()
        return node

    def section_at(self, pos: int) -> Node | None:
        i = bisect_right(self._section_starts, pos) - 1
        while i >= 0:
            s = self.sections[i]
            if s.start <= pos < s.end:
                return s
            i -= 1
        return None

    def locate(self, pos: int) -> tuple[Node | None, Node | None, BlockRef | None]:
        """(section, item, block) holding the character offset `pos`; None where there is none."""
        section = self.section_at(pos)
        if section is None:
            return None, None, None
        node, item = section, None
        block = section.block_at(pos)
        while True:
            child = node.child_at(pos)
            if child is None:
                break
            node = item = child
            block = child.block_at(pos) or block
        return section, item, block
