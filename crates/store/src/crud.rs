//! Generic row operations over any registry model. Non-generic: every function takes `&Model`.

use crate::exec::{Ex, sq};
use indexmap::IndexMap;
use ironbox_core::meta::{ColType, Kind, Model, Row};
use ironbox_core::{Result, Value};
use sea_query::{
    Alias, Condition, Expr, ExprTrait, InsertStatement, Order, Query, SelectStatement,
};
use std::collections::HashMap;

/// The selected columns of a model: `id` first, then every stored column.
pub fn select_cols(m: &Model) -> (Vec<String>, Vec<ColType>) {
    let mut names = vec!["id".to_string()];
    let mut types = vec![ColType::Int];
    for (c, t) in m.columns() {
        names.push(c);
        types.push(t);
    }
    (names, types)
}

fn to_rows(names: &[String], raw: Vec<Vec<Value>>) -> Vec<Row> {
    let shared: Vec<std::sync::Arc<str>> = names[1..].iter().map(|n| n.as_str().into()).collect();
    raw.into_iter()
        .map(|vals| {
            let mut it = vals.into_iter();
            let id = it.next().and_then(|v| v.as_i64()).unwrap_or_default();
            let cols = shared.iter().cloned().zip(it).collect();
            Row { id, cols }
        })
        .collect()
}

/// An ordering term: a column of the model or of a row reached through foreign keys.
pub use ironbox_core::meta::SortKey as OrderTerm;

/// A SELECT of a model's columns with a condition, ordering and window.
///
/// A window past the first rows is found on ids alone and the rows are read for that page only
/// (`WHERE id IN (SELECT id … LIMIT l OFFSET o)`): the rows skipped by the offset are walked in
/// the ordering index without reading the table, which PostgreSQL would otherwise fetch from the
/// heap one by one.
pub fn select(
    m: &Model,
    cond: Condition,
    order: &[OrderTerm],
    limit: Option<u64>,
    offset: u64,
) -> SelectStatement {
    let (names, _) = select_cols(m);
    let mut q = Query::select();
    q.from(Alias::new(m.table));
    for n in &names {
        q.column((Alias::new(m.table), Alias::new(n.as_str())));
    }
    if offset > 0 && limit.is_some() {
        let mut ids = Query::select();
        ids.from(Alias::new(m.table))
            .column((Alias::new(m.table), Alias::new("id")))
            .cond_where(cond);
        order_by(&mut ids, m, order);
        ids.limit(limit.unwrap_or_default()).offset(offset);
        q.and_where(Expr::col((Alias::new(m.table), Alias::new("id"))).in_subquery(ids));
        order_by(&mut q, m, order);
        return q;
    }
    q.cond_where(cond);
    order_by(&mut q, m, order);
    if let Some(l) = limit {
        q.limit(l);
    }
    if offset > 0 {
        q.offset(offset);
    }
    q
}

fn order_by(q: &mut SelectStatement, m: &Model, order: &[OrderTerm]) {
    for o in order {
        let dir = if o.desc { Order::Desc } else { Order::Asc };
        let e = sort_expr(m.table, o);
        // A column without NULLs is ordered as the ordering indexes store it (`NULLS FIRST`,
        // read backwards for a descending sort): PostgreSQL matches an index to an ORDER BY by
        // its NULLs placement too, even on a NOT NULL column, and with `ASC` alone it walks
        // another index and sorts. SQLite puts NULLs first in ascending order anyway.
        let first = o.nulls_first.unwrap_or(!o.desc);
        let nulls = if first {
            sea_query::NullOrdering::First
        } else {
            sea_query::NullOrdering::Last
        };
        q.order_by_expr_with_nulls(e, dir, nulls);
    }
}

/// The expression a sort key orders by: the column, or a scalar subquery following the foreign
/// keys of `via` (`(SELECT s1.name FROM dcim_site s1 WHERE s1.id = ipam_vlan.site_id)`).
fn sort_expr(table: &str, o: &OrderTerm) -> Expr {
    if o.via.is_empty() {
        return Expr::col((Alias::new(table), Alias::new(o.col.as_str())));
    }
    // Innermost first: the last hop selects the column, each outer hop selects the inner one.
    let aliases: Vec<String> = (1..=o.via.len()).map(|n| format!("_s{n}")).collect();
    let mut inner: Option<Expr> = None;
    for (n, (t, fk)) in o.via.iter().enumerate().rev() {
        let this = Alias::new(aliases[n].as_str());
        let outer = if n == 0 {
            Alias::new(table)
        } else {
            Alias::new(aliases[n - 1].as_str())
        };
        let mut sub = Query::select();
        match inner.take() {
            Some(e) => sub.expr(e),
            None => sub.column((this.clone(), Alias::new(o.col.as_str()))),
        };
        sub.from_as(Alias::new(*t), this.clone()).and_where(
            Expr::col((this, Alias::new("id"))).equals((outer, Alias::new(fk.as_str()))),
        );
        inner = Some(Expr::SubQuery(None, Box::new(sub.into())));
    }
    inner.unwrap_or_else(|| Expr::col((Alias::new(table), Alias::new(o.col.as_str()))))
}

