//! The login pipeline: from a verified identity (SSO claims, LDAP entry, proxy header) to an
//! Ironbox user — find, associate, create, update fields, sync groups and superuser, and switch
//! off users the identity source says are gone.
//!
//! Mirrors python-social-auth's pipeline as NetBox configures it, plus group mapping. Every step
//! of one login runs in one transaction. Messages in `Refused` are shown to the person.

use crate::AppState;
use indexmap::IndexMap;
use ironbox_core::meta::{ColType, Model, Row};
use ironbox_core::{Error, Result, Value};
use ironbox_sso::{Identity, ProviderSettings};
use ironbox_store::{Ex, crud};
use sea_query::{Alias, Condition, Expr, ExprTrait, Func, Query};
use std::collections::BTreeSet;

/// Why a login was refused (shown to the person) or failed (logged).
#[derive(Debug)]
pub enum LoginError {
    /// A refusal with a message for the person.
    Refused(String),
    /// A server-side failure.
    Failed(Error),
}

impl From<Error> for LoginError {
    fn from(e: Error) -> Self {
        LoginError::Failed(e)
    }
}

/// What an identity source says the user's account should look like.
#[derive(Debug, Default, Clone)]
pub struct Profile {
    /// `first_name`, `last_name`, `email` as the source states them (empty values are skipped).
    pub fields: Vec<(&'static str, String)>,
    /// Fields not to overwrite.
    pub protected: Vec<String>,
    /// Ironbox groups the user must be in.
    pub groups: BTreeSet<String>,
    /// Groups this source manages: membership in them not in `groups` is removed.
    pub managed: BTreeSet<String>,
    /// Remove every group not in `groups` (mirroring sources).
    pub managed_all: bool,
    /// Superuser flag to set, when the source decides it.
    pub superuser: Option<bool>,
    /// Create missing groups instead of skipping them.
    pub create_groups: bool,
}

fn model<'a>(st: &'a AppState, key: &str) -> Result<&'a Model> {
    st.reg
        .get(key)
        .ok_or_else(|| Error::internal(format!("no {key} model")))
}

/// Cleans a username like NetBox (python-social-auth `clean_username`): keeps letters, digits
/// and `.@+-_`, at most 150 characters.
pub fn clean_username(raw: &str) -> String {
    raw.chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '.' | '@' | '+' | '-' | '_'))
        .take(150)
        .collect()
}

/// Finds a user by exact username.
pub async fn user_by_username(ex: &mut Ex<'_>, st: &AppState, name: &str) -> Result<Option<Row>> {
    let um = model(st, "users.user")?;
    Ok(crud::list(
        ex,
        um,
        Condition::all().add(Expr::col(Alias::new("username")).eq(name)),
        &[],
        Some(1),
        0,
    )
    .await?
    .into_iter()
    .next())
}

async fn users_by_email(ex: &mut Ex<'_>, st: &AppState, email: &str) -> Result<Vec<Row>> {
    let um = model(st, "users.user")?;
    crud::list(
        ex,
        um,
        Condition::all()
            .add(Expr::expr(Func::lower(Expr::col(Alias::new("email")))).eq(email.to_lowercase())),
        &[],
        Some(2),
        0,
    )
    .await
}

/// A free username: `base`, else `base` plus a short suffix from `salt`.
async fn free_username(ex: &mut Ex<'_>, st: &AppState, base: &str, salt: &str) -> Result<String> {
    let base = if base.is_empty() { "user" } else { base };
    if user_by_username(ex, st, base).await?.is_none() {
        return Ok(base.to_string());
    }
    use sha2::Digest;
    let h = hex::encode(sha2::Sha256::digest(salt.as_bytes()));
    for n in [6usize, 10, 16] {
        let candidate: String =
            format!("{}-{}", base.chars().take(140).collect::<String>(), &h[..n]);
        if user_by_username(ex, st, &candidate).await?.is_none() {
            return Ok(candidate);
        }
    }
    Err(Error::internal("no free username"))
}

