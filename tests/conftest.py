import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from stores import (
    HOW_TO_RUN,
    PG_ENV,
    REQUIRE_ENV,
    PostgresDatabases,
    StoreFactory,
    factory_for,
    postgres_server,
)
from tradewatch.store import SqliteStore, Store

# "ci": more examples, no per-example deadline (shared CI machines are noisy), and the seed printed so a
# failure can be replayed. "dev" (default): quick. Choose with HYPOTHESIS_PROFILE.
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


# -- the stores the store tests run on (see tests/stores.py) -------------------------------------------------


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Skipped here rather than in the fixture, so that the summary says why once per file, not once per test.
    if os.environ.get(PG_ENV, "").strip() or os.environ.get(REQUIRE_ENV) == "1":
        return
    skip = pytest.mark.skip(reason=HOW_TO_RUN)
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def postgres_databases() -> Iterator[PostgresDatabases]:
    """The server named by TRADEWATCH_TEST_PG, handing out fresh databases (skips when it is not set)."""
    databases = PostgresDatabases(postgres_server())
    try:
        yield databases
    finally:
        databases.close()


@pytest.fixture
def empty_database(postgres_databases: PostgresDatabases) -> Iterator[str]:
    """The URL of a database of this test's own, without tradewatch's tables."""
    url = postgres_databases.create(empty=True)
    try:
        yield url
    finally:
        postgres_databases.drop(url)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_kind(request: pytest.FixtureRequest) -> str:
    kind: str = request.param
    return kind


@pytest.fixture
def store_factory(store_kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreFactory]:
    """Opens any number of store objects on one fresh database (SQLite: a file; PostgreSQL: a database of
    this test's own), as several processes would."""
    databases = request.getfixturevalue("postgres_databases") if store_kind == "postgres" else None
    with factory_for(store_kind, tmp_path, databases) as factory:
        yield factory


@pytest.fixture
def any_store(store_kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """One store on a fresh, empty database: SQLite in memory, or PostgreSQL. A test that also asks for
    `store_factory` gets another database from it."""
    if store_kind == "sqlite":
        with SqliteStore(":memory:") as store:
            yield store
        return
    with factory_for(store_kind, tmp_path, request.getfixturevalue("postgres_databases")) as factory:
        yield factory()
