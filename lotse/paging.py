"""Rows a `Paginator` pages through without a queryset: the pages whose reads are written out
as SQL (the project list, the public project list, the cockpit's attention order) give the
paginator a `SlicedRows`, whose length is one read and each slice another."""

from collections.abc import Iterator
from collections.abc import Sequence
from typing import TypeVar
from typing import overload

T = TypeVar("T")


class SlicedRows(Sequence[T]):
    """A sequence read by slices: `read(offset, limit)` gives the rows of one slice (in the
    order of the whole), `__len__` the number of all rows. A slice is one read; an item is a
    slice of one; iterating reads every row in one slice. Steps and negative indexes are not
    supported (a paginator uses neither)."""

    def __len__(self) -> int:
        raise NotImplementedError

    def read(self, offset: int, limit: int) -> Sequence[T]:
        raise NotImplementedError

    def __iter__(self) -> Iterator[T]:
        return iter(self[0 : len(self)])

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, int):
            found = self[index : index + 1] if index >= 0 else ()
            if not found:
                raise IndexError(index)
            return found[0]
        if index.step is not None:
            raise ValueError("SlicedRows: no steps")
        start = index.start or 0
        stop = len(self) if index.stop is None else index.stop
        if start < 0 or stop < 0:
            raise ValueError("SlicedRows: no negative indexes")
        return self.read(start, max(0, stop - start))
