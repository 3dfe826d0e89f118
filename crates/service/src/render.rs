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
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::value::RawValue;
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

/// Renders rows of one model as JSON values.
pub async fn render(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &Model,
    rows: &[Row],
    mode: Mode,
    sel: &Selection,
) -> Result<Vec<J>> {
    let p = prepare(ex, ctx, m, rows, mode, sel, 0).await?;
    rows.iter()
        .map(|r| {
            serde_json::to_value(RowOut { p: &p, ctx, r }).map_err(ironbox_core::Error::internal)
        })
        .collect()
}

/// Renders rows of one model as a JSON array, written straight to `out`.
///
/// The same representation as [`render`] without building a value per field: a page of 1,000
/// rows of 30 fields would otherwise allocate, hash and free tens of thousands of keys and
/// values only to serialize them once. Related objects are rendered once per distinct object
/// and copied into each row that refers to them.
pub async fn render_json(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &Model,
    rows: &[Row],
    mode: Mode,
    sel: &Selection,
    out: &mut Vec<u8>,
) -> Result<()> {
    let p = prepare(ex, ctx, m, rows, mode, sel, 0).await?;
    out.push(b'[');
    for (i, r) in rows.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        serde_json::to_writer(&mut *out, &RowOut { p: &p, ctx, r })
            .map_err(ironbox_core::Error::internal)?;
    }
    out.push(b']');
    Ok(())
}

/// Renders one row as a JSON object, written straight to `out` (see [`render_json`]).
pub async fn render_json_one(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &Model,
    row: &Row,
    mode: Mode,
    sel: &Selection,
    out: &mut Vec<u8>,
) -> Result<()> {
    let rows = std::slice::from_ref(row);
    let p = prepare(ex, ctx, m, rows, mode, sel, 0).await?;
    serde_json::to_writer(&mut *out, &RowOut { p: &p, ctx, r: row })
        .map_err(ironbox_core::Error::internal)
}

/// One serialized JSON object, shared by every row that refers to it.
pub type Raw = Box<RawValue>;

/// Rows rendered as serialized JSON, in order: what nested objects are made of.
pub async fn render_raw(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &Model,
    rows: &[Row],
    mode: Mode,
    sel: &Selection,
    depth: u8,
) -> Result<Vec<Raw>> {
    let p = prepare(ex, ctx, m, rows, mode, sel, depth).await?;
    rows.iter()
        .map(|r| {
            serde_json::value::to_raw_value(&RowOut { p: &p, ctx, r })
                .map_err(ironbox_core::Error::internal)
        })
        .collect()
}

