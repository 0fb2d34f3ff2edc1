"""Programme-level reporting pages: programme cockpit, Projektcheck, controlling."""

urlpatterns: list = []
