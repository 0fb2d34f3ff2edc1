import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_pages_render_for_pmo(cast):
    client = cast.client("pmo")
    urls = [
        reverse("portfolio:target_picture", args=[cast.programme.slug]),
        reverse("portfolio:project_list", args=[cast.programme.slug]),
        reverse("portfolio:project_create", args=[cast.programme.slug]),
        reverse("portfolio:goal_matrix", args=[cast.programme.slug]),
        reverse("portfolio:project_detail", args=[cast.project.pk]),
        reverse("portfolio:project_edit", args=[cast.project.pk]),
        reverse("accounts:profile"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
