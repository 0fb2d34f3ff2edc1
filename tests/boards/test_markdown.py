"""User Markdown is rendered, and everything dangerous is removed."""

from lotse.documents.markdown import render_markdown


def test_markdown_is_rendered():
    html = render_markdown(
        "**fett** und *kursiv*\n\n- eins\n- zwei\n\n[Seite](https://example.org)"
    )
    assert "<strong>fett</strong>" in html
    assert "<em>kursiv</em>" in html
    assert "<li>eins</li>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_script_tags_are_removed():
    html = render_markdown("Hallo <script>alert('x')</script> Welt")
    assert "<script" not in html
    assert "alert" not in html


def test_event_handlers_are_removed():
    html = render_markdown('<img src="x" onerror="alert(1)"> <p onclick="alert(2)">Text</p>')
    assert "onerror" not in html
    assert "onclick" not in html
    assert "<img" not in html


def test_javascript_links_are_removed():
    html = render_markdown('[Klick](javascript:alert(1)) <a href="javascript:alert(2)">b</a>')
    assert "javascript:" not in html
    assert "Klick" in html


def test_empty_text():
    assert render_markdown("") == ""
