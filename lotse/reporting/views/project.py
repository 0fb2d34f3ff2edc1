"""Project-level reporting pages: report editing and workflow, project cockpit, milestones,
risks and decision requests."""

urlpatterns: list = []
