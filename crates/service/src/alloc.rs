//! Free-space search and allocation: available IPs, prefixes, VLANs and ASNs.
//!
//! Free addresses are found by stepping over full blocks of 256 addresses
//! (`ipam_ipaddress_fullblock`): cost grows with the used run's size in blocks, never with every
//! used address. Allocation takes a
//! transaction-scoped lock per candidate address (PostgreSQL advisory lock; SQLite's single writer
//! serialises anyway), so concurrent allocators in different prefixes never wait for each other
//! and never receive the same address.

use crate::Ctx;
use crate::hooks::address_lock;
use ironbox_core::ip::{self, IpNet};
use ironbox_core::meta::{ColType, Model, Row};
use ironbox_core::{Error, Result, Value};
use ironbox_store::exec::sqv;
use ironbox_store::{Ex, crud};
use sea_query::{Alias, Condition, Expr, ExprTrait, Query};

fn col(c: &str) -> Expr {
    Expr::col(Alias::new(c))
}

fn vrf_cond(vrf: &Value) -> Condition {
    match vrf {
        Value::Int(v) => Condition::all().add(col("vrf_id").eq(*v)),
        _ => Condition::all().add(col("vrf_id").is_null()),
    }
}

/// The keys of the addresses used in `[lo, hi]` in the VRF, in address order.
fn used_keys(vrf: &Value, family: u8, lo: u128, hi: u128) -> sea_query::SelectStatement {
    Query::select()
        .column(Alias::new("address_key"))
        .from(Alias::new("ipam_ipaddress"))
        .cond_where(
            vrf_cond(vrf)
                .add(col("address_key").gte(ip::key(family, lo)))
                .add(col("address_key").lte(ip::key(family, hi))),
        )
        .order_by(Alias::new("address_key"), sea_query::Order::Asc)
        .to_owned()
}

async fn next_used(
    ex: &mut Ex<'_>,
    vrf: &Value,
    family: u8,
    from: u128,
    hi: u128,
) -> Result<Option<u128>> {
    // ORDER BY … LIMIT 1 rather than MIN(): PostgreSQL has no MIN over BYTEA.
    let q = used_keys(vrf, family, from, hi).limit(1).to_owned();
    let rows = ex.fetch(&q, &[ColType::Bytes]).await?;
    Ok(rows
        .first()
        .and_then(|r| r[0].as_bytes())
        .and_then(ip::from_key)
        .map(|(_, a)| a))
}

/// Addresses per block of `ipam_ipaddress_fullblock` (migration 0008): the last key byte.
const BLOCK: u128 = 256;

/// A block's key: the address key without its last byte.
fn block_key(family: u8, a: u128) -> Vec<u8> {
    let mut k = ip::key(family, a);
    k.truncate(16);
    k
}

fn block_number(k: &[u8]) -> Option<u128> {
    let mut full = k.to_vec();
    full.push(0);
    ip::from_key(&full).map(|(_, a)| a >> 8)
}

/// The first unused address in `[a, b]` (one block at most: 256 index entries), read directly.
async fn first_gap(
    ex: &mut Ex<'_>,
    vrf: &Value,
    family: u8,
    a: u128,
    b: u128,
) -> Result<Option<u128>> {
    let mut want = a;
    for r in ex
        .fetch(&used_keys(vrf, family, a, b), &[ColType::Bytes])
        .await?
    {
        let Some((_, u)) = r[0].as_bytes().and_then(ip::from_key) else {
            continue;
        };
        if u > want {
            return Ok(Some(want));
        }
        if u == want {
            if want == b {
                return Ok(None);
            }
            want += 1;
        }
    }
    Ok(Some(want))
}

/// Full blocks read per query while walking.
const BLOCK_BATCH: u64 = 512;

