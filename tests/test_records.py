"""foundation.records.dataclass behaves as dataclasses.dataclass with the same options."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import field

import pytest

from tiip_writer.foundation.records import dataclass


def _pair(**options):
    """Return the same class made by the standard decorator and by ours."""
    made = []
    for decorate in (dataclasses.dataclass, dataclass):
        class Item:
            name: str
            count: int = 0
            tags: list[str] = field(default_factory=list)
            hidden: str = field(default="", compare=False, repr=False)
        made.append(decorate(**options)(Item))
    return made


@pytest.mark.parametrize("options", [{}, {"frozen": True}, {"frozen": True, "kw_only": True}])
def test_same_behaviour_as_the_standard_decorator(options):
    standard, ours = _pair(**options)
    args = {"name": "a", "count": 2}
    a, b = standard(**args), ours(**args)
    assert repr(a) == repr(b) == "_pair.<locals>.Item(name='a', count=2, tags=[])"
    assert ours(**args) == b and ours(**args, hidden="x") == b
    assert b != ours(name="b") and b != a  # another class is never equal
    assert [f.name for f in dataclasses.fields(ours)] == ["name", "count", "tags", "hidden"]
    assert dataclasses.replace(b, count=3).count == 3
    assert dataclasses.asdict(b) == dataclasses.asdict(a)
    assert ours(name="x").tags is not ours(name="x").tags  # each gets its own list
    if options.get("frozen"):
        assert hash(ours(name="a", count=2, tags=())) == hash(standard(name="a", count=2,
                                                                        tags=()))
        with pytest.raises(dataclasses.FrozenInstanceError):
            b.count = 5
        with pytest.raises(dataclasses.FrozenInstanceError):
            del b.count
    else:
        assert ours.__hash__ is None  # mutable and comparable: unhashable, as the standard
        b.count = 5
        assert b.count == 5


def test_positional_keyword_and_wrong_arguments():
    _standard, ours = _pair(frozen=True)
    assert ours("a", 1) == ours(name="a", count=1)
    with pytest.raises(TypeError, match="missing 1 required argument: 'name'"):
        ours()
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        ours(name="a", colour=1)
    with pytest.raises(TypeError, match="multiple values for argument 'name'"):
        ours("a", name="b")
    with pytest.raises(TypeError, match="positional"):
        ours("a", 1, [], "", "too many")
    _standard, keyword_only = _pair(kw_only=True)
    with pytest.raises(TypeError, match="positional"):
        keyword_only("a")


@dataclass(frozen=True, kw_only=True)
class Base:
    ptr: str = field(default="", compare=False)


@dataclass(frozen=True, kw_only=True)
class Child(Base):
    text: str
    seen: list[str] = field(default_factory=list, init=False, compare=False)

    def __post_init__(self):
        self.seen.append(self.text)

    def __repr__(self):
        return "child"


def test_own_methods_post_init_inheritance_and_pickling():
    child = Child(text="t", ptr="/x")
    assert (child.ptr, child.seen, repr(child)) == ("/x", ["t"], "child")
    assert child == Child(text="t") and hash(child) == hash(Child(text="t"))
    assert pickle.loads(pickle.dumps(child)) == child
    assert Child.__init__.__qualname__ == "Child.__init__"