/// Rows of a model matching a condition.
pub async fn list(
    ex: &mut Ex<'_>,
    m: &Model,
    cond: Condition,
    order: &[OrderTerm],
    limit: Option<u64>,
    offset: u64,
) -> Result<Vec<Row>> {
    let (names, types) = select_cols(m);
    let raw = ex
        .fetch(&select(m, cond, order, limit, offset), &types)
        .await?;
    Ok(to_rows(&names, raw))
}

/// Number of rows matching a condition.
pub async fn count(ex: &mut Ex<'_>, m: &Model, cond: Condition) -> Result<i64> {
    let q = Query::select()
        .expr(Expr::cust("COUNT(*)"))
        .from(Alias::new(m.table))
        .cond_where(cond)
        .to_owned();
    Ok(ex.fetch_ints(&q).await?.into_iter().next().unwrap_or(0))
}

/// The SELECT of the ids of a model's rows matching a condition, in list order.
pub fn ordered_ids_select(m: &Model, cond: Condition, order: &[OrderTerm]) -> SelectStatement {
    let mut q = Query::select();
    q.from(Alias::new(m.table))
        .column((Alias::new(m.table), Alias::new("id")))
        .cond_where(cond);
    order_by(&mut q, m, order);
    q
}

/// One row by id.
pub async fn get(ex: &mut Ex<'_>, m: &Model, id: i64) -> Result<Option<Row>> {
    Ok(list(
        ex,
        m,
        Condition::all().add(Expr::col((Alias::new(m.table), Alias::new("id"))).eq(id)),
        &[],
        Some(1),
        0,
    )
    .await?
    .into_iter()
    .next())
}

/// Rows by ids (any order).
pub async fn get_many(ex: &mut Ex<'_>, m: &Model, ids: &[i64]) -> Result<Vec<Row>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let cond = Condition::all()
            .add(Expr::col((Alias::new(m.table), Alias::new("id"))).is_in(chunk.iter().copied()));
        out.extend(list(ex, m, cond, &[], None, 0).await?);
    }
    Ok(out)
}

/// Rows by id, in the order of `ids` (ids without a row are left out).
pub async fn get_in_order(ex: &mut Ex<'_>, m: &Model, ids: &[i64]) -> Result<Vec<Row>> {
    let mut by: HashMap<i64, Row> = get_many(ex, m, ids)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    Ok(ids.iter().filter_map(|i| by.remove(i)).collect())
}

fn col_types(m: &Model) -> HashMap<String, ColType> {
    m.columns().into_iter().collect()
}

/// Rows this process inserted or deleted per table, and the count at which the table's planner
/// statistics are refreshed next: at 1,000 rows, then after each further 10 % (at least 1,000 and
/// at most 100,000 rows apart, like autovacuum's default analyze scale factor). SQLite never gathers statistics by itself, and PostgreSQL's autovacuum lags a bulk
/// load by up to a minute; without them a constrained list right after an import is planned as
/// if the table were empty (see docs/architecture.md).
static WRITES: std::sync::LazyLock<std::sync::Mutex<HashMap<&'static str, (u64, u64)>>> =
    std::sync::LazyLock::new(Default::default);

pub async fn note_write(ex: &mut Ex<'_>, table: &'static str) -> Result<()> {
    let due = match WRITES.lock() {
        Ok(mut map) => {
            let e = map.entry(table).or_insert((0, 1000));
            e.0 += 1;
            if e.0 >= e.1 {
                e.1 = e.0 + (e.0 / 10).clamp(1000, 100_000);
                true
            } else {
                false
            }
        }
        Err(_) => false,
    };
    if due {
        ex.analyze(table).await?;
    }
    Ok(())
}

/// Inserts a row; returns its id.
pub async fn insert(ex: &mut Ex<'_>, m: &Model, cols: &IndexMap<String, Value>) -> Result<i64> {
    let id = insert_row(ex, m, cols).await?;
    note_write(ex, m.table).await?;
    Ok(id)
}

