//! Object-permission constraints compiled to SQL.
//!
//! A constraint is what NetBox stores on an object permission: a JSON object of Django lookups
//! (`{"tenant__slug": "acme", "status__in": ["active", "planned"]}`, AND'ed), a list of such
//! objects (OR'ed), or null (every object). Lookups follow relations with `__`
//! (`site__region__slug`), end on a column, and may finish with a Django lookup name (`exact`,
//! `iexact`, `contains`, `icontains`, `startswith`, `istartswith`, `endswith`, `iendswith`, `in`,
//! `gt`, `gte`, `lt`, `lte`, `isnull`, `range`, and for IP fields `net_contained`,
//! `net_contained_or_equal`, `net_contains`, `net_contains_or_equals`, `net_host`). `$user`
//! anywhere in a value stands for the requesting user's id.
//!
//! The result is a [`Condition`] on the model's table: relations become `IN (SELECT id …)`
//! subqueries, so it composes with any list query and never fetches rows to filter them.

use crate::db::Backend;
use crate::exec::sq;
use ironbox_core::Value as V;
use ironbox_core::ip::IpNet;
use ironbox_core::meta::{ColType, Field, Kind, Model, Registry};
use sea_query::{Alias, Condition, Expr, ExprTrait, Func, LikeExpr, Query, SelectStatement};
use serde_json::Value as J;

/// The token NetBox replaces with the requesting user.
pub const USER_TOKEN: &str = "$user";

const LOOKUPS: &[&str] = &[
    "exact",
    "iexact",
    "contains",
    "icontains",
    "startswith",
    "istartswith",
    "endswith",
    "iendswith",
    "in",
    "gt",
    "gte",
    "lt",
    "lte",
    "isnull",
    "range",
    "net_contained",
    "net_contained_or_equal",
    "net_contains",
    "net_contains_or_equals",
    "net_host",
];

/// What a compiled constraint set admits.
#[derive(Debug, Clone)]
pub enum Admits {
    /// Every object (a null or empty constraint).
    All,
    /// The objects matching this condition on the model's table.
    Some(Condition),
}

/// Compiles one permission's constraints (null, an object, or a list of objects) for `m`.
/// `user` replaces `$user`. Errors read like Django's, for the permission form and API.
pub fn compile(
    reg: &Registry,
    m: &Model,
    constraints: &J,
    user: i64,
    backend: Backend,
) -> Result<Admits, String> {
    let sets: Vec<&J> = match constraints {
        // An empty list constrains nothing, as in NetBox.
        J::Array(a) if a.is_empty() => return Ok(Admits::All),
        J::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    let c = Compiler { reg, backend, user };
    let mut any = Condition::any();
    for s in sets {
        match s {
            J::Null => return Ok(Admits::All),
            J::Object(o) if o.is_empty() => return Ok(Admits::All),
            J::Object(o) => {
                let mut all = Condition::all();
                for (k, v) in o {
                    all = all.add(c.lookup(m, m.table, k, v)?);
                }
                any = any.add(all);
            }
            _ => {
                return Err("Constraints must be a JSON object or a list of JSON objects.".into());
            }
        }
    }
    Ok(Admits::Some(any))
}

struct Compiler<'a> {
    reg: &'a Registry,
    backend: Backend,
    user: i64,
}

fn qcol(table: &str, c: &str) -> Expr {
    Expr::col((Alias::new(table), Alias::new(c)))
}

fn choices_of(m: &Model) -> String {
    let mut names: Vec<&str> = m
        .fields
        .iter()
        .filter(|f| !matches!(f.kind, Kind::Count { .. } | Kind::Computed))
        .map(|f| f.name)
        .chain(["id", "pk"])
        .collect();
    names.sort_unstable();
    names.dedup();
    names.join(", ")
}

