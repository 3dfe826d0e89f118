//! Rows to NetBox JSON: full and brief representations, nested objects loaded in batches.
//!
//! Rendering N rows costs a fixed number of queries (one per related model, tag set and count),
//! never one per row.

use crate::Ctx;
use crate::hooks;
use indexmap::IndexSet;
use ironbox_core::meta::{Field, Kind, Model, Row};
use ironbox_core::{Result, Value};
use ironbox_store::{Ex, crud};
use serde_json::{Map, Value as J, json};
use std::collections::HashMap;

/// Which representation to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every field.
    Full,
    /// The Brief* schema fields.
    Brief,
    /// The Nested* schema fields (tree parents, NAT addresses, Q-in-Q VLANs).
    Nested,
    /// What `?brief=1` lists: the Brief* fields plus the model's extra counts.
    BriefList,
}

/// Field selection from `fields=` / `omit=`.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only these (when set).
    pub only: Option<IndexSet<String>>,
    /// Never these.
    pub omit: IndexSet<String>,
}

impl Selection {
    fn wants(&self, name: &str) -> bool {
        if self.omit.contains(name) {
            return false;
        }
        match &self.only {
            Some(o) => o.contains(name),
            None => true,
        }
    }
}

/// Renders a value of a stored scalar column.
fn scalar(v: &Value) -> J {
    match v {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Int(i) => json!(i),
        Value::Float(f) => json!(f),
        Value::Text(s) => J::String(s.clone()),
        Value::Bytes(_) => J::Null,
    }
}

fn family_json(f: i64) -> J {
    json!({"value": f, "label": if f == 6 { "IPv6" } else { "IPv4" }})
}

/// The fields a mode renders, in order.
pub fn fields_for<'m>(m: &'m Model, mode: Mode, sel: &Selection) -> Vec<&'m Field> {
    // The short forms keep the serializer's field order, as DRF filters its fields.
    let base: Vec<&Field> = match mode {
        Mode::Full => m.fields.iter().filter(|f| !f.write_only).collect(),
        Mode::Brief => m
            .fields
            .iter()
            .filter(|f| m.brief.contains(&f.name))
            .collect(),
        Mode::Nested => m
            .fields
            .iter()
            .filter(|f| m.nested.contains(&f.name))
            .collect(),
        Mode::BriefList => m
            .fields
            .iter()
            .filter(|f| m.brief.contains(&f.name) || m.brief_extra.contains(&f.name))
            .collect(),
    };
    base.into_iter().filter(|f| sel.wants(f.name)).collect()
}

/// Renders rows of one model.
pub async fn render(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &Model,
    rows: &[Row],
    mode: Mode,
    sel: &Selection,
) -> Result<Vec<J>> {
    render_inner(ex, ctx, m, rows, mode, sel, 0).await
}

