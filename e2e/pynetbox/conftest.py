"""Shared fixtures for the pynetbox black-box compatibility suite.

Environment:
  NB_URL       base URL of the server, e.g. http://127.0.0.1:8001 (no /api suffix)
  NB_TOKEN     full token value: ``nbt_<key>.<secret>`` (v2) or a 40-char v1 token
  NB_PASSWORD  password of the ``admin`` user (only for /api/users/tokens/provision/)

Every test creates its own uniquely named objects (random suffix) and deletes them
afterwards, so the suite can run again and again against the same server and never
relies on pre-existing data.
"""

import ipaddress
import random

import pynetbox
import pytest

from helpers import NB_TOKEN, NB_URL, Cleanup, Http, retrying, rand_suffix


def pytest_configure(config):
    if not NB_URL or not NB_TOKEN:
        raise pytest.UsageError("NB_URL and NB_TOKEN must be set (see README.md)")


@pytest.fixture(scope="session")
def base_url():
    return NB_URL


@pytest.fixture(scope="session")
def api_url():
    return NB_URL + "/api"


@pytest.fixture(scope="session")
def token():
    return NB_TOKEN


@pytest.fixture(scope="session")
def nb():
    api = pynetbox.api(NB_URL, token=NB_TOKEN)
    retrying(api.http_session)
    return api


@pytest.fixture(scope="session")
def http():
    s = Http(NB_URL, NB_TOKEN)
    yield s
    s.close()


@pytest.fixture(scope="session")
def anon():
    """A session without any credentials."""
    s = Http(NB_URL)
    yield s
    s.close()


@pytest.fixture
def uid():
    """Random suffix for unique names/slugs in this test."""
    return rand_suffix()


@pytest.fixture(autouse=True)
def cleanup(http, anon, nb):
    """Per-test cleanup; also registers whatever a POST through `http`, `anon` or `nb` created."""
    c = Cleanup(http)
    sessions = (http, anon, nb.http_session)
    for s in sessions:
        c.watch(s)
    yield c
    for s in sessions:
        c.unwatch(s)
    errors = c.run()
    assert not errors, "cleanup failed: %r" % errors


# ---------------------------------------------------------------- object factories
# Each factory registers what it creates with `cleanup`; objects are deleted in
# reverse creation order, so children go before parents.


@pytest.fixture
def make_tenant(nb, cleanup, uid):
    counter = [0]

    def make(**kw):
        counter[0] += 1
        name = kw.pop("name", f"e2e-tenant-{uid}-{counter[0]}")
        slug = kw.pop("slug", f"e2e-tenant-{uid}-{counter[0]}")
        return cleanup.add(nb.tenancy.tenants.create(name=name, slug=slug, **kw))

    return make


@pytest.fixture
def make_vrf(nb, cleanup, uid):
    counter = [0]

    def make(**kw):
        counter[0] += 1
        kw.setdefault("name", f"e2e-vrf-{uid}-{counter[0]}")
        return cleanup.add(nb.ipam.vrfs.create(**kw))

    return make


@pytest.fixture
def vrf(make_vrf):
    """A fresh VRF (enforce_unique defaults to true) to keep this test's IP space private."""
    return make_vrf()


@pytest.fixture
def make_tag(nb, cleanup, uid):
    counter = [0]

    def make(**kw):
        counter[0] += 1
        kw.setdefault("name", f"e2e-tag-{uid}-{counter[0]}")
        kw.setdefault("slug", f"e2e-tag-{uid}-{counter[0]}")
        return cleanup.add(nb.extras.tags.create(**kw))

    return make


@pytest.fixture
def make_rir(nb, cleanup, uid):
    counter = [0]

    def make(**kw):
        counter[0] += 1
        kw.setdefault("name", f"e2e-rir-{uid}-{counter[0]}")
        kw.setdefault("slug", f"e2e-rir-{uid}-{counter[0]}")
        return cleanup.add(nb.ipam.rirs.create(**kw))

    return make


@pytest.fixture
def net4():
    """A random private /16 in 10.0.0.0/8 (tests put it in their own VRF anyway)."""
    return ipaddress.ip_network(f"10.{random.randint(0, 255)}.0.0/16")


# DCIM: the shared two-site network (session scope) and per-test device factory
from dcim_fixtures import dcim_net, make_device  # noqa: E402,F401
