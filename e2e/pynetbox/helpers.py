"""Helpers shared by the test modules (importable as `helpers`)."""

import ipaddress
import random
import string


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