/// Inserts a row; returns it as stored (defaults filled in), read by the INSERT itself.
pub async fn insert_returning(
    ex: &mut Ex<'_>,
    m: &Model,
    cols: &IndexMap<String, Value>,
) -> Result<Row> {
    let (names, types) = select_cols(m);
    let mut q = insert_stmt(m, cols);
    q.returning(Query::returning().columns(names.iter().map(|n| Alias::new(n.as_str()))));
    let raw = ex.insert_fetch(&q, &types).await?;
    note_write(ex, m.table).await?;
    to_rows(&names, vec![raw])
        .pop()
        .ok_or_else(|| ironbox_core::Error::internal("INSERT returned no row"))
}

async fn insert_row(ex: &mut Ex<'_>, m: &Model, cols: &IndexMap<String, Value>) -> Result<i64> {
    let mut q = insert_stmt(m, cols);
    q.returning_col(Alias::new("id"));
    ex.insert(&q).await
}

fn insert_stmt(m: &Model, cols: &IndexMap<String, Value>) -> InsertStatement {
    let types = col_types(m);
    let mut q = Query::insert();
    q.into_table(Alias::new(m.table));
    let names: Vec<Alias> = cols.keys().map(|c| Alias::new(c.as_str())).collect();
    q.columns(names);
    let vals: Vec<Expr> = cols
        .iter()
        .map(|(c, v)| Expr::val(sq(v, types.get(c).copied().unwrap_or(ColType::Text))))
        .collect();
    q.values_panic(vals);
    q
}

/// Updates columns of one row.
pub async fn update(
    ex: &mut Ex<'_>,
    m: &Model,
    id: i64,
    cols: &IndexMap<String, Value>,
) -> Result<u64> {
    if cols.is_empty() {
        return Ok(0);
    }
    let types = col_types(m);
    let mut q = Query::update();
    q.table(Alias::new(m.table));
    for (c, v) in cols {
        q.value(
            Alias::new(c.as_str()),
            Expr::val(sq(v, types.get(c).copied().unwrap_or(ColType::Text))),
        );
    }
    q.and_where(Expr::col(Alias::new("id")).eq(id));
    ex.update(&q).await
}

/// Deletes one row.
pub async fn delete(ex: &mut Ex<'_>, m: &Model, id: i64) -> Result<u64> {
    let q = Query::delete()
        .from_table(Alias::new(m.table))
        .and_where(Expr::col(Alias::new("id")).eq(id))
        .to_owned();
    let n = ex.delete(&q).await?;
    note_write(ex, m.table).await?;
    Ok(n)
}

