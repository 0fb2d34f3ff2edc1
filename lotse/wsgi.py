import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
application = get_wsgi_application()

# Everything loaded so far (Django, the apps, the URLconf's modules) lives as long as the
# process: move it out of the garbage collector's sight. A large page creates tens of
# thousands of objects, and every full collection used to walk all of these too — at 2,500
# projects that was 40 % of the programme cockpit's time (issue 14, bench/RESULTS.md).
gc.collect()
gc.freeze()
