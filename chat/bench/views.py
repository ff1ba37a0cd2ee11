"""The page benchmark's baseline: the least a Django view can do, behind every middleware the
pages have. Mounted at /bench/trivial/ by the benchmark's URL conf (chat/bench/urls.py) only."""

from django.http import HttpResponse

TRIVIAL_PATH = "bench/trivial/"


def trivial(request):
    return HttpResponse(b"ok\n", content_type="text/plain")
