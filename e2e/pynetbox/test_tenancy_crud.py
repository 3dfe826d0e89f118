"""CRUD through pynetbox on the tenancy app (and extras tags)."""

from helpers import check_common, delete_and_gone, ids, round_trip


def test_tenant_group_nested_parent(nb, cleanup, uid):
    ep = nb.tenancy.tenant_groups
    parent = cleanup.add(ep.create(name=f"e2e-tg-{uid}", slug=f"e2e-tg-{uid}", description="top"))
    d = check_common(parent, "tenancy/tenant-groups")
    assert d["name"] == f"e2e-tg-{uid}"
    assert d["slug"] == f"e2e-tg-{uid}"
    assert d["parent"] is None
    assert d["_depth"] == 0
    assert d["tenant_count"] == 0
    assert d["display"] == f"e2e-tg-{uid}"

    child = cleanup.add(ep.create(name=f"e2e-tg-{uid}-c", slug=f"e2e-tg-{uid}-c", parent=parent.id))
    assert child.parent.id == parent.id
    assert child.parent.name == parent.name
    assert child.parent.slug == parent.slug
    assert child._depth == 1
    # nested MPTT parent: has display_url and _depth, no description
    assert dict(child)["parent"] == {"id": parent.id, "url": parent.url, "display_url": parent.display_url,
                                     "display": parent.name, "name": parent.name, "slug": parent.slug,
                                     "_depth": 0}

    got = ep.get(child.id)
    assert got.name == child.name and got.parent.id == parent.id

    # filters: parent_id, parent (slug), ancestor
    assert ids(ep.filter(parent_id=parent.id)) == [child.id]
    assert ids(ep.filter(parent=parent.slug)) == [child.id]
    assert ids(ep.filter(ancestor_id=parent.id)) == [child.id]
    assert ids(ep.filter(slug=[parent.slug, child.slug])) == sorted([parent.id, child.id])

    # the parent's tenant_count is cumulative over descendants
    t = cleanup.add(nb.tenancy.tenants.create(name=f"e2e-t-{uid}", slug=f"e2e-t-{uid}", group=child.id))
    assert ep.get(parent.id).tenant_count == 1
    assert ep.get(child.id).tenant_count == 1
    assert t.group.id == child.id
    t.delete()

    round_trip(ep, got, "description", "changed")
    delete_and_gone(ep, child)
    delete_and_gone(ep, parent)


def test_tenant_crud(nb, cleanup, uid):
    ep = nb.tenancy.tenants
    grp = cleanup.add(nb.tenancy.tenant_groups.create(name=f"e2e-tg-{uid}", slug=f"e2e-tg-{uid}"))
    t = cleanup.add(ep.create(name=f"E2E Tenant {uid}", slug=f"e2e-tenant-{uid}", group=grp.id,
                              description="d1", comments="c1"))
    d = check_common(t, "tenancy/tenants")
    assert d["name"] == f"E2E Tenant {uid}"
    assert d["display"] == f"E2E Tenant {uid}"
    assert d["slug"] == f"e2e-tenant-{uid}"
    assert d["description"] == "d1"
    assert d["comments"] == "c1"
    assert d["group"]["id"] == grp.id and d["group"]["slug"] == grp.slug
    assert d["owner"] is None

    got = ep.get(t.id)
    assert got.id == t.id and got.slug == t.slug
    # related object counts are part of the full representation
    for k in ("prefix_count", "vrf_count", "vlan_count", "ipaddress_count"):
        assert dict(got)[k] == 0, k
    assert ep.get(slug=t.slug).id == t.id
    assert ids(ep.filter(group_id=grp.id)) == [t.id]
    assert ids(ep.filter(group=grp.slug)) == [t.id]
    assert ids(ep.filter(name=t.name)) == [t.id]

    round_trip(ep, got, "description", "d2")
    got = ep.get(t.id)
    got.group = None
    assert got.save()
    assert ep.get(t.id).group is None
    delete_and_gone(ep, t)


