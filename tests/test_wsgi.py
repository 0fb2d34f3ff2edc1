"""lotse.wsgi moves what is loaded at start out of the garbage collector's sight (issue 14)."""

import gc
import importlib


def test_loading_the_wsgi_application_freezes_the_startup_objects():
    import lotse.wsgi

    try:
        importlib.reload(lotse.wsgi)
        assert gc.get_freeze_count() > 0
        assert callable(lotse.wsgi.application)
    finally:
        gc.unfreeze()
