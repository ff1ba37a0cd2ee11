"""Tools for the tests and the benchmarks (development only): nothing the site runs imports
this package (tests/lantern/test_daphne_launcher.py checks). Standard library only, so that
the benchmark app can use it without the test dependencies (`challenge` needs the site's own
altcha)."""