/// Everything rows need besides their own columns, loaded for all of them at once.
struct Prepared<'m> {
    m: &'m Model,
    /// `/api/<app>/<model>/` and `/<ui path>/`, what object URLs are made of.
    api_path: String,
    ui_path: String,
    /// The fields to write, each with its FK column name (`<col>_id`) when it has one.
    /// and the position of its column in the rows (rows of one query share their columns'
    /// order, so a field's value is found without hashing its name; checked per row).
    fields: Vec<(&'m Field, Option<String>, Option<usize>)>,
    want_id: bool,
    want_url: bool,
    want_display_url: bool,
    want_display: bool,
    nested: HashMap<&'static str, HashMap<i64, Raw>>,
    lists: HashMap<&'static str, HashMap<i64, Vec<i64>>>,
    counts: HashMap<&'static str, HashMap<i64, i64>>,
    tags: HashMap<i64, Raw>,
    generic: HashMap<(&'static str, i64), Raw>,
    computed: HashMap<(&'static str, i64), J>,
    displays: HashMap<i64, String>,
}

/// Boxed: preparing a row loads related rows, whose own rendering prepares again.
fn prepare<'a, 'm: 'a>(
    ex: &'a mut Ex<'_>,
    ctx: &'a Ctx,
    m: &'m Model,
    rows: &'a [Row],
    mode: Mode,
    sel: &'a Selection,
    depth: u8,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Prepared<'m>>> + Send + 'a>> {
    Box::pin(prepare_inner(ex, ctx, m, rows, mode, sel, depth))
}

async fn prepare_inner<'m>(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &'m Model,
    rows: &[Row],
    mode: Mode,
    sel: &Selection,
    depth: u8,
) -> Result<Prepared<'m>> {
    let fields = fields_for(m, mode, sel);
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut nested: HashMap<&'static str, HashMap<i64, Raw>> = HashMap::new();
    let mut lists: HashMap<&'static str, HashMap<i64, Vec<i64>>> = HashMap::new();
    let mut counts: HashMap<&'static str, HashMap<i64, i64>> = HashMap::new();
    let mut tags: HashMap<i64, Raw> = HashMap::new();
    // Counts by a plain foreign key or link table come from one statement together; tree
    // models' cumulative counts need the whole tree and are counted below.
    let mut batch: Vec<(&'static str, (&'static str, String))> = Vec::new();
    for f in &fields {
        if !matches!(f.kind, Kind::Count { .. })
            || f.stored
            || (mode == Mode::Brief && !f.counter)
            || (m.tree_parent.is_some() && !f.direct)
        {
            continue;
        }
        match count_source(ctx, f) {
            Some(src) => batch.push((f.name, src)),
            None => {
                counts.insert(f.name, HashMap::new());
            }
        }
    }
    // No rows, nothing to load: every loader below would still run its statement.
    let none = rows.is_empty();
    if !batch.is_empty() && !none {
        let specs: Vec<(&str, String)> = batch.iter().map(|(_, s)| s.clone()).collect();
        let found = crud::count_many(ex, m.table, &ids, &specs).await?;
        for ((name, _), c) in batch.iter().zip(found) {
            counts.insert(name, c);
        }
    }
    for f in fields.iter().filter(|_| !none) {
        match &f.kind {
            Kind::Fk { target, .. } if !f.flat && depth < 3 => {
                let Some(t) = ctx.reg.get(target) else {
                    continue;
                };
                let col = format!("{}_id", f.col);
                let fk_ids: Vec<i64> = rows.iter().filter_map(|r| r.int(&col)).collect();
                let inherit = mode == Mode::Nested;
                let objects = nested_objects(ex, ctx, t, fk_ids, f, inherit, depth).await?;
                nested.insert(f.name, objects);
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
                let all: Vec<i64> = links.values().flatten().copied().collect();
                let objects = nested_objects(ex, ctx, t, all, f, false, depth).await?;
                nested.insert(f.name, objects);
                lists.insert(f.name, links);
            }
            Kind::Tags => {
                for (id, list) in tag_objects(ex, ctx, &m.key(), &ids).await? {
                    tags.insert(
                        id,
                        serde_json::value::to_raw_value(&list)
                            .map_err(ironbox_core::Error::internal)?,
                    );
                }
            }
            // Nested objects carry their counts as zero, except NetBox's cached counters:
            // the counts are annotations of list queries there.
            // Stored counts are columns of the rows themselves.
            Kind::Count { .. } if f.stored || counts.contains_key(f.name) => {}
            Kind::Count { .. } if mode == Mode::Brief && !f.counter => {
                counts.insert(f.name, HashMap::new());
            }
            // Tree models count their whole subtree, like NetBox's cumulative counts.
            Kind::Count { .. } => {
                let Some((table, col)) = count_source(ctx, f) else {
                    counts.insert(f.name, HashMap::new());
                    continue;
                };
                let parents = hooks::tree_parents(ex, m).await?;
                let scope: Vec<i64> = parents.keys().copied().collect();
                let direct = crud::count_by(ex, table, &col, &scope).await?;
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
                counts.insert(f.name, cum);
            }
            _ => {}
        }
    }
    let (generic, computed) = if none {
        Default::default()
    } else {
        (
            generic_objects(ex, ctx, m, rows, &fields, depth).await?,
            hooks::computed(ex, ctx, m, rows, &fields).await?,
        )
    };
    let want_display = sel.wants("display");
    let displays = if want_display && !none {
        hooks::displays(ex, ctx, m, rows).await?
    } else {
        HashMap::new()
    };
    Ok(Prepared {
        m,
        api_path: format!("/api/{}/", m.api),
        ui_path: format!("/{}/", m.ui),
        want_id: sel.wants("id"),
        want_url: sel.wants("url"),
        want_display_url: m.has_display_url
            && sel.wants("display_url")
            && (mode == Mode::Full || (mode == Mode::Nested && m.nested.contains(&"display_url"))),
        want_display,
        fields: fields
            .into_iter()
            .map(|f| {
                let fk = matches!(f.kind, Kind::Fk { .. }).then(|| format!("{}_id", f.col));
                let col = fk.as_deref().unwrap_or(f.col);
                let slot = rows.first().and_then(|r| r.cols.get_index_of(col));
                (f, fk, slot)
            })
            .collect(),
        nested,
        lists,
        counts,
        tags,
        generic,
        computed,
        displays,
    })
}

