"""Word documents (lotse.documents.docx): the tables' columns."""

from docx.oxml.ns import qn
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


def test_words_too_wide_together_break_at_their_compounds_joints():
    """Date, Gremium, project and decision: the longest words alone were wider than the page,
    the Gremium's column narrower than "Transformationskonferenz", and LibreOffice broke it
    inside a syllable ("Transformationskonf|erenz"). A soft hyphen at the joint lets it break
    as "Transformations-|konferenz", every column as wide as its longest piece."""
    assert word.soft_hyphens("Die Transformationskonferenz tagt") == (
        f"Die Transformations{word.SOFT_HYPHEN}konferenz tagt"
    )
    assert word.soft_hyphens("Digitalisierungsstrategie der Organisationseinheit") == (
        f"Digitalisierungs{word.SOFT_HYPHEN}strategie der Organisations{word.SOFT_HYPHEN}einheit"
    )
    assert word.soft_hyphens("Kommunalportal, Beteiligung") == "Kommunalportal, Beteiligung"
    document = word.new_document(title="Bericht", author="Programmbüro")
    decision = "Die Transformationskonferenz gibt die Initiierung von „Verknüpfung“ frei."
    row = ["10.11.2026", "Transformationskonferenz", "Verknüpfung digitaler Teilhabe", decision]
    table = word.add_table(document, ["Datum", "Gremium", "Projekt", "Beschluss"], [row])
    gremium = table.rows[1].cells[1]
    assert gremium.text == "Transformationskonferenz"  # the text itself unchanged
    assert [len(e.findall(qn("w:softHyphen"))) for e in gremium._tc.iter(qn("w:r"))] == [1, 0]
    assert table.rows[1].cells[3]._tc.findall(".//" + qn("w:softHyphen"))
    piece = len("Transformations-") * word.CHAR_WIDTH
    assert table.columns[1].width > piece and table.columns[3].width > piece
    assert table.columns[0].width > Cm(2.5)  # the date on one line
    # Words that fit side by side stay whole.
    roomy = word.add_table(document, ["Gremium", "Projekt"], [row[1:3]])
    assert not roomy._tbl.findall(".//" + qn("w:softHyphen"))


def test_an_amount_keeps_its_unit_on_its_line():
    """The finance table's amounts broke before their unit ("19,3 Mio." and "€" on the next
    line): the column was as wide as "Mio.", its longest word."""
    document = word.new_document(title="Bericht", author="Programmbüro")
    table = word.add_table(
        document,
        ["Themenfeld", "Plan", "Ist", "Obligo", "verfügbar"],
        [["Programm und Bereiche", "19,3 Mio. €", "0 €", "480 T€", "19,3 Mio. €"]],
    )
    cells = table.rows[1].cells
    assert cells[1].text == "19,3\u00a0Mio.\u00a0€" and cells[3].text == "480\u00a0T€"
    assert table.columns[1].width > len("19,3 Mio. €") * word.CHAR_WIDTH