/// Creates an active user without a usable password.
pub async fn create_user(ex: &mut Ex<'_>, st: &AppState, username: &str) -> Result<i64> {
    let um = model(st, "users.user")?;
    let mut cols = IndexMap::new();
    cols.insert("username".to_string(), Value::Text(username.to_string()));
    // "!" never verifies as a hash: the account signs in only through its identity source.
    cols.insert("password".to_string(), Value::Text("!".into()));
    for f in ["first_name", "last_name", "email"] {
        cols.insert(f.to_string(), Value::Text(String::new()));
    }
    cols.insert("is_active".to_string(), Value::Bool(true));
    cols.insert("is_superuser".to_string(), Value::Bool(false));
    cols.insert(
        "date_joined".to_string(),
        Value::Text(ironbox_core::time::now()),
    );
    crud::insert(ex, um, &cols).await
}

/// Applies a profile to a user: fields, groups, superuser, last login.
pub async fn apply_profile(ex: &mut Ex<'_>, st: &AppState, user: &Row, p: &Profile) -> Result<()> {
    let um = model(st, "users.user")?;
    let gm = model(st, "users.group")?;
    let mut cols = IndexMap::new();
    for (f, v) in &p.fields {
        if !v.is_empty() && !p.protected.iter().any(|x| x == f) && user.text(f) != v {
            let max = if *f == "email" { 254 } else { 150 };
            cols.insert((*f).to_string(), Value::Text(v.chars().take(max).collect()));
        }
    }
    if let Some(su) = p.superuser
        && user.get("is_superuser").as_bool() != su
    {
        cols.insert("is_superuser".to_string(), Value::Bool(su));
    }
    cols.insert(
        "last_login".to_string(),
        Value::Text(ironbox_core::time::now()),
    );
    crud::update(ex, um, user.id, &cols).await?;

    let current = crud::m2m_get(ex, "users_user_groups", "user_id", "group_id", &[user.id])
        .await?
        .remove(&user.id)
        .unwrap_or_default();
    let current_rows = crud::get_many(ex, gm, &current).await?;
    let mut keep: Vec<i64> = current_rows
        .iter()
        .filter(|g| {
            let name = g.text("name");
            p.groups.contains(name) || !(p.managed_all || p.managed.contains(name))
        })
        .map(|g| g.id)
        .collect();
    for name in &p.groups {
        if current_rows.iter().any(|g| g.text("name") == name) {
            continue;
        }
        let found = crud::list(
            ex,
            gm,
            Condition::all().add(Expr::col(Alias::new("name")).eq(name.as_str())),
            &[],
            Some(1),
            0,
        )
        .await?
        .into_iter()
        .next();
        match found {
            Some(g) => keep.push(g.id),
            None if p.create_groups => {
                let mut gc = IndexMap::new();
                gc.insert("name".to_string(), Value::Text(name.clone()));
                gc.insert("description".to_string(), Value::Text(String::new()));
                if crud::has_col(gm, "created") {
                    gc.insert(
                        "created".to_string(),
                        Value::Text(ironbox_core::time::now()),
                    );
                }
                keep.push(crud::insert(ex, gm, &gc).await?);
            }
            None => {
                tracing::warn!(group.name = %name, user.name = %user.text("username"), "mapped group does not exist; skipped (enable create_groups to create it)");
            }
        }
    }
    keep.sort_unstable();
    let mut cur = current.clone();
    cur.sort_unstable();
    if keep != cur {
        crud::m2m_set(
            ex,
            "users_user_groups",
            "user_id",
            "group_id",
            user.id,
            &keep,
        )
        .await?;
    }
    Ok(())
}

/// Switches a user off and revokes everything they hold: sessions and API tokens.
pub async fn deactivate(ex: &mut Ex<'_>, st: &AppState, user_id: i64) -> Result<()> {
    let um = model(st, "users.user")?;
    let mut cols = IndexMap::new();
    cols.insert("is_active".to_string(), Value::Bool(false));
    crud::update(ex, um, user_id, &cols).await?;
    super::session::delete_for_user(ex, user_id).await?;
    let q = Query::delete()
        .from_table(Alias::new("users_token"))
        .and_where(Expr::col(Alias::new("user_id")).eq(user_id))
        .to_owned();
    ex.delete(&q).await?;
    st.auth_cache.clear();
    Ok(())
}

