"""The benchmark's page list and its in-process harness (no timing here: bench/ measures, tests count)."""

from django.core.management import call_command

from bench.catalog import EXPORTS, PAGES, THROUGHPUT_PAGES
from bench.pages import measure_all
from tests.test_role_matrix import MATRIX


def test_the_benchmark_covers_every_get_page_of_the_role_matrix():
    get_pages = {name for name, (_key, expected) in MATRIX.items() if 200 in expected.values()}
    benchmarked = {name for _label, name, _key, _role, _query in PAGES}
    assert sorted(get_pages - benchmarked) == []
    assert sorted(benchmarked - set(MATRIX)) == []


def test_the_labels_are_unique_and_the_load_and_export_lists_name_pages():
    labels = [label for label, *_rest in PAGES]
    assert len(labels) == len(set(labels))
    assert set(THROUGHPUT_PAGES) <= set(labels)
    assert set(EXPORTS) <= set(labels)


def test_the_harness_measures_every_page_on_a_tiny_demo(db):
    call_command("load_demo", nominations=30, phase="published", force=True, verbosity=0)

    results, _prepared = measure_all(repeat=1)

    assert list(results) == [label for label, *_rest in PAGES]
    for label, result in results.items():
        assert isinstance(result["queries"], int), label
        assert isinstance(result["cold_queries"], int), label
        assert result["cold_queries"] >= 0, label
        assert result["queries"] >= 0, label
        assert result["bytes"] > 0, label
    assert results["deliberation of a territory"]["status"] == 200
    assert results["deliberation of a territory"]["cold_queries"] > 0
    assert results["deliberation CSV export"]["status"] == 200
    assert results["score form"]["status"] == 200
