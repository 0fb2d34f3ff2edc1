"""Helpers that find every form and every API input schema of Lotse, so a new app is covered
by the hygiene tests without anyone adding it to a list."""

import importlib
import pkgutil

from django import forms

import lotse

# Apps that take input through forms and API schemas: the sweeps must find each of them.
APPS_WITH_INPUT = {
    "portfolio",
    "reporting",
    "okr",
    "boards",
    "governance",
    "council_reports",
    "finance",
    "ideas",
}


def apps_of(classes) -> set[str]:
    """The Lotse apps the classes are defined in."""
    return {cls.__module__.split(".")[1] for cls in classes}


def lotse_modules() -> list:
    modules = []
    for info in pkgutil.walk_packages(lotse.__path__, "lotse."):
        if ".migrations" in info.name or info.name.endswith(".wsgi"):
            continue
        modules.append(importlib.import_module(info.name))
    return modules


def lotse_forms() -> list[type[forms.BaseForm]]:
    found = set()
    for module in lotse_modules():
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__.startswith("lotse.")
                and value.__module__ != "lotse.forms"
            ):
                found.add(value)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def input_schemas() -> list:
    """Every request body and query schema of the API (subclasses of `Clean`)."""
    from lotse.portfolio.schemas import Clean

    found = set()
    for module in lotse_modules():
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Clean)
                and value.__module__.startswith("lotse.")
                and value.__name__ not in ("Clean", "In")
            ):
                found.add(value)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")
