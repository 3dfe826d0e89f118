# Runs inside `netbox shell`: the same data set as bench/load.py, written with the ORM's bulk_create
# (the REST API would need most of an hour for 100,000 addresses at NetBox's write rate).
# An existing complete data set is kept; otherwise old rows go with a raw DELETE (no signals).
import ipaddress
from ipam.models import IPAddress, Prefix
from netaddr import IPNetwork

N_IPS = 100_000
have_ips = IPAddress.objects.filter(description__startswith="bench ip ").count()
have_pfx = Prefix.objects.filter(description__startswith="bench").count()
if have_ips == N_IPS and have_pfx == 2000:
    print("netbox data set already loaded", have_pfx, have_ips)
else:
    IPAddress.objects.filter(description__startswith="bench")._raw_delete(IPAddress.objects.db)
    Prefix.objects.filter(description__startswith="bench")._raw_delete(Prefix.objects.db)
    Prefix.objects.create(prefix=IPNetwork("10.0.0.0/8"), status="container", description="bench /8")
    nets = list(ipaddress.ip_network("172.16.0.0/12").subnets(new_prefix=24))[:1999]
    Prefix.objects.bulk_create([Prefix(prefix=IPNetwork(str(n)), status="active", description=f"bench prefix {j}") for j, n in enumerate(nets)], batch_size=1000)
    start = int(ipaddress.ip_address("10.0.0.1"))
    IPAddress.objects.bulk_create([IPAddress(address=IPNetwork(f"{ipaddress.ip_address(start + k)}/8"), status="active", description=f"bench ip {k}") for k in range(N_IPS)], batch_size=2000)
    print("netbox loaded", Prefix.objects.count(), IPAddress.objects.count())
# Addresses the write scenarios created in earlier runs go too, so every run starts alike.
IPAddress.objects.filter(description__in=["bench", "bench-bulk", ""], address__net_host_contained="10.0.0.0/8")._raw_delete(IPAddress.objects.db)