impl Compiler<'_> {
    /// Replaces `$user` (also inside lists) with the user's id.
    fn resolve(&self, v: &J) -> J {
        match v {
            J::String(s) if s == USER_TOKEN => J::from(self.user),
            J::Array(a) => J::Array(a.iter().map(|x| self.resolve(x)).collect()),
            other => other.clone(),
        }
    }

    fn lookup(&self, m: &Model, alias: &str, key: &str, v: &J) -> Result<Condition, String> {
        let segs: Vec<&str> = key.split("__").collect();
        self.path(m, alias, &segs, &self.resolve(v), key)
    }

    fn path(
        &self,
        m: &Model,
        table: &str,
        segs: &[&str],
        v: &J,
        key: &str,
    ) -> Result<Condition, String> {
        let Some((&seg, rest)) = segs.split_first() else {
            return Err(format!("Invalid lookup '{key}'."));
        };
        let unknown = || {
            format!(
                "Cannot resolve keyword '{seg}' into field. Choices are: {}",
                choices_of(m)
            )
        };
        if seg == "id" || seg == "pk" {
            let op = terminal(rest, key)?;
            return self.scalar(qcol(table, "id"), ColType::Int, op, v, false, key);
        }
        let f = m
            .fields
            .iter()
            .find(|f| f.name == seg)
            .or_else(|| {
                m.fields
                    .iter()
                    .find(|f| matches!(f.kind, Kind::Fk { .. }) && seg == format!("{}_id", f.col))
            })
            .ok_or_else(unknown)?;
        match &f.kind {
            Kind::Fk { target, .. } => {
                let fk = qcol(table, &format!("{}_id", f.col));
                // `tenant`, `tenant_id`, `tenant__in`, `tenant__isnull` compare the key itself.
                let t = self.target(target)?;
                if seg != f.name || ends_here(t, rest) {
                    let op = terminal(rest, key)?;
                    return self.scalar(fk, ColType::Int, op, v, true, key);
                }
                let inner = self.path(t, t.table, rest, v, key)?;
                let sub = Query::select()
                    .column((Alias::new(t.table), Alias::new("id")))
                    .from(Alias::new(t.table))
                    .cond_where(inner)
                    .to_owned();
                let mut c = Condition::any().add(fk.clone().in_subquery(sub));
                // Django's `a__b__isnull=True` is a LEFT JOIN: a missing `a` matches too.
                if rest.last() == Some(&"isnull") && v.as_bool() == Some(true) {
                    c = c.add(fk.is_null());
                }
                Ok(c)
            }
            Kind::M2m {
                target,
                table: link,
                this_col,
                other_col,
            } => {
                let t = self.target(target)?;
                let mut sub = Query::select();
                sub.column(Alias::new(*this_col)).from(Alias::new(*link));
                if ends_here(t, rest) {
                    let op = terminal(rest, key)?;
                    if op == "isnull" {
                        let has = Query::select()
                            .column(Alias::new(*this_col))
                            .from(Alias::new(*link))
                            .to_owned();
                        let id = qcol(table, "id");
                        return Ok(Condition::all().add(if truthy(v) {
                            id.not_in_subquery(has)
                        } else {
                            id.in_subquery(has)
                        }));
                    }
                    sub.cond_where(self.scalar(
                        Expr::col(Alias::new(*other_col)),
                        ColType::Int,
                        op,
                        v,
                        false,
                        key,
                    )?);
                } else {
                    let inner = self.path(t, t.table, rest, v, key)?;
                    sub.and_where(
                        Expr::col(Alias::new(*other_col)).in_subquery(
                            Query::select()
                                .column((Alias::new(t.table), Alias::new("id")))
                                .from(Alias::new(t.table))
                                .cond_where(inner)
                                .to_owned(),
                        ),
                    );
                }
                Ok(Condition::all().add(qcol(table, "id").in_subquery(sub.to_owned())))
            }
            Kind::Tags => {
                let t = self.target("extras.tag")?;
                let tagged = |inner: Condition| -> SelectStatement {
                    Query::select()
                        .column(Alias::new("object_id"))
                        .from(Alias::new("extras_taggeditem"))
                        .and_where(Expr::col(Alias::new("object_type")).eq(m.key()))
                        .and_where(
                            Expr::col(Alias::new("tag_id")).in_subquery(
                                Query::select()
                                    .column((Alias::new(t.table), Alias::new("id")))
                                    .from(Alias::new(t.table))
                                    .cond_where(inner)
                                    .to_owned(),
                            ),
                        )
                        .to_owned()
                };
                let inner = if ends_here(t, rest) {
                    let op = terminal(rest, key)?;
                    self.scalar(qcol(t.table, "id"), ColType::Int, op, v, false, key)?
                } else {
                    self.path(t, t.table, rest, v, key)?
                };
                Ok(Condition::all().add(qcol(table, "id").in_subquery(tagged(inner))))
            }
            Kind::Prefix | Kind::Interface => {
                let op = terminal(rest, key)?;
                self.ip(m, table, f, op, v, key)
            }
            Kind::Count { .. }
            | Kind::Computed
            | Kind::GenericFk { .. }
            | Kind::Json
            | Kind::CustomFields => Err(format!(
                "Field '{seg}' cannot be used in a constraint (lookup '{key}')."
            )),
            _ => {
                let op = terminal(rest, key)?;
                let (c, t) = f.columns().into_iter().next().ok_or_else(unknown)?;
                self.scalar(qcol(table, &c), t, op, v, f.nullable, key)
            }
        }
    }

    fn target(&self, key: &str) -> Result<&Model, String> {
        self.reg
            .get(key)
            .ok_or_else(|| format!("Unknown related model {key}."))
    }

    fn value(&self, t: ColType, v: &J, key: &str) -> Result<sea_query::Value, String> {
        let bad = || format!("Invalid value {v} for '{key}'.");
        let val = match (t, v) {
            (_, J::Null) => V::Null,
            (ColType::Int, J::Number(n)) => V::Int(n.as_i64().ok_or_else(bad)?),
            (ColType::Int, J::String(s)) => V::Int(s.trim().parse().map_err(|_| bad())?),
            (ColType::Int, J::Bool(b)) => V::Int(i64::from(*b)),
            (ColType::Float, J::Number(n)) => V::Float(n.as_f64().ok_or_else(bad)?),
            (ColType::Float, J::String(s)) => V::Float(s.trim().parse().map_err(|_| bad())?),
            (ColType::Bool, J::Bool(b)) => V::Bool(*b),
            (ColType::Bool, J::Number(n)) => V::Bool(n.as_i64() != Some(0)),
            (ColType::Bool, J::String(s)) => match s.to_ascii_lowercase().as_str() {
                "true" | "1" | "t" | "yes" => V::Bool(true),
                "false" | "0" | "f" | "no" => V::Bool(false),
                _ => return Err(bad()),
            },
            (ColType::Text, J::String(s)) => V::Text(s.clone()),
            (ColType::Text, J::Number(n)) => V::Text(n.to_string()),
            (ColType::Text, J::Bool(b)) => V::Text(if *b { "True" } else { "False" }.into()),
            _ => return Err(bad()),
        };
        Ok(sq(&val, t))
    }

    fn list<'v>(&self, v: &'v J, key: &str) -> Result<&'v Vec<J>, String> {
        v.as_array()
            .ok_or_else(|| format!("'{key}' needs a list of values."))
    }

    fn scalar(
        &self,
        e: Expr,
        t: ColType,
        op: &str,
        v: &J,
        nullable: bool,
        key: &str,
    ) -> Result<Condition, String> {
        let c = Condition::all();
        Ok(match op {
            "exact" if v.is_null() => c.add(e.is_null()),
            "exact" => c.add(e.eq(self.value(t, v, key)?)),
            "in" => {
                let vals = self
                    .list(v, key)?
                    .iter()
                    .map(|x| self.value(t, x, key))
                    .collect::<Result<Vec<_>, _>>()?;
                c.add(e.is_in(vals))
            }
            "isnull" => {
                let _ = nullable;
                if truthy(v) {
                    c.add(e.is_null())
                } else {
                    c.add(e.is_not_null())
                }
            }
            "gt" => c.add(e.gt(self.value(t, v, key)?)),
            "gte" => c.add(e.gte(self.value(t, v, key)?)),
            "lt" => c.add(e.lt(self.value(t, v, key)?)),
            "lte" => c.add(e.lte(self.value(t, v, key)?)),
            "range" => {
                let l = self.list(v, key)?;
                if l.len() != 2 {
                    return Err(format!("'{key}' needs a list of two values."));
                }
                c.add(e.clone().gte(self.value(t, &l[0], key)?))
                    .add(e.lte(self.value(t, &l[1], key)?))
            }
            "iexact" | "contains" | "icontains" | "startswith" | "istartswith" | "endswith"
            | "iendswith" => {
                let s = match v {
                    J::String(s) => s.clone(),
                    J::Number(n) => n.to_string(),
                    _ => return Err(format!("Invalid value {v} for '{key}'.")),
                };
                let esc = s
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_");
                let pattern = match op {
                    "iexact" => esc,
                    "contains" | "icontains" => format!("%{esc}%"),
                    "startswith" | "istartswith" => format!("{esc}%"),
                    _ => format!("%{esc}"),
                };
                let insensitive = op.starts_with('i');
                c.add(self.like(e, pattern, insensitive))
            }
            other => return Err(format!("Unsupported lookup '{other}' in '{key}'.")),
        })
    }

    /// LIKE with backslash escapes: case-insensitive through LOWER() on both sides; the
    /// case-sensitive lookups use GLOB-free comparisons on SQLite, whose LIKE ignores ASCII case.
    fn like(&self, e: Expr, pattern: String, insensitive: bool) -> Expr {
        match (self.backend, insensitive) {
            (Backend::Postgres, true) => {
                use sea_query::extension::postgres::PgExpr;
                e.ilike(LikeExpr::new(pattern))
            }
            (Backend::Postgres, false) => e.like(LikeExpr::new(pattern)),
            (Backend::Sqlite, true) => e.like(LikeExpr::new(pattern).escape('\\')),
            (Backend::Sqlite, false) => {
                // LIKE narrows case-insensitively; comparing the matched part exactly keeps case.
                let lit = pattern
                    .trim_matches('%')
                    .replace("\\%", "%")
                    .replace("\\_", "_")
                    .replace("\\\\", "\\");
                let exact = if pattern.starts_with('%') && pattern.ends_with('%') {
                    Expr::expr(Func::cust("instr").arg(e.clone()).arg(lit.clone())).gt(0)
                } else if pattern.ends_with('%') {
                    Expr::expr(
                        Func::cust("substr")
                            .arg(e.clone())
                            .arg(1)
                            .arg(lit.chars().count() as i64),
                    )
                    .eq(lit.clone())
                } else {
                    Expr::expr(
                        Func::cust("substr")
                            .arg(e.clone())
                            .arg(-(lit.chars().count() as i64)),
                    )
                    .eq(lit.clone())
                };
                e.like(LikeExpr::new(pattern).escape('\\')).and(exact)
            }
        }
    }

    fn ip(
        &self,
        _m: &Model,
        table: &str,
        f: &Field,
        op: &str,
        v: &J,
        key: &str,
    ) -> Result<Condition, String> {
        let parse = |x: &J| -> Result<IpNet, String> {
            x.as_str()
                .and_then(IpNet::parse)
                .ok_or_else(|| format!("Invalid IP network {x} for '{key}'."))
        };
        let kc = qcol(table, &format!("{}_key", f.col));
        let lc = qcol(table, &format!("{}_len", f.col));
        let is_prefix = matches!(f.kind, Kind::Prefix);
        let last = if is_prefix {
            qcol(table, &format!("{}_last", f.col))
        } else {
            kc.clone()
        };
        let c = Condition::all();
        Ok(match op {
            "exact" | "in" | "isnull" => {
                let text = qcol(table, f.col);
                match op {
                    "isnull" => {
                        if truthy(v) {
                            c.add(text.is_null())
                        } else {
                            c.add(text.is_not_null())
                        }
                    }
                    "in" => {
                        let mut any = Condition::any();
                        for x in self.list(v, key)? {
                            let n = parse(x)?;
                            any = any.add(
                                Condition::all()
                                    .add(kc.clone().eq(n.key()))
                                    .add(lc.clone().eq(i64::from(n.len))),
                            );
                        }
                        c.add(any)
                    }
                    _ => {
                        let n = parse(v)?;
                        c.add(kc.eq(n.key())).add(lc.eq(i64::from(n.len)))
                    }
                }
            }
            "net_host" => {
                let n = parse(v)?;
                c.add(kc.eq(n.key()))
            }
            "net_contained" | "net_contained_or_equal" => {
                let n = parse(v)?;
                let c = c.add(kc.gte(n.first_key())).add(last.lte(n.last_key()));
                if op == "net_contained" && is_prefix {
                    c.add(lc.gt(i64::from(n.len)))
                } else {
                    c
                }
            }
            "net_contains" | "net_contains_or_equals" => {
                let n = parse(v)?;
                let c = c.add(kc.lte(n.first_key())).add(last.gte(n.last_key()));
                if op == "net_contains" {
                    c.add(lc.lt(i64::from(n.len)))
                } else {
                    c.add(lc.lte(i64::from(n.len)))
                }
            }
            other => return Err(format!("Unsupported lookup '{other}' in '{key}'.")),
        })
    }
}

/// Does a path stop at a relation (`tenant`, `tenant__in`) rather than go into its target?
fn ends_here(target: &Model, rest: &[&str]) -> bool {
    match rest {
        [] => true,
        [op] => LOOKUPS.contains(op) && !target.fields.iter().any(|f| f.name == *op),
        _ => false,
    }
}

fn truthy(v: &J) -> bool {
    match v {
        J::Bool(b) => *b,
        J::Number(n) => n.as_i64() != Some(0),
        J::String(s) => matches!(s.to_ascii_lowercase().as_str(), "true" | "1" | "t" | "yes"),
        _ => false,
    }
}

/// The lookup that ends a path on a column: none means `exact`.
fn terminal<'s>(rest: &[&'s str], key: &str) -> Result<&'s str, String> {
    match rest {
        [] => Ok("exact"),
        [op] if LOOKUPS.contains(op) => Ok(op),
        [op] => Err(format!(
            "Unsupported lookup '{op}' for a field in '{key}'. Lookups: {}",
            LOOKUPS.join(", ")
        )),
        _ => Err(format!(
            "Cannot follow '{}' in '{key}': not a relation.",
            rest[0]
        )),
    }
}
