from django.http import HttpRequest

from lotse.portfolio.selectors import programmes_visible_to


def navigation(request: HttpRequest) -> dict:
    """The programmes in the main navigation; evaluated lazily, only when a page shows them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_programmes": programmes_visible_to(user).only("name", "slug", "short_name")}
