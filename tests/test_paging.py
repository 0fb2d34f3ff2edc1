"""`lotse.paging.SlicedRows`: what a paginator and a template do with it, one read each."""

import pytest
from django.core.paginator import Paginator

from lotse.paging import SlicedRows


class Letters(SlicedRows[str]):
    def __init__(self, text: str) -> None:
        self.text, self.reads = text, []

    def __len__(self) -> int:
        return len(self.text)

    def read(self, offset: int, limit: int) -> list[str]:
        self.reads.append((offset, limit))
        return list(self.text[offset : offset + limit])


def test_a_slice_is_one_read_of_its_rows():
    rows = Letters("abcdefg")
    assert rows[2:5] == ["c", "d", "e"] and rows.reads == [(2, 3)]
    assert rows[5:20] == ["f", "g"]  # past the end: what there is
    assert rows[4:2] == []  # an empty slice reads nothing past its start
    assert rows.reads[-1] == (4, 0)


def test_an_item_is_a_slice_of_one_and_iterating_reads_once():
    rows = Letters("abc")
    assert rows[1] == "b" and rows.reads == [(1, 1)]
    assert list(rows) == ["a", "b", "c"] and rows.reads[-1] == (0, 3)
    with pytest.raises(IndexError):
        rows[3]
    with pytest.raises(IndexError):
        rows[-1]
    with pytest.raises(ValueError):
        rows[::2]
    with pytest.raises(ValueError):
        rows[-2:]


def test_a_paginator_counts_once_and_reads_its_page():
    rows = Letters("abcdefghij")
    page = Paginator(rows, 4).get_page(3)
    assert list(page.object_list) == ["i", "j"] and page.paginator.num_pages == 3
    assert rows.reads == [(8, 2)]
