"""Every programme gets its PMO board with the default columns (new ones get it when created),
so that opening the boards page never has to create it."""

from django.db import migrations

COLUMNS = [("Aufgabe", False), ("In Arbeit", False), ("Erledigt", True)]


def create_boards(apps, schema_editor):
    Programme = apps.get_model("portfolio", "Programme")
    Board = apps.get_model("boards", "Board")
    Column = apps.get_model("boards", "Column")
    have = set(
        Board.objects.filter(programme__isnull=False).values_list("programme_id", flat=True)
    )
    for programme_id in Programme.objects.exclude(pk__in=have).values_list("pk", flat=True):
        board = Board.objects.create(programme_id=programme_id)
        Column.objects.bulk_create(
            Column(board=board, name=name, position=i, is_done=is_done)
            for i, (name, is_done) in enumerate(COLUMNS)
        )


def remove_empty_boards(apps, schema_editor):
    """Back: remove PMO boards nobody has used (no cards, default columns only, no labels)."""
    Board = apps.get_model("boards", "Board")
    Card = apps.get_model("boards", "Card")
    # The historical models know no related names: query the columns and labels directly.
    Column = apps.get_model("boards", "Column")
    Label = apps.get_model("boards", "Label")
    used = set(Card.objects.values_list("board_id", flat=True))
    for board in Board.objects.filter(programme__isnull=False).exclude(pk__in=used):
        names = list(Column.objects.filter(board=board).order_by("position").values_list("name", flat=True))
        if names == [name for name, _done in COLUMNS] and not Label.objects.filter(board=board).exists():
            Column.objects.filter(board=board).delete()
            board.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("boards", "0004_version_check"),
        ("portfolio", "0003_working_day_calendar"),
    ]

    operations = [migrations.RunPython(create_boards, remove_empty_boards)]
