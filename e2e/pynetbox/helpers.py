"""Helpers shared by the test modules (importable as `helpers`)."""

import ipaddress
import os
import random
import string

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

NB_URL = os.environ.get("NB_URL", "").rstrip("/")
NB_TOKEN = os.environ.get("NB_TOKEN", "")


def rand_suffix(n=8):
    return "".join(random.choices(string.ascii_lowercase + string.digits, k=n))


def auth_header(token):
    """Authorization header value, as NetBox expects it for each token version."""
    if token.startswith("nbt_"):
        return "Bearer " + token
    return "Token " + token


def random_v6_48():
    """A random ULA /48 (fdxx:xxxx:xxxx::/48): for global objects such as aggregates."""
    a = random.randint(0, 0xFF)
    b = random.randint(0, 0xFFFF)
    c = random.randint(0, 0xFFFF)
    return ipaddress.ip_network(f"fd{a:02x}:{b:04x}:{c:04x}::/48")


def random_asn_block(size=16):
    """A random aligned block of 32-bit private ASNs (4200000000-4294967294)."""
    start = 4200000000 + random.randrange(0, (94967294 - size) // size) * size
    return start, start + size - 1


def ids(records):
    return sorted(r.id for r in records)


def check_common(obj, endpoint_path):
    """Fields every full (non-brief) NetBox object representation carries."""
    d = dict(obj)
    assert isinstance(d["id"], int)
    assert d["url"].endswith(f"/api/{endpoint_path}/{d['id']}/"), d["url"]
    assert d["url"].startswith("http")
    assert d["display_url"].endswith(f"/{endpoint_path}/{d['id']}/"), d["display_url"]
    assert "/api/" not in d["display_url"]
    assert isinstance(d["display"], str) and d["display"]
    assert d["custom_fields"] == {}
    assert d["tags"] == []
    assert d["created"] and d["last_updated"]
    return d


def round_trip(endpoint, obj, field, new_value, expect=None):
    """Update `field` via Record.save(), check the PATCH result and a fresh GET."""
    setattr(obj, field, new_value)
    assert obj.save() is True
    fresh = endpoint.get(obj.id)
    got = getattr(fresh, field)
    want = new_value if expect is None else expect
    assert got == want, (field, got, want)
    # a second save with no change sends nothing and reports False
    assert fresh.save() is False
    return fresh


def delete_and_gone(endpoint, obj):
    assert obj.delete() is True
    assert endpoint.get(obj.id) is None


def retrying(session):
    """Retry idempotent requests whose keep-alive connection was closed by the server (worker recycling)."""
    retry = Retry(total=3, connect=3, read=2, status=0, backoff_factor=0.2,
                  allowed_methods=frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"}))
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


class Http(requests.Session):
    """requests.Session that prefixes relative paths with NB_URL and sends the token."""

    def __init__(self, base, token=None):
        super().__init__()
        self.base = base
        self.headers["Accept"] = "application/json"
        if token:
            self.headers["Authorization"] = auth_header(token)
        retrying(self)

    def request(self, method, url, *args, **kwargs):
        if url.startswith("/"):
            url = self.base + url
        kwargs.setdefault("timeout", 120)
        return super().request(method, url, *args, **kwargs)


class Cleanup:
    """Deletes registered objects in reverse creation order at teardown; ignores 404s.

    Besides explicit add(), it is attached (see `watch`) to the HTTP sessions used by the tests, so every
    object a POST answers 201 for is registered too: an unexpected success in a test that expects an
    error does not leak objects that would block later cleanups or runs.
    """

    def __init__(self, http):
        self.http = http
        self.urls = []
        self._seen = set()

    def add(self, obj):
        url = obj["url"] if isinstance(obj, dict) else obj.url
        if url not in self._seen:
            self._seen.add(url)
            self.urls.append(url)
        return obj

    def add_many(self, objs):
        for o in objs:
            self.add(o)
        return objs

    def _on_response(self, r, *args, **kwargs):
        if r.request.method != "POST" or r.status_code != 201:
            return
        try:
            body = r.json()
        except ValueError:
            return
        for o in body if isinstance(body, list) else [body]:
            if isinstance(o, dict) and isinstance(o.get("url"), str) and "/api/" in o["url"]:
                self.add(o)

    def watch(self, session):
        session.hooks["response"].append(self._on_response)

    def unwatch(self, session):
        if self._on_response in session.hooks["response"]:
            session.hooks["response"].remove(self._on_response)

    def _delete_one(self, url, errors):
        r = self.http.delete(url)
        if r.status_code not in (204, 404):
            errors.append((url, r.status_code, r.text[:300]))

    def run(self):
        """Consecutive objects of one endpoint go in bulk DELETEs (200 ids each). If one fails (an
        object is already gone, ...), the survivors are looked up and deleted one by one."""
        errors = []
        groups = []  # [(list_url, [(detail_url, id), ...])]: consecutive runs of one endpoint
        for url in reversed(self.urls):
            list_url, _, tail = url.rstrip("/").rpartition("/")
            list_url += "/"
            if groups and groups[-1][0] == list_url:
                groups[-1][1].append((url, tail))
            else:
                groups.append((list_url, [(url, tail)]))
        for list_url, items in groups:
            if len(items) == 1 or not all(i.isdigit() for _, i in items):
                for url, _ in items:
                    self._delete_one(url, errors)
                continue
            for k in range(0, len(items), 200):
                chunk = items[k:k + 200]
                r = self.http.delete(list_url, json=[{"id": int(i)} for _, i in chunk])
                if r.status_code == 204:
                    continue
                left = chunk
                r = self.http.get(list_url, params={"id": [i for _, i in chunk], "brief": 1, "limit": 1000})
                if r.status_code == 200:
                    alive = {str(x["id"]) for x in r.json().get("results", [])}
                    left = [(u, i) for u, i in chunk if i in alive]
                for url, _ in left:
                    self._delete_one(url, errors)
        self.urls = []
        self._seen = set()
        return errors