/// Where a count field's rows are: the counted table and its column that points at this model.
fn count_source(ctx: &Ctx, f: &Field) -> Option<(&'static str, String)> {
    let Kind::Count { model, field } = &f.kind else {
        return None;
    };
    let t = ctx.reg.get(model)?;
    match t.field_named(field).map(|x| &x.kind) {
        Some(Kind::M2m {
            table, other_col, ..
        }) => Some((*table, other_col.to_string())),
        Some(Kind::Fk { .. }) => Some((t.table, format!("{field}_id"))),
        _ => None,
    }
}

/// The related rows `ids` of model `t` that field `f` nests, each rendered once, by id. A
/// custom representation renders its fields in full, `nested_repr` the Nested* form, and
/// `inherit` (a Nested* parent) passes the Nested* form on where `t` has one; else Brief*.
async fn nested_objects(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    t: &Model,
    mut ids: Vec<i64>,
    f: &Field,
    inherit: bool,
    depth: u8,
) -> Result<HashMap<i64, Raw>> {
    if ids.is_empty() {
        // Nothing refers to anything: no statement (rendering no rows would still load their
        // related objects' lookups).
        return Ok(HashMap::new());
    }
    ids.sort_unstable();
    ids.dedup();
    let trows = crud::get_many(ex, t, &ids).await?;
    let custom = f.repr.map(repr_selection);
    let how = match (&custom, f.nested_repr) {
        (Some(_), _) => Mode::Full,
        (None, true) => Mode::Nested,
        (None, false) if inherit && !t.nested.is_empty() => Mode::Nested,
        (None, false) => Mode::Brief,
    };
    let none = Selection::default();
    let sel = custom.as_ref().unwrap_or(&none);
    let rendered = render_raw(ex, ctx, t, &trows, how, sel, depth + 1).await?;
    Ok(trows.iter().map(|r| r.id).zip(rendered).collect())
}

/// The selection a field's custom representation (`repr`) names.
fn repr_selection(r: &'static [&'static str]) -> Selection {
    Selection {
        only: Some(
            ["id", "url", "display"]
                .iter()
                .chain(r.iter())
                .map(|s| s.to_string())
                .collect(),
        ),
        omit: IndexSet::new(),
    }
}

/// One row as NetBox renders it, serialized field by field.
struct RowOut<'a> {
    p: &'a Prepared<'a>,
    ctx: &'a Ctx,
    r: &'a Row,
}

/// The value of `col` in `r`, at `slot` when the row's column there is `col`.
fn column<'r>(r: &'r Row, slot: Option<usize>, col: &str) -> &'r Value {
    match slot.and_then(|i| r.cols.get_index(i)) {
        Some((k, v)) if &**k == col => v,
        _ => r.get(col),
    }
}

