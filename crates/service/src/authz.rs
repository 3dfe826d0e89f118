//! Who may do what: NetBox's object permissions, compiled into the query of every surface.
//!
//! An [`Actor`] is loaded once per credential (and cached with it): the user's enabled object
//! permissions, direct and through groups, plus the configured default permissions, indexed by
//! `(object type, action)`. Surfaces ask three questions:
//!
//! - [`Actor::may`] — may this actor do `action` on *some* objects of the model? (NetBox's
//!   model-level check; a "no" is a 403.)
//! - [`restrict`] — which objects? `None` means all, `Some(cond)` a condition on the model's
//!   table that list, get, update and delete queries add to their own `WHERE` (NetBox's
//!   `RestrictedQuerySet.restrict`), so an object outside it is simply not found.
//! - [`nonconforming`] — after a write, inside its transaction: which written rows fall outside
//!   the actor's `add`/`change` constraints? Any such row refuses the whole request, so a grant
//!   is checked against the object as it is after the write.
//!
//! Superusers bypass every check; `view` on models in the exempt list needs no permission.

use crate::Ctx;
use indexmap::IndexMap;
use ironbox_core::meta::{Model, Registry};
use ironbox_core::{Error, FieldErrors, Result};
use ironbox_store::constraint::{self, Admits};
use ironbox_store::{Backend, Ex, crud};
use sea_query::{Alias, Condition, Expr, ExprTrait, Query};
use serde_json::Value as J;
use std::collections::HashMap;
use std::sync::Arc;

/// NetBox's message for a refused action.
pub const DENIED: &str = "You do not have permission to perform this action.";
/// NetBox's per-object message in bulk errors.
pub const DENIED_OBJECT: &str = "You do not have permission to perform this action on this object.";

/// The four actions every model has; others (`sync`, `render_config`, …) are custom.
pub const ACTIONS: &[&str] = &["view", "add", "change", "delete"];

/// Prefix of a field-limited change grant: `change:enabled` lets the actor change the `enabled`
/// field of the objects the permission's constraints admit, and nothing else about them. NetBox
/// has no such grant; there an action of this shape is an unknown custom action that grants
/// nothing, so a permission carried back to NetBox fails closed.
pub const FIELD_CHANGE: &str = "change:";

/// Models never covered by `exempt_view_permissions = ["*"]` (NetBox's EXEMPT_EXCLUDE_MODELS).
const EXEMPT_EXCLUDED: &[&str] = &[
    "extras.configrevision",
    "users.group",
    "users.objectpermission",
    "users.token",
    "users.user",
];

/// Site-wide settings of the permission system (NetBox's names in brackets).
#[derive(Debug, Clone)]
pub struct Policy {
    /// Anonymous requests are refused [`LOGIN_REQUIRED`]; when false they may read exempt models.
    pub login_required: bool,
    /// Models anyone signed in may view without a permission; `*` for all but users and
    /// permissions [`EXEMPT_VIEW_PERMISSIONS`].
    pub exempt_view: Vec<String>,
    /// Permissions every signed-in user has: `"app.action_model"` → constraint sets
    /// [`DEFAULT_PERMISSIONS`].
    pub default_permissions: IndexMap<String, Vec<J>>,
}

impl Default for Policy {
    fn default() -> Self {
        let own = || vec![serde_json::json!({"user": "$user"})];
        let mut d = IndexMap::new();
        for a in ACTIONS {
            d.insert(format!("users.{a}_token"), own());
        }
        Policy {
            login_required: true,
            exempt_view: Vec::new(),
            default_permissions: d,
        }
    }
}

impl Policy {
    fn exempt(&self, model: &str, action: &str) -> bool {
        action == "view"
            && (self.exempt_view.iter().any(|e| e == model)
                || (self.exempt_view.iter().any(|e| e == "*") && !EXEMPT_EXCLUDED.contains(&model)))
    }
}

/// Splits NetBox's permission name `app.action_model` into `("app.model", "action")`.
pub fn parse_permission_name(name: &str) -> Option<(String, String)> {
    let (app, code) = name.split_once('.')?;
    let (action, model) = code.rsplit_once('_')?;
    (!app.is_empty() && !action.is_empty() && !model.is_empty())
        .then(|| (format!("{app}.{model}"), action.to_string()))
}

/// The acting user's rights.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The user (None: anonymous, or the system itself when `superuser`).
    pub user: Option<i64>,
    /// Bypasses every check.
    pub superuser: bool,
    /// Constraint sets by `(object type, action)`; a `Null` entry admits every object.
    grants: HashMap<(String, String), Vec<J>>,
    policy: Arc<Policy>,
}

