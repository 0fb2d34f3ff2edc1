"""The public summary is edited in the Steckbrief; the name opt-in on the profile page."""

from django.urls import reverse

from lotse.public.models import ProgrammePublication


def _edit(client, project, **changes):
    form = client.get(reverse("portfolio:project_edit", args=[project.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(changes)
    data["version"] = project.version
    return client.post(reverse("portfolio:project_edit", args=[project.pk]), data)


def test_the_lead_writes_the_public_summary_in_the_steckbrief(cast):
    client = cast.client("project_lead")
    page = client.get(reverse("portfolio:project_edit", args=[cast.project.pk])).content.decode()
    assert 'name="public_summary"' in page
    response = _edit(client, cast.project, public_summary="Für alle verständlich.")
    assert response.status_code == 302, response.content.decode()[:2000]
    cast.project.refresh_from_db()
    assert cast.project.public_summary == "Für alle verständlich."


def test_the_public_summary_in_the_api(cast):
    client = cast.client("project_lead")
    url = f"/api/v1/projects/{cast.project.pk}"
    data = client.get(url).json()
    assert data["public_summary"] == ""
    response = client.patch(
        url,
        {"version": data["version"], "public_summary": "Per API."},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["public_summary"] == "Per API."


def test_a_person_opts_in_and_out_on_the_profile_page(cast):
    user = cast.users["project_lead"]
    user.display_name = "Paula Projekt"
    user.save()
    cast.project.published = True
    cast.project.save()
    ProgrammePublication.objects.create(programme=cast.programme, enabled=True)
    public = reverse("public:project", args=[cast.programme.slug, cast.project.pk])
    client = cast.client("project_lead")
    assert "öffentlichen Seiten" in client.get(reverse("accounts:profile")).content.decode()
    assert "Paula Projekt" not in client.get(public).content.decode()

    client.post(reverse("accounts:public_name"), {"public_name_opt_in": "on"})
    user.refresh_from_db()
    assert user.public_name_opt_in
    assert "Paula Projekt" in client.get(public).content.decode()

    client.post(reverse("accounts:public_name"), {})
    user.refresh_from_db()
    assert not user.public_name_opt_in
    assert "Paula Projekt" not in client.get(public).content.decode()


def test_the_opt_in_needs_a_login_and_a_post(cast):
    url = reverse("accounts:public_name")
    assert cast.client("anonymous").post(url, {"public_name_opt_in": "on"}).status_code == 302
    assert cast.client("member").get(url).status_code == 405