/// `{base}/api/{api}/{id}/` or `{base}/{ui}/{id}/`, written without an intermediate string.
struct UrlOut<'a> {
    base: &'a str,
    path: &'a str,
    id: i64,
}

impl Serialize for UrlOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("{}{}{}/", self.base, self.path, self.id))
    }
}

/// A stored scalar column.
struct ScalarOut<'a>(&'a Value);

impl Serialize for ScalarOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self.0 {
            Value::Null | Value::Bytes(_) => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Int(i) => s.serialize_i64(*i),
            Value::Float(f) => s.serialize_f64(*f),
            Value::Text(t) => s.serialize_str(t),
        }
    }
}

/// A choice as `{value, label}`.
struct ChoiceOut<V, L>(V, L);

impl<V: Serialize, L: Serialize> Serialize for ChoiceOut<V, L> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut o = s.serialize_map(Some(2))?;
        o.serialize_entry("value", &self.0)?;
        o.serialize_entry("label", &self.1)?;
        o.end()
    }
}

/// The related objects of a many-to-many field, in link order.
struct ManyOut<'a> {
    ids: &'a [i64],
    objects: Option<&'a HashMap<i64, Raw>>,
}

impl Serialize for ManyOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        if let Some(objects) = self.objects {
            for i in self.ids {
                if let Some(o) = objects.get(i) {
                    seq.serialize_element(o)?;
                }
            }
        }
        seq.end()
    }
}

/// Stored JSON text as it is; when it is not JSON, `{}` (`object`) or null.
struct StoredJson<'a> {
    text: &'a str,
    object: bool,
}

impl Serialize for StoredJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match serde_json::from_str::<&RawValue>(self.text) {
            Ok(raw) => raw.serialize(s),
            Err(_) if self.object => s.serialize_map(Some(0))?.end(),
            Err(_) => s.serialize_unit(),
        }
    }
}