/// The first address in `[lo, hi]` not used in the VRF.
///
/// The block holding `lo` is read address by address; after it the walk reads the VRF's full
/// blocks in order (`ipam_ipaddress_fullblock`, kept by triggers) and steps over them without
/// reading their addresses. The first block number missing from that sequence is read address by
/// address: it holds a free address unless its mark is missing (a rare race between two writers
/// completing it), in which case the walk goes on. A run of 100,000 used addresses costs about
/// 400 block rows instead of 100,000 index entries.
pub async fn first_free(
    ex: &mut Ex<'_>,
    vrf: &Value,
    family: u8,
    lo: u128,
    hi: u128,
) -> Result<Option<u128>> {
    if lo > hi {
        return Ok(None);
    }
    let first_end = (lo | (BLOCK - 1)).min(hi);
    if let Some(f) = first_gap(ex, vrf, family, lo, first_end).await? {
        return Ok(Some(f));
    }
    if first_end == hi {
        return Ok(None);
    }
    let vrf_key = vrf.as_i64().unwrap_or(0);
    let last_block = hi >> 8;
    // The next block number to look at; every block before it has no free address.
    let mut expected = (lo >> 8) + 1;
    let mut after = block_key(family, lo);
    loop {
        let q = Query::select()
            .column(Alias::new("block"))
            .from(Alias::new("ipam_ipaddress_fullblock"))
            .and_where(col("vrf_key").eq(vrf_key))
            .and_where(col("block").gt(after.clone()))
            .and_where(col("block").lte(block_key(family, hi)))
            .order_by(Alias::new("block"), sea_query::Order::Asc)
            .limit(BLOCK_BATCH)
            .to_owned();
        let rows = ex.fetch(&q, &[ColType::Bytes]).await?;
        let n = rows.len() as u64;
        for r in rows {
            let Some(k) = r[0].as_bytes() else { continue };
            let Some(b) = block_number(k) else { continue };
            while expected < b {
                if let Some(f) = block_gap(ex, vrf, family, expected, hi).await? {
                    return Ok(Some(f));
                }
                expected += 1;
            }
            expected = b + 1;
            after = k.to_vec();
        }
        if n < BLOCK_BATCH {
            break;
        }
    }
    while expected <= last_block {
        if let Some(f) = block_gap(ex, vrf, family, expected, hi).await? {
            return Ok(Some(f));
        }
        expected += 1;
    }
    Ok(None)
}

/// The first unused address of block `b` at or below `hi`.
async fn block_gap(
    ex: &mut Ex<'_>,
    vrf: &Value,
    family: u8,
    b: u128,
    hi: u128,
) -> Result<Option<u128>> {
    let start = b << 8;
    first_gap(ex, vrf, family, start, (start | (BLOCK - 1)).min(hi)).await
}

/// The usable address span of a prefix row, like NetBox (network/broadcast excluded for IPv4
/// below /31, the subnet-router anycast address for IPv6, unless the prefix is a pool).
pub fn prefix_span(p: &Row) -> Option<(u8, u128, u128, u8)> {
    let n = IpNet::parse(p.text("prefix"))?;
    let (mut lo, mut hi) = (n.first(), n.last());
    let pool = p.get("is_pool").as_bool();
    if !pool {
        if n.family == 4 && n.len < 31 {
            lo += 1;
            hi -= 1;
        } else if n.family == 6 && n.len < 127 {
            lo += 1;
        }
    }
    Some((n.family, lo, hi, n.len))
}

/// The address span of an IP range row.
pub fn range_span(r: &Row) -> Option<(u8, u128, u128, u8)> {
    let s = IpNet::parse(r.text("start_address"))?;
    let e = IpNet::parse(r.text("end_address"))?;
    Some((s.family, s.addr, e.addr, s.len))
}

/// Up to `limit` free addresses in a span, as `(address, mask)` strings in order.
pub async fn free_ips(
    ex: &mut Ex<'_>,
    vrf: &Value,
    span: (u8, u128, u128, u8),
    limit: usize,
) -> Result<Vec<String>> {
    let (family, lo, hi, len) = span;
    let mut out = Vec::new();
    let mut cur = lo;
    while out.len() < limit && cur <= hi {
        let Some(f) = first_free(ex, vrf, family, cur, hi).await? else {
            break;
        };
        let stop = next_used(ex, vrf, family, f, hi)
            .await?
            .map_or(hi, |u| u - 1);
        let mut a = f;
        while a <= stop && out.len() < limit {
            out.push(format!("{}/{len}", ip::addr_string(family, a)));
            if a == u128::MAX {
                break;
            }
            a += 1;
        }
        if stop >= hi {
            break;
        }
        cur = stop + 1;
    }
    Ok(out)
}

/// Allocates `n` addresses from a span; each returned address is locked by this transaction
/// and free at the time of locking.
pub async fn allocate_ips(
    ex: &mut Ex<'_>,
    vrf: &Value,
    span: (u8, u128, u128, u8),
    n: usize,
) -> Result<Vec<String>> {
    let (family, lo, hi, len) = span;
    let mut out = Vec::new();
    let mut cur = lo;
    while out.len() < n {
        let Some(f) = first_free(ex, vrf, family, cur, hi).await? else {
            break;
        };
        let key = ip::key(family, f);
        if ex.try_lock(address_lock(vrf, &key)).await?
            && ex
                .fetch(
                    &used_keys(vrf, family, f, f).limit(1).to_owned(),
                    &[ColType::Bytes],
                )
                .await?
                .is_empty()
        {
            out.push(format!("{}/{len}", ip::addr_string(family, f)));
        }
        if f == hi {
            break;
        }
        cur = f + 1;
    }
    Ok(out)
}