impl Actor {
    /// The system acting on its own behalf (command line, migrations, sign-in bookkeeping).
    pub fn system() -> Arc<Actor> {
        Arc::new(Actor {
            user: None,
            superuser: true,
            grants: HashMap::new(),
            policy: Arc::new(Policy::default()),
        })
    }

    /// An anonymous caller (only when login is not required): exempt models only.
    pub fn anonymous(policy: Arc<Policy>) -> Arc<Actor> {
        Arc::new(Actor {
            user: None,
            superuser: false,
            grants: HashMap::new(),
            policy,
        })
    }

    /// Loads a user's rights: enabled permissions assigned to the user or one of their groups,
    /// and the policy's default permissions. Superusers skip the query.
    pub async fn load(
        ex: &mut Ex<'_>,
        reg: &Registry,
        policy: Arc<Policy>,
        user: i64,
        superuser: bool,
    ) -> Result<Arc<Actor>> {
        let mut grants: HashMap<(String, String), Vec<J>> = HashMap::new();
        if !superuser {
            for (name, sets) in &policy.default_permissions {
                if let Some(k) = parse_permission_name(name) {
                    grants.entry(k).or_default().extend(sets.iter().cloned());
                }
            }
            let pm = reg
                .get("users.objectpermission")
                .ok_or_else(|| Error::internal("no permission model"))?;
            let direct = Query::select()
                .column(Alias::new("objectpermission_id"))
                .from(Alias::new("users_objectpermission_users"))
                .and_where(Expr::col(Alias::new("user_id")).eq(user))
                .to_owned();
            let groups = Query::select()
                .column(Alias::new("group_id"))
                .from(Alias::new("users_user_groups"))
                .and_where(Expr::col(Alias::new("user_id")).eq(user))
                .to_owned();
            let via_groups = Query::select()
                .column(Alias::new("objectpermission_id"))
                .from(Alias::new("users_objectpermission_groups"))
                .and_where(Expr::col(Alias::new("group_id")).in_subquery(groups))
                .to_owned();
            let cond = Condition::all()
                .add(Expr::col(Alias::new("enabled")).eq(true))
                .add(
                    Condition::any()
                        .add(Expr::col(Alias::new("id")).in_subquery(direct))
                        .add(Expr::col(Alias::new("id")).in_subquery(via_groups)),
                );
            for p in crud::list(ex, pm, cond, &[], None, 0).await? {
                let parse = |c: &str| -> J { serde_json::from_str(p.text(c)).unwrap_or(J::Null) };
                let (types, actions, cons) = (
                    parse("object_types"),
                    parse("actions"),
                    parse("constraints"),
                );
                let sets: Vec<J> = match cons {
                    J::Array(a) if a.is_empty() => vec![J::Null],
                    J::Array(a) => a,
                    other => vec![other],
                };
                for t in types.as_array().into_iter().flatten().filter_map(J::as_str) {
                    for a in actions
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(J::as_str)
                    {
                        grants
                            .entry((t.to_string(), a.to_string()))
                            .or_default()
                            .extend(sets.iter().cloned());
                    }
                }
            }
        }
        Ok(Arc::new(Actor {
            user: Some(user),
            superuser,
            grants,
            policy,
        }))
    }

    /// May the actor do `action` on some objects of `m`? (NetBox's model-level permission.)
    pub fn may(&self, m: &Model, action: &str) -> bool {
        self.may_key(&m.key(), action)
    }

    fn may_key(&self, model: &str, action: &str) -> bool {
        self.superuser
            || self.policy.exempt(model, action)
            || (self.user.is_some()
                && (self
                    .grants
                    .contains_key(&(model.to_string(), action.to_string()))
                    || (action == "change" && self.field_grants(model).next().is_some())))
    }

