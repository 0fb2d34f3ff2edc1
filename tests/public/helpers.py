"""Run the public demo loader again on an already loaded Potsdam demo (it must create nothing)."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from lotse.demo import potsdam_data
from lotse.demo.public_demo import load_public_demo
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project


def run_public_demo(slug: str = "potsdam") -> dict[str, int]:
    programme = Programme.objects.get(slug=slug)
    by_title = {p.title: p for p in Project.objects.filter(programme=programme)}
    projects = {item["key"]: by_title[item["title"]] for item in potsdam_data.PROJECTS}
    users = {u.username: u for u in get_user_model().objects.all()}
    return load_public_demo(
        programme=programme, projects=projects, users=users, today=timezone.localdate()
    )
