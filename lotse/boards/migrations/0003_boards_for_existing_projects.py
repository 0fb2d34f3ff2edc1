"""Every project gets its board with the default columns (new ones get it when created)."""

from django.db import migrations

COLUMNS = [("Aufgabe", False), ("In Arbeit", False), ("Erledigt", True)]


def create_boards(apps, schema_editor):
    Project = apps.get_model("portfolio", "Project")
    Board = apps.get_model("boards", "Board")
    Column = apps.get_model("boards", "Column")
    have = set(Board.objects.filter(project__isnull=False).values_list("project_id", flat=True))
    for project_id in Project.objects.exclude(pk__in=have).values_list("pk", flat=True):
        board = Board.objects.create(project_id=project_id)
        Column.objects.bulk_create(
            Column(board=board, name=name, position=i, is_done=is_done)
            for i, (name, is_done) in enumerate(COLUMNS)
        )


def remove_empty_boards(apps, schema_editor):
    """Back: remove project boards nobody has used (no cards, default columns only)."""
    db = schema_editor.connection.alias
    Board = apps.get_model("boards", "Board")
    Card = apps.get_model("boards", "Card")
    Column = apps.get_model("boards", "Column")
    Label = apps.get_model("boards", "Label")
    # The historical models know no related names, and in a reverse run the rendered Board
    # class need not be the one Column points to (Django then refuses the query, and the
    # cascade collector too): work with ids only and delete without the collector.
    used = set(Card.objects.using(db).values_list("board_id", flat=True))
    labelled = set(Label.objects.using(db).values_list("board_id", flat=True))
    defaults = [name for name, _done in COLUMNS]
    empty = []
    for board_id in (
        Board.objects.using(db)
        .filter(project__isnull=False)
        .exclude(pk__in=used | labelled)
        .values_list("pk", flat=True)
    ):
        names = list(
            Column.objects.using(db)
            .filter(board_id=board_id)
            .order_by("position")
            .values_list("name", flat=True)
        )
        if names == defaults:
            empty.append(board_id)
    Column.objects.using(db).filter(board_id__in=empty)._raw_delete(db)
    Board.objects.using(db).filter(pk__in=empty)._raw_delete(db)


class Migration(migrations.Migration):
    dependencies = [
        ("boards", "0002_initial"),
        ("portfolio", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_boards, remove_empty_boards)]