/// The ids linked through an M2M field, for many source ids.
pub async fn m2m_get(
    ex: &mut Ex<'_>,
    table: &str,
    this_col: &str,
    other_col: &str,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<i64>>> {
    let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    for chunk in ids.chunks(500) {
        let q = Query::select()
            .column(Alias::new(this_col))
            .column(Alias::new(other_col))
            .from(Alias::new(table))
            .and_where(Expr::col(Alias::new(this_col)).is_in(chunk.iter().copied()))
            .order_by(Alias::new(other_col), Order::Asc)
            .to_owned();
        for r in ex.fetch(&q, &[ColType::Int, ColType::Int]).await? {
            if let (Some(a), Some(b)) = (r[0].as_i64(), r[1].as_i64()) {
                out.entry(a).or_default().push(b);
            }
        }
    }
    Ok(out)
}

/// Replaces the links of one source id.
pub async fn m2m_set(
    ex: &mut Ex<'_>,
    table: &str,
    this_col: &str,
    other_col: &str,
    id: i64,
    others: &[i64],
) -> Result<()> {
    let q = Query::delete()
        .from_table(Alias::new(table))
        .and_where(Expr::col(Alias::new(this_col)).eq(id))
        .to_owned();
    ex.delete(&q).await?;
    let mut seen = std::collections::HashSet::new();
    for o in others {
        if !seen.insert(*o) {
            continue;
        }
        let q = Query::insert()
            .into_table(Alias::new(table))
            .columns([Alias::new(this_col), Alias::new(other_col)])
            .values_panic([Expr::val(id), Expr::val(*o)])
            .to_owned();
        ex.execute_insert(&q).await?;
    }
    Ok(())
}

/// Tag ids of many objects of one type.
pub async fn tags_get(
    ex: &mut Ex<'_>,
    object_type: &str,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<i64>>> {
    let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let q = Query::select()
            .column(Alias::new("object_id"))
            .column(Alias::new("tag_id"))
            .from(Alias::new("extras_taggeditem"))
            .and_where(Expr::col(Alias::new("object_type")).eq(object_type))
            .and_where(Expr::col(Alias::new("object_id")).is_in(chunk.iter().copied()))
            .to_owned();
        for r in ex.fetch(&q, &[ColType::Int, ColType::Int]).await? {
            if let (Some(a), Some(b)) = (r[0].as_i64(), r[1].as_i64()) {
                out.entry(a).or_default().push(b);
            }
        }
    }
    Ok(out)
}

/// Replaces the tags of one object.
pub async fn tags_set(ex: &mut Ex<'_>, object_type: &str, id: i64, tags: &[i64]) -> Result<()> {
    let q = Query::delete()
        .from_table(Alias::new("extras_taggeditem"))
        .and_where(Expr::col(Alias::new("object_type")).eq(object_type))
        .and_where(Expr::col(Alias::new("object_id")).eq(id))
        .to_owned();
    ex.delete(&q).await?;
    let mut seen = std::collections::HashSet::new();
    for t in tags {
        if !seen.insert(*t) {
            continue;
        }
        let q = Query::insert()
            .into_table(Alias::new("extras_taggeditem"))
            .columns([
                Alias::new("tag_id"),
                Alias::new("object_type"),
                Alias::new("object_id"),
            ])
            .values_panic([Expr::val(*t), Expr::val(object_type), Expr::val(id)])
            .returning_col(Alias::new("id"))
            .to_owned();
        ex.insert(&q).await?;
    }
    Ok(())
}

/// Removes every tag link of one object (on delete).
pub async fn tags_clear(ex: &mut Ex<'_>, object_type: &str, id: i64) -> Result<()> {
    tags_set(ex, object_type, id, &[]).await
}

/// Counts rows of `table` grouped by `col`, for the given values of `col`.
pub async fn count_by(
    ex: &mut Ex<'_>,
    table: &str,
    col: &str,
    ids: &[i64],
) -> Result<HashMap<i64, i64>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(500) {
        let q = Query::select()
            .column(Alias::new(col))
            .expr(Expr::cust("COUNT(*)"))
            .from(Alias::new(table))
            .and_where(Expr::col(Alias::new(col)).is_in(chunk.iter().copied()))
            .group_by_col(Alias::new(col))
            .to_owned();
        for r in ex.fetch(&q, &[ColType::Int, ColType::Int]).await? {
            if let (Some(a), Some(b)) = (r[0].as_i64(), r[1].as_i64()) {
                out.insert(a, b);
            }
        }
    }
    Ok(out)
}

/// Several counts per row of `table` in one statement: for each `(counted table, column)`, how
/// many rows of the counted table point at each of `ids` (zero counts included). One correlated
/// `COUNT(*)` per spec and row, each an index lookup, instead of one statement per spec: a page
/// of devices has a dozen component counts, and on PostgreSQL every statement is a round trip.
/// The names come from the model registry, never from a request.
pub async fn count_many(
    ex: &mut Ex<'_>,
    table: &str,
    ids: &[i64],
    specs: &[(&str, String)],
) -> Result<Vec<HashMap<i64, i64>>> {
    let mut out: Vec<HashMap<i64, i64>> = vec![HashMap::new(); specs.len()];
    if specs.is_empty() {
        return Ok(out);
    }
    let types: Vec<ColType> = std::iter::repeat_n(ColType::Int, specs.len() + 1).collect();
    for chunk in ids.chunks(500) {
        let mut q = Query::select();
        q.column((Alias::new(table), Alias::new("id")))
            .from(Alias::new(table))
            .and_where(
                Expr::col((Alias::new(table), Alias::new("id"))).is_in(chunk.iter().copied()),
            );
        for (t, c) in specs {
            q.expr(Expr::cust(format!(
                "(SELECT COUNT(*) FROM \"{t}\" WHERE \"{t}\".\"{c}\" = \"{table}\".\"id\")",
                t = t.replace('"', ""),
                c = c.replace('"', ""),
                table = table.replace('"', ""),
            )));
        }
        for r in ex.fetch(&q, &types).await? {
            let Some(id) = r.first().and_then(Value::as_i64) else {
                continue;
            };
            for (k, v) in r.iter().skip(1).enumerate() {
                if let (Some(n), Some(m)) = (v.as_i64(), out.get_mut(k))
                    && n > 0
                {
                    m.insert(id, n);
                }
            }
        }
    }
    Ok(out)
}

/// True when a column of a model is stored.
pub fn has_col(m: &Model, col: &str) -> bool {
    m.fields
        .iter()
        .any(|f| f.columns().iter().any(|(c, _)| c == col))
        && !matches!(m.field_named(col).map(|f| &f.kind), Some(Kind::Computed))
}
