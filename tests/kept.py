"""What a page shows in a small form whose refused input was kept (`lotse.drafts`): the value
in a field and the messages tied to it (`aria-describedby`)."""

from dataclasses import dataclass

from lxml import html


@dataclass(frozen=True)
class ShownField:
    value: str
    errors: list[str]  # the error lists the field's aria-describedby names
    invalid: bool  # aria-invalid="true"
    folded: bool  # inside a closed <details>


def shown_field(page: str, action: str, name: str) -> ShownField:
    """The field `name` of the form posting to `action` on the page (one of several forms
    posting there: the one with that field)."""
    tree = html.fromstring(page)
    [element] = tree.xpath("//form[@action=$action]//*[@name=$name]", action=action, name=name)
    [form] = element.xpath("ancestor::form")
    if element.tag == "textarea":
        value = (element.text or "").removeprefix("\n")  # as a browser reads it
    elif element.tag == "select":
        value = "".join(element.xpath("./option[@selected]/@value"))
    else:
        value = element.get("value", "")
    errors = []
    for id_ in element.get("aria-describedby", "").split():
        [described] = tree.xpath("//*[@id=$id]", id=id_)
        if "errorlist" in described.get("class", "").split():  # not the help text
            errors.append(" ".join(described.text_content().split()))
    folded = bool(form.xpath("ancestor::details[not(@open)]"))
    return ShownField(value, errors, element.get("aria-invalid") == "true", folded)


def messages_of(response: object) -> list[str]:
    """The notices at the top of the page a followed response ends on."""
    return [str(m) for m in response.context["messages"]]  # type: ignore[attr-defined]