/// The groups and superuser flag an SSO identity implies under a provider's settings.
pub fn sso_profile(ps: &ProviderSettings, id: &Identity) -> Profile {
    let asserted = id.list(&ps.groups_claim);
    let mut groups: BTreeSet<String> = ps.default_groups.iter().cloned().collect();
    let mut managed: BTreeSet<String> = ps.default_groups.iter().cloned().collect();
    for targets in ps.group_map.values() {
        managed.extend(targets.iter().cloned());
    }
    for g in &asserted {
        if let Some(targets) = ps.group_map.get(g) {
            groups.extend(targets.iter().cloned());
        }
        if ps.mirror_groups {
            groups.insert(g.clone());
        }
    }
    let superuser = (!ps.superuser_groups.is_empty())
        .then(|| asserted.iter().any(|g| ps.superuser_groups.contains(g)));
    let first = id.text("given_name");
    let last = id.text("family_name");
    let (first, last) = if first.is_empty() && last.is_empty() {
        let name = id.text("name");
        match name.split_once(' ') {
            Some((f, l)) => (f.to_string(), l.to_string()),
            None => (name, String::new()),
        }
    } else {
        (first, last)
    };
    Profile {
        fields: vec![
            ("first_name", first),
            ("last_name", last),
            ("email", id.text(&ps.email_claim)),
        ],
        protected: ps.protected_fields.clone(),
        groups,
        managed,
        managed_all: ps.remove_unasserted_groups && ps.mirror_groups,
        superuser,
        create_groups: ps.create_groups,
    }
    .without_removal_unless(ps.remove_unasserted_groups)
}

impl Profile {
    fn without_removal_unless(mut self, remove: bool) -> Profile {
        if !remove {
            self.managed.clear();
            self.managed_all = false;
        }
        self
    }
}

/// Signs in an SSO identity: returns the user id, or why not.
///
/// `linking` is the signed-in user who started the flow to link an identity to their account.
pub async fn sso_login(
    st: &AppState,
    provider: &str,
    ps: &ProviderSettings,
    id: &Identity,
    linking: Option<i64>,
) -> std::result::Result<i64, LoginError> {
    let um = model(st, "users.user")?;
    let mut tx = st.db.begin().await?;
    let linked = social_user(&mut tx.ex(), provider, &id.uid).await?;
    let email = id.text(&ps.email_claim);
    let user_id = match (linked, linking) {
        (Some(uid), Some(me)) if uid != me => {
            return Err(LoginError::Refused(
                "This identity is already linked to another Ironbox account.".into(),
            ));
        }
        (Some(uid), _) => uid,
        (None, Some(me)) => me,
        (None, None) => {
            let verified = !ps.require_verified_email || id.flag("email_verified");
            let mut found = None;
            if ps.associate_by_email && !email.is_empty() && verified {
                let rows = users_by_email(&mut tx.ex(), st, &email).await?;
                if rows.len() > 1 {
                    return Err(LoginError::Refused(
                        "Several Ironbox accounts share your email address, so none was chosen. Ask an administrator to link your account.".into(),
                    ));
                }
                found = rows.into_iter().next().map(|r| r.id);
            }
            match found {
                Some(u) => u,
                None if ps.auto_create => {
                    let wanted = clean_username(&id.text(&ps.username_claim));
                    let wanted = if wanted.is_empty() {
                        clean_username(email.split('@').next().unwrap_or_default())
                    } else {
                        wanted
                    };
                    let name = free_username(&mut tx.ex(), st, &wanted, &id.uid).await?;
                    let uid = create_user(&mut tx.ex(), st, &name).await?;
                    tracing::info!(user.name = %name, sso.provider = %provider, "user created at first single sign-on");
                    uid
                }
                None => {
                    return Err(LoginError::Refused(
                        "You have no Ironbox account, and accounts are not created automatically. Ask an administrator for access.".into(),
                    ));
                }
            }
        }
    };
    let Some(user) = crud::get(&mut tx.ex(), um, user_id).await? else {
        return Err(LoginError::Failed(Error::internal("linked user vanished")));
    };
    // The IdP may state that the account is switched off.
    if id.claims.get("active") == Some(&serde_json::Value::Bool(false)) {
        deactivate(&mut tx.ex(), st, user.id).await?;
        tx.commit().await?;
        return Err(LoginError::Refused(
            "Your account is disabled at the identity provider.".into(),
        ));
    }
    if !user.get("is_active").as_bool() {
        return Err(LoginError::Refused(
            "Your Ironbox account is disabled.".into(),
        ));
    }
    link_social(&mut tx.ex(), user.id, provider, &id.uid).await?;
    apply_profile(&mut tx.ex(), st, &user, &sso_profile(ps, id)).await?;
    tx.commit().await?;
    st.auth_cache.clear();
    Ok(user.id)
}