    /// The `change:<field>` grants on a model: `(field, constraint sets)`.
    fn field_grants<'a>(&'a self, model: &'a str) -> impl Iterator<Item = (&'a str, &'a Vec<J>)> {
        self.grants.iter().filter_map(move |((t, a), sets)| {
            (t == model)
                .then(|| a.strip_prefix(FIELD_CHANGE))
                .flatten()
                .map(|f| (f, sets))
        })
    }

    /// Does the actor hold grants limited to some fields of `m` (and so need the field check)?
    pub fn field_limited(&self, m: &Model) -> bool {
        !self.superuser && self.field_grants(&m.key()).next().is_some()
    }

    /// Which objects of `m` the actor may `action`: `Ok(None)` for all, a condition otherwise,
    /// `Err(Forbidden)` when no permission covers the model at all. For `change` this includes
    /// objects that field-limited grants (`change:<field>`) admit.
    pub fn scope(
        &self,
        reg: &Registry,
        m: &Model,
        action: &str,
        backend: Backend,
    ) -> Result<Option<Condition>> {
        let key = m.key();
        let mut sets: Vec<&J> = Vec::new();
        if self.user.is_some() {
            if let Some(s) = self.grants.get(&(key.clone(), action.to_string())) {
                sets.extend(s);
            }
            if action == "change" {
                for (_, s) in self.field_grants(&key) {
                    sets.extend(s);
                }
            }
        }
        self.compile_sets(reg, m, action, backend, &sets)
    }

    /// The objects exactly `action` (no field-limited grants) admits.
    fn scope_exact(
        &self,
        reg: &Registry,
        m: &Model,
        action: &str,
        backend: Backend,
    ) -> Result<Option<Condition>> {
        let sets: Vec<&J> = match self
            .user
            .and_then(|_| self.grants.get(&(m.key(), action.to_string())))
        {
            Some(s) => s.iter().collect(),
            None => Vec::new(),
        };
        self.compile_sets(reg, m, action, backend, &sets)
    }

    fn compile_sets(
        &self,
        reg: &Registry,
        m: &Model,
        action: &str,
        backend: Backend,
        sets: &[&J],
    ) -> Result<Option<Condition>> {
        let key = m.key();
        if self.superuser || self.policy.exempt(&key, action) {
            return Ok(None);
        }
        if sets.is_empty() {
            return Err(Error::Forbidden(DENIED.into()));
        }
        let user = self.user.unwrap_or(0);
        let mut any = Condition::any();
        for s in sets {
            match constraint::compile(reg, m, s, user, backend) {
                Ok(Admits::All) => return Ok(None),
                Ok(Admits::Some(c)) => any = any.add(c),
                // A constraint that no longer compiles (a renamed field) admits nothing.
                Err(e) => {
                    tracing::warn!(model = %key, action, error = %e, "ignoring a permission constraint that does not compile")
                }
            }
        }
        if any.is_empty() {
            // Only broken constraints: nothing is admitted.
            any = Condition::all().add(Expr::val(1).eq(0));
        }
        Ok(Some(any))
    }
}

/// The actor's restriction of `m` for `action` (see [`Actor::scope`]).
pub fn restrict(ctx: &Ctx, m: &Model, action: &str, backend: Backend) -> Result<Option<Condition>> {
    ctx.actor.scope(&ctx.reg, m, action, backend)
}

/// Refuses with NetBox's 403 unless the actor may `action` some objects of `m`.
pub fn require(ctx: &Ctx, m: &Model, action: &str) -> Result<()> {
    if ctx.actor.may(m, action) {
        Ok(())
    } else {
        Err(Error::Forbidden(DENIED.into()))
    }
}

/// `cond` narrowed to what the actor may `action` (403 when nothing).
pub fn narrow(
    ctx: &Ctx,
    m: &Model,
    action: &str,
    backend: Backend,
    cond: Condition,
) -> Result<Condition> {
    Ok(match restrict(ctx, m, action, backend)? {
        Some(c) => cond.add(c),
        None => cond,
    })
}

/// Is the row `id` of `m` within what the actor may `action`? (False when not found.)
pub async fn admits(ex: &mut Ex<'_>, ctx: &Ctx, m: &Model, action: &str, id: i64) -> Result<bool> {
    let cond = Condition::all().add(Expr::col((Alias::new(m.table), Alias::new("id"))).eq(id));
    let cond = narrow(ctx, m, action, ex.backend(), cond)?;
    Ok(crud::count(ex, m, cond).await? > 0)
}

/// The rows among `ids` that the actor's `action` constraints do not admit, read inside the
/// writing transaction (so they are checked as written).
pub async fn nonconforming(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &Model,
    action: &str,
    ids: &[i64],
) -> Result<Vec<i64>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let Some(scope) = restrict(ctx, m, action, ex.backend())? else {
        return Ok(Vec::new());
    };
    let mut ok = std::collections::HashSet::new();
    for chunk in ids.chunks(500) {
        let cond = Condition::all()
            .add(Expr::col((Alias::new(m.table), Alias::new("id"))).is_in(chunk.to_vec()))
            .add(scope.clone());
        let q = Query::select()
            .column((Alias::new(m.table), Alias::new("id")))
            .from(Alias::new(m.table))
            .cond_where(cond)
            .to_owned();
        ok.extend(ex.fetch_ints(&q).await?);
    }
    Ok(ids.iter().copied().filter(|i| !ok.contains(i)).collect())
}