fn render_inner<'a>(
    ex: &'a mut Ex<'_>,
    ctx: &'a Ctx,
    m: &'a Model,
    rows: &'a [Row],
    mode: Mode,
    sel: &'a Selection,
    depth: u8,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Vec<J>>> + Send + 'a>> {
    Box::pin(async move {
        let fields = fields_for(m, mode, sel);
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let mut nested: HashMap<&str, HashMap<i64, J>> = HashMap::new();
        let mut lists: HashMap<&str, HashMap<i64, Vec<i64>>> = HashMap::new();
        let mut counts: HashMap<&str, HashMap<i64, i64>> = HashMap::new();
        let mut tags: HashMap<i64, Vec<J>> = HashMap::new();
        let none = Selection::default();
        for f in &fields {
            match &f.kind {
                Kind::Fk { target, .. } if !f.flat && depth < 3 => {
                    let Some(t) = ctx.reg.get(target) else {
                        continue;
                    };
                    let col = format!("{}_id", f.col);
                    let mut fk_ids: Vec<i64> = rows.iter().filter_map(|r| r.int(&col)).collect();
                    fk_ids.sort_unstable();
                    fk_ids.dedup();
                    let trows = crud::get_many(ex, t, &fk_ids).await?;
                    let custom = f.repr.map(|r| Selection {
                        only: Some(
                            ["id", "url", "display"]
                                .iter()
                                .chain(r.iter())
                                .map(|s| s.to_string())
                                .collect(),
                        ),
                        omit: IndexSet::new(),
                    });
                    let rendered = render_inner(
                        ex,
                        ctx,
                        t,
                        &trows,
                        match (&custom, f.nested_repr) {
                            (Some(_), _) => Mode::Full,
                            (None, true) => Mode::Nested,
                            // Nested* serializers nest Nested* serializers.
                            (None, false) if mode == Mode::Nested && !t.nested.is_empty() => {
                                Mode::Nested
                            }
                            (None, false) => Mode::Brief,
                        },
                        custom.as_ref().unwrap_or(&none),
                        depth + 1,
                    )
                    .await?;
                    nested.insert(f.name, trows.iter().map(|r| r.id).zip(rendered).collect());
                }
                Kind::M2m {
                    target,
                    table,
                    this_col,
                    other_col,
                } => {
                    let Some(t) = ctx.reg.get(target) else {
                        continue;
                    };
                    let links = crud::m2m_get(ex, table, this_col, other_col, &ids).await?;
                    let mut all: Vec<i64> = links.values().flatten().copied().collect();
                    all.sort_unstable();
                    all.dedup();
                    let trows = crud::get_many(ex, t, &all).await?;
                    let custom = f.repr.map(|r| Selection {
                        only: Some(
                            ["id", "url", "display"]
                                .iter()
                                .chain(r.iter())
                                .map(|s| s.to_string())
                                .collect(),
                        ),
                        omit: IndexSet::new(),
                    });
                    let how = match (&custom, f.nested_repr) {
                        (Some(_), _) => Mode::Full,
                        (None, true) => Mode::Nested,
                        (None, false) => Mode::Brief,
                    };
                    let rendered = render_inner(
                        ex,
                        ctx,
                        t,
                        &trows,
                        how,
                        custom.as_ref().unwrap_or(&none),
                        depth + 1,
                    )
                    .await?;
                    nested.insert(f.name, trows.iter().map(|r| r.id).zip(rendered).collect());
                    lists.insert(f.name, links);
                }
                Kind::Tags => tags = tag_objects(ex, ctx, &m.key(), &ids).await?,
                // Nested objects carry their counts as zero, except NetBox's cached counters:
                // the counts are annotations of list queries there.
                Kind::Count { .. } if mode == Mode::Brief && !f.counter => {
                    counts.insert(f.name, HashMap::new());
                }
                Kind::Count { model, field } => {
                    let Some(t) = ctx.reg.get(model) else {
                        counts.insert(f.name, HashMap::new());
                        continue;
                    };
                    // Tree models count their whole subtree, like NetBox's cumulative counts.
                    let tree = if m.tree_parent.is_some() && !f.direct {
                        Some(hooks::tree_parents(ex, m).await?)
                    } else {
                        None
                    };
                    let scope: Vec<i64> = match &tree {
                        Some(t) => t.keys().copied().collect(),
                        None => ids.clone(),
                    };
                    let direct = match t.field_named(field).map(|x| &x.kind) {
                        Some(Kind::M2m {
                            table, other_col, ..
                        }) => crud::count_by(ex, table, other_col, &scope).await?,
                        Some(Kind::Fk { .. }) => {
                            crud::count_by(ex, t.table, &format!("{field}_id"), &scope).await?
                        }
                        _ => HashMap::new(),
                    };
                    let c = match &tree {
                        Some(parents) => {
                            let mut cum: HashMap<i64, i64> = HashMap::new();
                            for (node, n) in &direct {
                                let mut cur = Some(*node);
                                let mut hops = 0;
                                while let Some(x) = cur {
                                    *cum.entry(x).or_default() += n;
                                    cur = parents.get(&x).copied().flatten();
                                    hops += 1;
                                    if hops > 1000 {
                                        break;
                                    }
                                }
                            }
                            cum
                        }
                        None => direct,
                    };
                    counts.insert(f.name, c);
                }
                _ => {}
            }
        }
        let generic = generic_objects(ex, ctx, m, rows, &fields, depth).await?;
        let computed = hooks::computed(ex, ctx, m, rows, &fields).await?;
        let displays = if sel.wants("display") {
            hooks::displays(ex, ctx, m, rows).await?
        } else {
            HashMap::new()
        };
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let mut o = Map::new();
            if sel.wants("id") {
                o.insert("id".into(), json!(r.id));
            }
            if sel.wants("url") {
                o.insert("url".into(), J::String(ctx.api_url(m.api, r.id)));
            }
            if m.has_display_url
                && sel.wants("display_url")
                && (mode == Mode::Full
                    || (mode == Mode::Nested && m.nested.contains(&"display_url")))
            {
                o.insert(
                    "display_url".into(),
                    J::String(format!("{}/{}/{}/", ctx.base, m.ui, r.id)),
                );
            }
            if sel.wants("display") {
                let d = displays
                    .get(&r.id)
                    .cloned()
                    .unwrap_or_else(|| (m.display)(r));
                o.insert("display".into(), J::String(d));
            }
            for f in &fields {
                let v = match &f.kind {
                    Kind::Fk { .. } if f.flat => scalar(r.get(&format!("{}_id", f.col))),
                    Kind::Fk { .. } => r
                        .int(&format!("{}_id", f.col))
                        .and_then(|id| nested.get(f.name).and_then(|n| n.get(&id)).cloned())
                        .unwrap_or(J::Null),
                    Kind::M2m { .. } => {
                        let l = lists
                            .get(f.name)
                            .and_then(|l| l.get(&r.id))
                            .cloned()
                            .unwrap_or_default();
                        let n = nested.get(f.name);
                        J::Array(
                            l.iter()
                                .filter_map(|i| n.and_then(|n| n.get(i)).cloned())
                                .collect(),
                        )
                    }
                    Kind::Tags => J::Array(tags.get(&r.id).cloned().unwrap_or_default()),
                    Kind::CustomFields => {
                        serde_json::from_str(r.text(f.col)).unwrap_or_else(|_| json!({}))
                    }
                    Kind::Json => match r.get(f.col) {
                        Value::Text(s) => serde_json::from_str(s).unwrap_or(J::Null),
                        _ => J::Null,
                    },
                    Kind::Choice(choices) => {
                        let v = r.text(f.col);
                        match choices.iter().find(|(c, _)| *c == v) {
                            Some((c, l)) => json!({"value": c, "label": l}),
                            None if f.nullable || v.is_empty() => J::Null,
                            None => json!({"value": v, "label": v}),
                        }
                    }
                    Kind::IntChoice(choices) => match r.int(f.col) {
                        Some(v) => match choices.iter().find(|(c, _)| *c == v) {
                            Some((c, l)) => json!({"value": c, "label": l}),
                            None => json!({"value": v, "label": v.to_string()}),
                        },
                        None => J::Null,
                    },
                    Kind::PlainChoice(_) => match r.get(f.col) {
                        Value::Text(s) => J::String(s.clone()),
                        _ => J::Null,
                    },
                    Kind::Family { .. } => family_json(r.int(f.col).unwrap_or(4)),
                    Kind::Count { .. } => json!(
                        counts
                            .get(f.name)
                            .and_then(|c| c.get(&r.id))
                            .copied()
                            .unwrap_or(0)
                    ),
                    Kind::GenericFk { .. } => {
                        generic.get(&(f.name, r.id)).cloned().unwrap_or(J::Null)
                    }
                    Kind::Computed => computed.get(&(f.name, r.id)).cloned().unwrap_or(J::Null),
                    Kind::Bool => J::Bool(r.get(f.col).as_bool()),
                    Kind::Text { .. } | Kind::Slug if !f.nullable => {
                        J::String(r.text(f.col).to_string())
                    }
                    _ => scalar(r.get(f.col)),
                };
                o.insert(f.name.to_string(), v);
            }
            out.push(J::Object(o));
        }
        Ok(out)
    })
}

