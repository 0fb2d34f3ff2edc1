"""Word documents (lotse.documents.docx): the tables' columns."""

from docx.shared import Cm

from lotse.documents import docx as word


def test_table_columns_share_the_width_as_their_texts_want():
    """At a fifth of the page each, LibreOffice broke milestone titles inside their words
    ("abgeschlosse-n") beside half-empty date columns."""
    document = word.new_document(title="Bericht", author="Programmbüro")
    table = word.add_table(
        document,
        ["Meilenstein", "geplant", "Stand"],
        [["Anbindung an das Landesportal abgeschlossen", "02.08.2026", "erreicht"]],
    )
    title, planned, state = (column.width for column in table.columns)
    assert title > 2 * planned
    assert planned > Cm(2.5) and state > Cm(2)  # "02.08.2026" and "erreicht" on one line
    # A4 less the margins (stored in twips: 635 EMU)
    assert abs(title + planned + state - word.TEXT_WIDTH) < 3 * 635
    assert all(cell.width == column.width for column in table.columns for cell in column.cells)
    # A column is never narrower than its longest word (it would break inside it).
    narrow = word.add_table(document, ["A", "B"], [["Transformationskonferenz", "x " * 200]])
    assert narrow.columns[0].width > 25 * word.CHAR_WIDTH
    # Words too long for the page together: the date keeps its width, the others share.
    crowded = word.add_table(
        document,
        ["Datum", "Gremium", "Projekt", "Beschluss"],
        [["10.11.2026", "Transformationskonferenz", "Verknüpfung", "Transformationskonferenz"]],
    )
    assert crowded.columns[0].width > Cm(2.5)
    assert crowded.columns[1].width == crowded.columns[3].width