/// Free blocks (as CIDR strings) inside a prefix, not covered by child prefixes of its VRF.
pub async fn free_prefixes(ex: &mut Ex<'_>, m: &Model, p: &Row) -> Result<Vec<IpNet>> {
    let Some(n) = IpNet::parse(p.text("prefix")) else {
        return Ok(Vec::new());
    };
    let cond = vrf_cond(p.get("vrf_id"))
        .add(col("prefix_key").gte(sqv(p.get("prefix_key"))))
        .add(col("prefix_last").lte(sqv(p.get("prefix_last"))))
        .add(col("prefix_len").gt(i64::from(n.len)));
    let q = Query::select()
        .column(Alias::new("prefix_key"))
        .column(Alias::new("prefix_last"))
        .from(Alias::new(m.table))
        .cond_where(cond)
        .order_by(Alias::new("prefix_key"), sea_query::Order::Asc)
        .to_owned();
    let rows = ex.fetch(&q, &[ColType::Bytes, ColType::Bytes]).await?;
    let mut out = Vec::new();
    let mut cur = n.first();
    let last = n.last();
    let mut done = false;
    for r in rows {
        let (Some((_, a)), Some((_, b))) = (
            r[0].as_bytes().and_then(ip::from_key),
            r[1].as_bytes().and_then(ip::from_key),
        ) else {
            continue;
        };
        if a > cur {
            blocks(n.family, cur, a - 1, &mut out);
        }
        if b >= last {
            done = true;
            break;
        }
        cur = cur.max(b + 1);
    }
    if !done && cur <= last {
        blocks(n.family, cur, last, &mut out);
    }
    Ok(out)
}

fn blocks(family: u8, mut a: u128, b: u128, out: &mut Vec<IpNet>) {
    while a <= b {
        let len = ip::largest_block(family, a, b);
        let net = IpNet {
            family,
            addr: a,
            len,
        };
        out.push(net);
        let last = net.last();
        if last >= b || last == u128::MAX {
            break;
        }
        a = last + 1;
    }
}

/// The first aligned block of `len` inside the free blocks.
pub fn fit(free: &[IpNet], len: u8) -> Option<IpNet> {
    for f in free {
        if f.len <= len {
            return Some(IpNet {
                family: f.family,
                addr: f.first(),
                len,
            });
        }
    }
    None
}

/// Free VIDs of a VLAN group, in order, up to `limit`.
pub async fn free_vids(ex: &mut Ex<'_>, group: &Row, limit: usize) -> Result<Vec<i64>> {
    let q = Query::select()
        .column(Alias::new("vid"))
        .from(Alias::new("ipam_vlan"))
        .and_where(col("group_id").eq(group.id))
        .to_owned();
    let used: std::collections::HashSet<i64> = ex.fetch_ints(&q).await?.into_iter().collect();
    let mut out = Vec::new();
    for (a, b) in crate::hooks::vid_ranges(group) {
        for v in a..=b {
            if out.len() >= limit {
                return Ok(out);
            }
            if !used.contains(&v) {
                out.push(v);
            }
        }
    }
    Ok(out)
}

/// Free ASNs of an ASN range, in order, up to `limit`.
pub async fn free_asns(ex: &mut Ex<'_>, range: &Row, limit: usize) -> Result<Vec<i64>> {
    let (s, e) = (
        range.int("start").unwrap_or(1),
        range.int("end").unwrap_or(0),
    );
    let mut out = Vec::new();
    let mut cur = s;
    while out.len() < limit && cur <= e {
        let q = Query::select()
            .column(Alias::new("asn"))
            .from(Alias::new("ipam_asn"))
            .and_where(col("asn").gte(cur))
            .and_where(col("asn").lte(e))
            .order_by(Alias::new("asn"), sea_query::Order::Asc)
            .limit(1000)
            .to_owned();
        let used = ex.fetch_ints(&q).await?;
        let mut it = used.iter().peekable();
        let batch_end = if used.len() == 1000 {
            *used.last().unwrap_or(&e)
        } else {
            e
        };
        while cur <= batch_end && out.len() < limit {
            if it.peek() == Some(&&cur) {
                it.next();
            } else {
                out.push(cur);
            }
            cur += 1;
        }
    }
    Ok(out)
}

/// Loads a parent object or answers 404.
pub async fn parent(ex: &mut Ex<'_>, ctx: &Ctx, m: &Model, id: i64) -> Result<Row> {
    // Allocating needs view on the parent: one the actor may not see is not found.
    let cond = crate::authz::narrow(
        ctx,
        m,
        "view",
        ex.backend(),
        Condition::all().add(Expr::col((Alias::new(m.table), Alias::new("id"))).eq(id)),
    )?;
    crud::list(ex, m, cond, &[], Some(1), 0)
        .await?
        .into_iter()
        .next()
        .ok_or(Error::NotFound {
            model: m.class.to_string(),
        })
}

/// The lock every allocator of a parent object takes for prefix/VLAN/ASN allocation.
pub async fn lock_parent(ex: &mut Ex<'_>, ctx: &Ctx, m: &Model, id: i64) -> Result<()> {
    let _ = ctx;
    ex.lock(ironbox_store::exec::lock_key(&[
        m.table.as_bytes(),
        &id.to_be_bytes(),
    ]))
    .await
}
