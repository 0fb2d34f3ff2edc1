"""The cockpit history's light and trend tags give the markup of the includes they replace."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from lotse.reporting.presentation import trend_info
from lotse.reporting.templatetags.report_badges import light_badge
from lotse.reporting.templatetags.report_badges import trend_badge


@pytest.mark.parametrize("value", ["green", "amber", "red", "missing"])
def test_light_badge_is_the_light_include(value):
    expected = render_to_string("reporting/_light.html", {"value": value, "display": "Ampel"})
    assert light_badge(value, "Ampel") == expected.strip()


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(
    "current,previous", [("green", "red"), ("red", "green"), ("amber", "amber"), ("green", None)]
)
def test_trend_badge_is_the_trend_include(current, previous, language):
    trend = trend_info(current, previous)
    with translation.override(language):
        expected = render_to_string("reporting/_trend.html", {"trend": trend})
        assert trend_badge(trend) == expected.strip()