/// NestedTag objects for many objects of one type.
pub async fn tag_objects(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    object_type: &str,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<J>>> {
    let links = crud::tags_get(ex, object_type, ids).await?;
    let Some(tm) = ctx.reg.get("extras.tag") else {
        return Ok(HashMap::new());
    };
    let mut all: Vec<i64> = links.values().flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    let trows = crud::get_many(ex, tm, &all).await?;
    let mut by_id: HashMap<i64, (String, J)> = HashMap::new();
    for t in &trows {
        by_id.insert(
            t.id,
            (
                t.text("name").to_string(),
                json!({
                    "id": t.id,
                    "url": ctx.api_url(tm.api, t.id),
                    "display_url": format!("{}/{}/{}/", ctx.base, tm.ui, t.id),
                    "display": t.text("name"),
                    "name": t.text("name"),
                    "slug": t.text("slug"),
                    "color": t.text("color"),
                }),
            ),
        );
    }
    let mut out = HashMap::new();
    for (id, tids) in links {
        let mut v: Vec<&(String, J)> = tids.iter().filter_map(|t| by_id.get(t)).collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        out.insert(id, v.into_iter().map(|x| x.1.clone()).collect());
    }
    Ok(out)
}

async fn generic_objects(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &Model,
    rows: &[Row],
    fields: &[&Field],
    depth: u8,
) -> Result<HashMap<(&'static str, i64), J>> {
    let mut out = HashMap::new();
    if depth >= 3 {
        return Ok(out);
    }
    for f in fields {
        let Kind::GenericFk {
            type_field,
            id_field,
        } = &f.kind
        else {
            continue;
        };
        let (Some(tf), Some(idf)) = (m.field_named(type_field), m.field_named(id_field)) else {
            continue;
        };
        let mut by_type: HashMap<String, Vec<i64>> = HashMap::new();
        for r in rows {
            if let (Some(t), Some(i)) = (r.get(tf.col).as_str(), r.int(idf.col)) {
                by_type.entry(t.to_string()).or_default().push(i);
            }
        }
        for (t, ids) in by_type {
            let Some(tm) = ctx.reg.get(&t) else { continue };
            let trows = crud::get_many(ex, tm, &ids).await?;
            let rendered = render_inner(
                ex,
                ctx,
                tm,
                &trows,
                Mode::Brief,
                &Selection::default(),
                depth + 1,
            )
            .await?;
            let map: HashMap<i64, J> = trows.iter().map(|r| r.id).zip(rendered).collect();
            for r in rows {
                if r.get(tf.col).as_str() == Some(t.as_str())
                    && let Some(i) = r.int(idf.col)
                    && let Some(j) = map.get(&i)
                {
                    out.insert((f.name, r.id), j.clone());
                }
            }
        }
    }
    Ok(out)
}

/// A flat snapshot of a row for the change log: FK ids, M2M id lists and tag names.
pub async fn snapshot(ex: &mut Ex<'_>, ctx: &Ctx, m: &Model, row: &Row) -> Result<J> {
    let mut o = Map::new();
    for f in &m.fields {
        if f.write_only
            || matches!(
                f.kind,
                Kind::Count { .. } | Kind::Computed | Kind::GenericFk { .. }
            )
        {
            continue;
        }
        let v = match &f.kind {
            Kind::Fk { .. } => scalar(r_get(row, &format!("{}_id", f.col))),
            Kind::M2m {
                target,
                table,
                this_col,
                other_col,
            } => {
                if ctx.reg.get(target).is_none() {
                    continue;
                }
                let l = crud::m2m_get(ex, table, this_col, other_col, &[row.id]).await?;
                json!(l.get(&row.id).cloned().unwrap_or_default())
            }
            Kind::Tags => {
                let t = tag_objects(ex, ctx, &m.key(), &[row.id]).await?;
                J::Array(
                    t.get(&row.id)
                        .cloned()
                        .unwrap_or_default()
                        .into_iter()
                        .map(|x| x["name"].clone())
                        .collect(),
                )
            }
            Kind::Json | Kind::CustomFields => {
                serde_json::from_str(row.text(f.col)).unwrap_or(J::Null)
            }
            Kind::Bool => J::Bool(row.get(f.col).as_bool()),
            _ => scalar(row.get(f.col)),
        };
        o.insert(f.name.to_string(), v);
    }
    Ok(J::Object(o))
}

fn r_get<'r>(row: &'r Row, col: &str) -> &'r Value {
    row.get(col)
}