def test_contact_group_role_contact(nb, cleanup, uid):
    groups = nb.tenancy.contact_groups
    g = cleanup.add(groups.create(name=f"e2e-cg-{uid}", slug=f"e2e-cg-{uid}"))
    g2 = cleanup.add(groups.create(name=f"e2e-cg-{uid}-c", slug=f"e2e-cg-{uid}-c", parent=g.id))
    check_common(g, "tenancy/contact-groups")
    assert g2.parent.id == g.id and g2._depth == 1
    assert ids(groups.filter(parent_id=g.id)) == [g2.id]

    roles = nb.tenancy.contact_roles
    r = cleanup.add(roles.create(name=f"e2e-cr-{uid}", slug=f"e2e-cr-{uid}"))
    rd = check_common(r, "tenancy/contact-roles")
    assert rd["name"] == f"e2e-cr-{uid}"
    round_trip(roles, roles.get(r.id), "description", "role desc")

    contacts = nb.tenancy.contacts
    c = cleanup.add(contacts.create(name=f"E2E Contact {uid}", groups=[g2.id], email=f"{uid}@example.com",
                                    phone="+1 555 0100", title="Engineer"))
    cd = check_common(c, "tenancy/contacts")
    assert cd["email"] == f"{uid}@example.com"
    assert cd["title"] == "Engineer"
    assert [x["id"] for x in cd["groups"]] == [g2.id]
    assert cd["groups"][0]["name"] == g2.name
    assert ids(contacts.filter(group_id=g2.id)) == [c.id]
    assert ids(contacts.filter(email=f"{uid}@example.com")) == [c.id]
    assert ids(contacts.filter(q=f"Contact {uid}")) == [c.id]
    got = round_trip(contacts, contacts.get(c.id), "title", "Manager")
    assert got.email == f"{uid}@example.com"

    delete_and_gone(contacts, c)
    delete_and_gone(roles, r)
    delete_and_gone(groups, g2)
    delete_and_gone(groups, g)


def test_contact_assignment_to_tenant(nb, cleanup, uid):
    t = cleanup.add(nb.tenancy.tenants.create(name=f"e2e-t-{uid}", slug=f"e2e-t-{uid}"))
    role = cleanup.add(nb.tenancy.contact_roles.create(name=f"e2e-cr-{uid}", slug=f"e2e-cr-{uid}"))
    role2 = cleanup.add(nb.tenancy.contact_roles.create(name=f"e2e-cr2-{uid}", slug=f"e2e-cr2-{uid}"))
    c = cleanup.add(nb.tenancy.contacts.create(name=f"e2e-c-{uid}"))

    ep = nb.tenancy.contact_assignments
    a = cleanup.add(ep.create(object_type="tenancy.tenant", object_id=t.id, contact=c.id, role=role.id,
                              priority="primary"))
    d = dict(a)
    assert d["object_type"] == "tenancy.tenant"
    assert d["object_id"] == t.id
    assert d["object"]["id"] == t.id and d["object"]["name"] == t.name
    assert d["contact"]["id"] == c.id and d["contact"]["name"] == c.name
    assert d["role"]["id"] == role.id
    assert d["priority"] == {"value": "primary", "label": "Primary"}
    assert d["url"].endswith(f"/api/tenancy/contact-assignments/{a.id}/")
    assert d["custom_fields"] == {} and d["tags"] == []

    assert ids(ep.filter(object_type="tenancy.tenant", object_id=t.id)) == [a.id]
    assert ids(ep.filter(contact_id=c.id)) == [a.id]
    assert ids(ep.filter(role=role.slug)) == [a.id]

    got = ep.get(a.id)
    got.role = role2.id
    got.priority = "secondary"
    assert got.save()
    got = ep.get(a.id)
    assert got.role.id == role2.id
    assert got.priority.value == "secondary"
    delete_and_gone(ep, got)


def test_tag_crud(nb, cleanup, uid):
    ep = nb.extras.tags
    tag = cleanup.add(ep.create(name=f"E2E Tag {uid}", slug=f"e2e-tag-{uid}", color="ff0000",
                                description="red"))
    d = dict(tag)
    assert d["name"] == f"E2E Tag {uid}"
    assert d["slug"] == f"e2e-tag-{uid}"
    assert d["color"] == "ff0000"
    assert d["display"] == f"E2E Tag {uid}"
    assert d["url"].endswith(f"/api/extras/tags/{tag.id}/")
    assert d["created"] and d["last_updated"]
    assert d["object_types"] == []
    got = ep.get(tag.id)
    assert got.tagged_items == 0
    assert ids(ep.filter(slug=tag.slug)) == [tag.id]
    assert ids(ep.filter(color="ff0000", name=tag.name)) == [tag.id]
    round_trip(ep, got, "color", "00ff00")

    # tagging a tenant: write tags as a list of {name}/{slug}/id, read back as nested tag objects
    t = cleanup.add(nb.tenancy.tenants.create(name=f"e2e-t-{uid}", slug=f"e2e-t-{uid}",
                                               tags=[{"slug": tag.slug}]))
    td = dict(t)
    assert len(td["tags"]) == 1
    assert td["tags"][0]["id"] == tag.id
    assert td["tags"][0]["slug"] == tag.slug
    assert td["tags"][0]["name"] == tag.name
    assert td["tags"][0]["color"] == "00ff00"
    assert ep.get(tag.id).tagged_items == 1
    assert ids(nb.tenancy.tenants.filter(tag=tag.slug)) == [t.id]
    t.delete()
    delete_and_gone(ep, tag)