/// Checks an update of row `id` against the actor's `change` grants, inside the writing
/// transaction: a full `change` grant must admit the row as written; otherwise every field whose
/// value changed (`pre` against `post`, the change-log snapshots) must be covered by a
/// `change:<field>` grant that admits the row. Returns false when the update must be refused.
pub async fn change_allowed(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &Model,
    id: i64,
    pre: &J,
    post: &J,
) -> Result<bool> {
    let actor = &ctx.actor;
    let backend = ex.backend();
    let admitted = |scope: Option<Condition>| -> Condition {
        let c = Condition::all().add(Expr::col((Alias::new(m.table), Alias::new("id"))).eq(id));
        match scope {
            Some(s) => c.add(s),
            None => c,
        }
    };
    match actor.scope_exact(&ctx.reg, m, "change", backend) {
        Ok(s) => {
            if crud::count(ex, m, admitted(s)).await? > 0 {
                return Ok(true);
            }
        }
        Err(Error::Forbidden(_)) => {}
        Err(e) => return Err(e),
    }
    if !actor.field_limited(m) {
        return Ok(false);
    }
    let key = m.key();
    let changed: Vec<&str> = match (pre, post) {
        (J::Object(a), J::Object(b)) => b
            .iter()
            .filter(|(k, v)| k.as_str() != "last_updated" && a.get(*k) != Some(*v))
            .map(|(k, _)| k.as_str())
            .collect(),
        _ => return Ok(false),
    };
    let grants: Vec<(String, Vec<J>)> = actor
        .field_grants(&key)
        .map(|(f, s)| (f.to_string(), s.clone()))
        .collect();
    for field in changed {
        let mut ok = false;
        for (f, sets) in &grants {
            if f != field {
                continue;
            }
            let refs: Vec<&J> = sets.iter().collect();
            let scope = actor.compile_sets(&ctx.reg, m, "change", backend, &refs)?;
            if crud::count(ex, m, admitted(scope)).await? > 0 {
                ok = true;
                break;
            }
        }
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Checks an object permission before it is saved (the merged values of a create or update):
/// known object types, at least one action, and constraints that compile for every chosen type.
/// Adds field errors like NetBox's serializer and form.
pub fn validate_permission(
    reg: &Registry,
    types: &J,
    actions: &J,
    constraints: &J,
    errors: &mut FieldErrors,
    backend: Backend,
) {
    let mut models: Vec<&Model> = Vec::new();
    match types {
        J::Array(a) => {
            for t in a {
                match t.as_str() {
                    Some(s) if s.split('.').count() == 2 => match reg.get(s) {
                        Some(m) => models.push(m),
                        None => errors.add("object_types", format!("Invalid content type: {s}")),
                    },
                    _ => errors.add(
                        "object_types",
                        "Invalid value. Specify a content type as '<app_label>.<model_name>'.",
                    ),
                }
            }
        }
        J::Null => errors.add("object_types", "This field may not be null."),
        other => errors.add(
            "object_types",
            format!(
                "Expected a list of items but got type \"{}\".",
                json_type(other)
            ),
        ),
    }
    match actions {
        J::Array(a) if a.is_empty() => errors.add("actions", "This list may not be empty."),
        J::Array(a) => {
            for x in a {
                match x.as_str() {
                    Some(s) if s.chars().count() > 30 => errors.add(
                        "actions",
                        "Ensure this field has no more than 30 characters.",
                    ),
                    Some(s) if !s.trim().is_empty() => {}
                    _ => errors.add("actions", "Not a valid string."),
                }
            }
        }
        J::Null => errors.add("actions", "This field may not be null."),
        other => errors.add(
            "actions",
            format!(
                "Expected a list of items but got type \"{}\".",
                json_type(other)
            ),
        ),
    }
    // Field-limited change grants must name a writable field of every chosen type.
    if let J::Array(a) = actions {
        for f in a
            .iter()
            .filter_map(J::as_str)
            .filter_map(|x| x.strip_prefix(FIELD_CHANGE))
        {
            for m in &models {
                let ok = m
                    .fields
                    .iter()
                    .any(|x| x.name == f && !x.read_only && !x.is_hidden());
                if !ok {
                    errors.add(
                        "actions",
                        format!(
                            "'{FIELD_CHANGE}{f}': {} has no writable field '{f}'.",
                            m.key()
                        ),
                    );
                }
            }
        }
    }
    for m in &models {
        if let Err(e) = constraint::compile(reg, m, constraints, 0, backend) {
            errors.add(
                "constraints",
                format!("Invalid filter for {}: {e}", m.key()),
            );
            break;
        }
    }
}

fn json_type(v: &J) -> &'static str {
    match v {
        J::String(_) => "str",
        J::Number(n) if n.is_f64() => "float",
        J::Number(_) => "int",
        J::Bool(_) => "bool",
        J::Object(_) => "dict",
        J::Array(_) => "list",
        J::Null => "NoneType",
    }
}