impl Serialize for RowOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let (p, r, ctx) = (self.p, self.r, self.ctx);
        let m = p.m;
        let mut o = s.serialize_map(None)?;
        if p.want_id {
            o.serialize_entry("id", &r.id)?;
        }
        if p.want_url {
            o.serialize_entry(
                "url",
                &UrlOut {
                    base: &ctx.base,
                    path: &p.api_path,
                    id: r.id,
                },
            )?;
        }
        if p.want_display_url {
            o.serialize_entry(
                "display_url",
                &UrlOut {
                    base: &ctx.base,
                    path: &p.ui_path,
                    id: r.id,
                },
            )?;
        }
        if p.want_display {
            match p.displays.get(&r.id) {
                Some(d) => o.serialize_entry("display", d)?,
                None => o.serialize_entry("display", &(m.display)(r))?,
            }
        }
        for (f, fk_col, slot) in &p.fields {
            let name = f.name;
            let col = fk_col.as_deref().unwrap_or(f.col);
            let v = column(r, *slot, col);
            match &f.kind {
                Kind::Fk { .. } if f.flat => o.serialize_entry(name, &ScalarOut(v))?,
                Kind::Fk { .. } => {
                    match v
                        .as_i64()
                        .and_then(|id| p.nested.get(name).and_then(|n| n.get(&id)))
                    {
                        Some(raw) => o.serialize_entry(name, raw)?,
                        None => o.serialize_entry(name, &())?,
                    }
                }
                Kind::M2m { .. } => {
                    let ids = p
                        .lists
                        .get(name)
                        .and_then(|l| l.get(&r.id))
                        .map(Vec::as_slice)
                        .unwrap_or_default();
                    o.serialize_entry(
                        name,
                        &ManyOut {
                            ids,
                            objects: p.nested.get(name),
                        },
                    )?
                }
                Kind::Tags => match p.tags.get(&r.id) {
                    Some(raw) => o.serialize_entry(name, raw)?,
                    None => o.serialize_entry(name, &[(); 0])?,
                },
                Kind::CustomFields => {
                    let text = v.as_str().unwrap_or_default();
                    o.serialize_entry(name, &StoredJson { text, object: true })?
                }
                Kind::Json => match v {
                    Value::Text(text) => o.serialize_entry(
                        name,
                        &StoredJson {
                            text,
                            object: false,
                        },
                    )?,
                    _ => o.serialize_entry(name, &())?,
                },
                Kind::Choice(choices) => {
                    let v = v.as_str().unwrap_or_default();
                    match choices.iter().find(|(c, _)| *c == v) {
                        Some((c, l)) => o.serialize_entry(name, &ChoiceOut(c, l))?,
                        None if f.nullable || v.is_empty() => o.serialize_entry(name, &())?,
                        None => o.serialize_entry(name, &ChoiceOut(v, v))?,
                    }
                }
                Kind::IntChoice(choices) => match v.as_i64() {
                    Some(v) => match choices.iter().find(|(c, _)| *c == v) {
                        Some((c, l)) => o.serialize_entry(name, &ChoiceOut(c, l))?,
                        None => o.serialize_entry(name, &ChoiceOut(v, v.to_string()))?,
                    },
                    None => o.serialize_entry(name, &())?,
                },
                Kind::PlainChoice(_) => match v {
                    Value::Text(t) => o.serialize_entry(name, t)?,
                    _ => o.serialize_entry(name, &())?,
                },
                Kind::Family { .. } => {
                    let v = v.as_i64().unwrap_or(4);
                    let label = if v == 6 { "IPv6" } else { "IPv4" };
                    o.serialize_entry(name, &ChoiceOut(v, label))?
                }
                Kind::Count { .. } if f.stored => {
                    o.serialize_entry(name, &v.as_i64().unwrap_or(0))?
                }
                Kind::Count { .. } => {
                    let n = p
                        .counts
                        .get(name)
                        .and_then(|c| c.get(&r.id))
                        .copied()
                        .unwrap_or(0);
                    o.serialize_entry(name, &n)?
                }
                Kind::GenericFk { .. } => match p.generic.get(&(name, r.id)) {
                    Some(raw) => o.serialize_entry(name, raw)?,
                    None => o.serialize_entry(name, &())?,
                },
                Kind::Computed => match p.computed.get(&(name, r.id)) {
                    Some(j) => o.serialize_entry(name, j)?,
                    None => o.serialize_entry(name, &())?,
                },
                Kind::Bool => o.serialize_entry(name, &v.as_bool())?,
                Kind::Text { .. } | Kind::Slug if !f.nullable => {
                    o.serialize_entry(name, v.as_str().unwrap_or_default())?
                }
                _ => o.serialize_entry(name, &ScalarOut(v))?,
            }
        }
        o.end()
    }
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
) -> Result<HashMap<(&'static str, i64), Raw>> {
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
            let none = Selection::default();
            let rendered = render_raw(ex, ctx, tm, &trows, Mode::Brief, &none, depth + 1).await?;
            let map: HashMap<i64, Raw> = trows.iter().map(|r| r.id).zip(rendered).collect();
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
    snapshot_of(ex, ctx, m, row, true).await
}

/// The snapshot of a row just created without tags: its tag list is known to be empty, so
/// the change log of a bulk create reads no tags.
pub async fn snapshot_untagged(ex: &mut Ex<'_>, ctx: &Ctx, m: &Model, row: &Row) -> Result<J> {
    snapshot_of(ex, ctx, m, row, false).await
}

async fn snapshot_of(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &Model,
    row: &Row,
    read_tags: bool,
) -> Result<J> {
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
            Kind::Tags if !read_tags => J::Array(Vec::new()),
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