/// The user an identity is linked to.
pub async fn social_user(ex: &mut Ex<'_>, provider: &str, uid: &str) -> Result<Option<i64>> {
    let q = Query::select()
        .column(Alias::new("user_id"))
        .from(Alias::new("ironbox_social_auth"))
        .and_where(Expr::col(Alias::new("provider")).eq(provider))
        .and_where(Expr::col(Alias::new("uid")).eq(uid))
        .to_owned();
    Ok(ex.fetch_ints(&q).await?.into_iter().next())
}

async fn link_social(ex: &mut Ex<'_>, user_id: i64, provider: &str, uid: &str) -> Result<()> {
    let now = ironbox_core::time::now();
    let upd = Query::update()
        .table(Alias::new("ironbox_social_auth"))
        .value(Alias::new("last_login"), now.clone())
        .and_where(Expr::col(Alias::new("provider")).eq(provider))
        .and_where(Expr::col(Alias::new("uid")).eq(uid))
        .to_owned();
    if ex.update(&upd).await? == 0 {
        let ins = Query::insert()
            .into_table(Alias::new("ironbox_social_auth"))
            .columns(
                [
                    "user_id",
                    "provider",
                    "uid",
                    "extra_data",
                    "created",
                    "last_login",
                ]
                .map(Alias::new),
            )
            .values_panic([
                Expr::val(user_id),
                Expr::val(provider),
                Expr::val(uid),
                Expr::val("{}"),
                Expr::val(now.clone()),
                Expr::val(now),
            ])
            .returning_col(Alias::new("id"))
            .to_owned();
        ex.insert(&ins).await?;
    }
    Ok(())
}

/// A user's linked identities: (provider, uid, last login).
pub async fn identities(ex: &mut Ex<'_>, user_id: i64) -> Result<Vec<(String, String, String)>> {
    let q = Query::select()
        .columns(["provider", "uid", "last_login"].map(Alias::new))
        .from(Alias::new("ironbox_social_auth"))
        .and_where(Expr::col(Alias::new("user_id")).eq(user_id))
        .order_by(Alias::new("provider"), sea_query::Order::Asc)
        .to_owned();
    let rows = ex
        .fetch(&q, &[ColType::Text, ColType::Text, ColType::Text])
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r[0].as_str().unwrap_or_default().to_string(),
                r[1].as_str().unwrap_or_default().to_string(),
                r[2].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect())
}

/// Unlinks an identity; refused when it is the account's only way in.
pub async fn unlink(
    st: &AppState,
    user_id: i64,
    provider: &str,
) -> std::result::Result<(), LoginError> {
    let um = model(st, "users.user")?;
    let mut tx = st.db.begin().await?;
    let Some(user) = crud::get(&mut tx.ex(), um, user_id).await? else {
        return Err(LoginError::Refused("No such user.".into()));
    };
    let ids = identities(&mut tx.ex(), user_id).await?;
    if !ids.iter().any(|(p, _, _)| p == provider) {
        return Err(LoginError::Refused(
            "That identity is not linked to your account.".into(),
        ));
    }
    let has_password =
        !matches!(user.text("password"), "" | "!") && !user.text("password").starts_with('!');
    if ids.len() == 1 && !has_password {
        return Err(LoginError::Refused(
            "This identity is your only way to sign in, so it cannot be unlinked.".into(),
        ));
    }
    let q = Query::delete()
        .from_table(Alias::new("ironbox_social_auth"))
        .and_where(Expr::col(Alias::new("user_id")).eq(user_id))
        .and_where(Expr::col(Alias::new("provider")).eq(provider))
        .to_owned();
    tx.ex().delete(&q).await?;
    tx.commit().await?;
    Ok(())
}

/// The users linked to a provider subject (for back-channel logout).
pub async fn users_of_subject(st: &AppState, provider: &str, sub: &str) -> Result<Option<i64>> {
    let mut conn = st.db.read().await?;
    social_user(&mut conn.ex(), provider, sub).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_cleaned_like_netbox() {
        assert_eq!(clean_username("Jane Doe!"), "JaneDoe");
        assert_eq!(
            clean_username("jane.doe+ops@example.com"),
            "jane.doe+ops@example.com"
        );
        assert_eq!(clean_username(&"x".repeat(200)).len(), 150);
    }
}
