//! `/api/schema/`: an OpenAPI 3 document generated from the registry, so it cannot drift from
//! what the engine serves.

use crate::AppState;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use ironbox_core::meta::{Field, Kind, Model, Registry};
use serde_json::{Map, Value as J, json};

fn field_schema(reg: &Registry, f: &Field, write: bool) -> J {
    let mut s = match &f.kind {
        Kind::Text { max } => {
            let mut o = json!({"type": "string"});
            if *max > 0 {
                o["maxLength"] = json!(max);
            }
            o
        }
        Kind::Slug => json!({"type": "string", "maxLength": 100, "pattern": "^[-a-zA-Z0-9_]+$"}),
        Kind::Int { min, max } => json!({"type": "integer", "minimum": min, "maximum": max}),
        Kind::IntChoice(c) if !write => json!({"type": "object", "properties": {
            "value": {"type": "integer", "enum": c.iter().map(|x| x.0).collect::<Vec<_>>()},
            "label": {"type": "string", "enum": c.iter().map(|x| x.1).collect::<Vec<_>>()}}}),
        Kind::IntChoice(c) => {
            json!({"type": "integer", "enum": c.iter().map(|x| x.0).collect::<Vec<_>>()})
        }
        Kind::Bool => json!({"type": "boolean"}),
        Kind::Float => json!({"type": "number", "format": "double"}),
        Kind::Date => json!({"type": "string", "format": "date"}),
        Kind::DateTime => json!({"type": "string", "format": "date-time"}),
        Kind::Choice(c) if !write => json!({"type": "object", "properties": {
            "value": {"type": "string", "enum": c.iter().map(|x| x.0).collect::<Vec<_>>()},
            "label": {"type": "string", "enum": c.iter().map(|x| x.1).collect::<Vec<_>>()}}}),
        Kind::Choice(c) | Kind::PlainChoice(c) => {
            json!({"type": "string", "enum": c.iter().map(|x| x.0).collect::<Vec<_>>()})
        }
        Kind::Fk { target, .. } if f.flat => json!({"type": "integer", "x-target": target}),
        Kind::Fk { target, .. } => match (reg.get(target), write) {
            (Some(t), false) => json!({"$ref": format!("#/components/schemas/Brief{}", t.class)}),
            (Some(t), true) => {
                json!({"oneOf": [{"type": "integer"}, {"$ref": format!("#/components/schemas/Brief{}Request", t.class)}]})
            }
            (None, _) => json!({"type": "integer"}),
        },
        Kind::M2m { target, .. } => match (reg.get(target), write) {
            (Some(t), false) => {
                json!({"type": "array", "items": {"$ref": format!("#/components/schemas/Brief{}", t.class)}})
            }
            _ => json!({"type": "array", "items": {"type": "integer"}}),
        },
        Kind::Tags => {
            json!({"type": "array", "items": {"$ref": if write { "#/components/schemas/NestedTagRequest" } else { "#/components/schemas/NestedTag" }}})
        }
        Kind::CustomFields => json!({"type": "object", "additionalProperties": {}}),
        Kind::Prefix | Kind::Interface | Kind::ObjectType => json!({"type": "string"}),
        Kind::Family { .. } => {
            json!({"type": "object", "properties": {"value": {"type": "integer", "enum": [4, 6]}, "label": {"type": "string", "enum": ["IPv4", "IPv6"]}}})
        }
        Kind::GenericFk { .. } | Kind::Json | Kind::Computed => json!({}),
        Kind::Count { .. } => json!({"type": "integer", "format": "int64"}),
    };
    if f.nullable
        && let Some(o) = s.as_object_mut()
    {
        o.insert("nullable".into(), J::Bool(true));
    }
    if f.read_only
        && !write
        && let Some(o) = s.as_object_mut()
    {
        o.insert("readOnly".into(), J::Bool(true));
    }
    s
}

fn model_schemas(reg: &Registry, m: &Model, out: &mut Map<String, J>) {
    let head = [
        ("id", json!({"type": "integer", "readOnly": true})),
        (
            "url",
            json!({"type": "string", "format": "uri", "readOnly": true}),
        ),
        ("display", json!({"type": "string", "readOnly": true})),
    ];
    let mut full = Map::new();
    let mut brief = Map::new();
    for (k, v) in &head {
        full.insert(k.to_string(), v.clone());
        brief.insert(k.to_string(), v.clone());
    }
    if m.has_display_url {
        full.insert(
            "display_url".into(),
            json!({"type": "string", "format": "uri", "readOnly": true}),
        );
    }
    let mut req = Map::new();
    let mut required = Vec::new();
    for f in m.fields.iter().filter(|f| !f.is_hidden()) {
        if !f.write_only {
            full.insert(f.name.into(), field_schema(reg, f, false));
        }
        if m.brief.contains(&f.name) {
            brief.insert(f.name.into(), field_schema(reg, f, false));
        }
        if !f.read_only {
            req.insert(f.name.into(), field_schema(reg, f, true));
            if f.required {
                required.push(f.name);
            }
        }
    }
    out.insert(
        m.class.into(),
        json!({"type": "object", "properties": full}),
    );
    out.insert(
        format!("Brief{}", m.class),
        json!({"type": "object", "properties": brief}),
    );
    let brief_req: Map<String, J> = m
        .brief
        .iter()
        .filter_map(|n| m.field_named(n))
        .filter(|f| !f.read_only)
        .map(|f| (f.name.to_string(), field_schema(reg, f, true)))
        .collect();
    out.insert(
        format!("Brief{}Request", m.class),
        json!({"type": "object", "properties": brief_req}),
    );
    if m.writable {
        out.insert(
            format!("Writable{}Request", m.class),
            json!({"type": "object", "properties": req, "required": required}),
        );
    }
    out.insert(
        format!("Paginated{}List", m.class),
        json!({"type": "object", "required": ["count", "results"], "properties": {
            "count": {"type": "integer"}, "next": {"type": "string", "nullable": true, "format": "uri"},
            "previous": {"type": "string", "nullable": true, "format": "uri"},
            "results": {"type": "array", "items": {"$ref": format!("#/components/schemas/{}", m.class)}}}}),
    );
}

fn list_params(reg: &Registry, m: &Model) -> Vec<J> {
    let mut p = vec![
        json!({"name": "limit", "in": "query", "schema": {"type": "integer"}, "description": "Number of results to return per page."}),
        json!({"name": "offset", "in": "query", "schema": {"type": "integer"}, "description": "The initial index from which to return the results."}),
        json!({"name": "start", "in": "query", "schema": {"type": "integer"}, "description": "Cursor-based pagination: return results with pk >= start, ordered by pk. Mutually exclusive with offset."}),
        json!({"name": "ordering", "in": "query", "schema": {"type": "string"}}),
        json!({"name": "brief", "in": "query", "schema": {"type": "boolean"}}),
        json!({"name": "fields", "in": "query", "schema": {"type": "string"}}),
        json!({"name": "omit", "in": "query", "schema": {"type": "string"}}),
    ];
    // `q` where the model declares a search (NetBox's filtersets without one have no `q`).
    if !m.search.is_empty() {
        p.push(json!({"name": "q", "in": "query", "schema": {"type": "string"}, "description": "Search"}));
    }
    p.push(json!({"name": "id", "in": "query", "schema": {"type": "array", "items": {"type": "integer"}}, "explode": true, "style": "form"}));
    if m.fields.iter().any(|f| matches!(f.kind, Kind::Tags)) {
        p.push(json!({"name": "tag", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "explode": true, "style": "form"}));
    }
    for f in m.fields.iter().filter(|f| f.filter && !f.is_hidden()) {
        match &f.kind {
            Kind::Fk { .. } => {
                p.push(json!({"name": format!("{}_id", f.name), "in": "query", "schema": {"type": "array", "items": {"type": "integer", "nullable": true}}, "explode": true, "style": "form"}));
                if reg.fk_name_attr(f).is_some() {
                    p.push(json!({"name": f.name, "in": "query", "schema": {"type": "array", "items": {"type": "string", "nullable": true}}, "explode": true, "style": "form"}));
                }
            }
            Kind::Text { .. }
            | Kind::Slug
            | Kind::Choice(_)
            | Kind::PlainChoice(_)
            | Kind::Int { .. }
            | Kind::IntChoice(_)
            | Kind::Bool
            | Kind::Date
            | Kind::DateTime
            | Kind::Prefix
            | Kind::Interface
            | Kind::ObjectType
            | Kind::Family { .. } => {
                p.push(json!({"name": f.name, "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "explode": true, "style": "form"}));
            }
            _ => {}
        }
    }
    p
}

/// Builds the whole document.
pub fn document(reg: &Registry) -> J {
    let mut paths = Map::new();
    let mut schemas = Map::new();
    schemas.insert("NestedTag".into(), json!({"type": "object", "properties": {"id": {"type": "integer"}, "url": {"type": "string"}, "display_url": {"type": "string"}, "display": {"type": "string"}, "name": {"type": "string"}, "slug": {"type": "string"}, "color": {"type": "string"}}}));
    schemas.insert("NestedTagRequest".into(), json!({"type": "object", "properties": {"name": {"type": "string"}, "slug": {"type": "string"}, "color": {"type": "string"}}}));
    for m in reg.all() {
        model_schemas(reg, m, &mut schemas);
        let tag = m.app;
        let op = |verb: &str| {
            format!(
                "{}_{}_{verb}",
                m.app,
                m.api.split('/').nth(1).unwrap_or("").replace('-', "_")
            )
        };
        let obj = json!({"$ref": format!("#/components/schemas/{}", m.class)});
        let wreq = json!({"$ref": format!("#/components/schemas/Writable{}Request", m.class)});
        let mut list = Map::new();
        list.insert("get".into(), json!({"operationId": op("list"), "tags": [tag], "parameters": list_params(reg, m),
            "responses": {"200": {"description": "", "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/Paginated{}List", m.class)}}}}}}));
        let mut detail = Map::new();
        let idp =
            json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}]);
        detail.insert("get".into(), json!({"operationId": op("retrieve"), "tags": [tag], "parameters": idp, "responses": {"200": {"description": "", "content": {"application/json": {"schema": obj}}}}}));
        if m.writable {
            list.insert("post".into(), json!({"operationId": op("create"), "tags": [tag], "requestBody": {"required": true, "content": {"application/json": {"schema": {"oneOf": [wreq, {"type": "array", "items": wreq}]}}}},
                "responses": {"201": {"description": "", "content": {"application/json": {"schema": obj}}}}}));
            list.insert("put".into(), json!({"operationId": op("bulk_update"), "tags": [tag], "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "array", "items": wreq}}}}, "responses": {"200": {"description": ""}}}));
            list.insert("patch".into(), json!({"operationId": op("bulk_partial_update"), "tags": [tag], "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "array", "items": wreq}}}}, "responses": {"200": {"description": ""}}}));
            list.insert("delete".into(), json!({"operationId": op("bulk_destroy"), "tags": [tag], "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "integer"}}}}}}}, "responses": {"204": {"description": ""}}}));
            detail.insert("put".into(), json!({"operationId": op("update"), "tags": [tag], "parameters": idp, "requestBody": {"required": true, "content": {"application/json": {"schema": wreq}}}, "responses": {"200": {"description": "", "content": {"application/json": {"schema": obj}}}}}));
            detail.insert("patch".into(), json!({"operationId": op("partial_update"), "tags": [tag], "parameters": idp, "requestBody": {"content": {"application/json": {"schema": wreq}}}, "responses": {"200": {"description": "", "content": {"application/json": {"schema": obj}}}}}));
            detail.insert("delete".into(), json!({"operationId": op("destroy"), "tags": [tag], "parameters": idp, "responses": {"204": {"description": ""}}}));
        }
        paths.insert(format!("/api/{}/", m.api), J::Object(list));
        paths.insert(format!("/api/{}/{{id}}/", m.api), J::Object(detail));
    }
    for (p, what) in [
        ("/api/ipam/prefixes/{id}/available-ips/", "IP addresses"),
        ("/api/ipam/prefixes/{id}/available-prefixes/", "prefixes"),
        ("/api/ipam/ip-ranges/{id}/available-ips/", "IP addresses"),
        ("/api/ipam/vlan-groups/{id}/available-vlans/", "VLANs"),
        ("/api/ipam/asn-ranges/{id}/available-asns/", "ASNs"),
    ] {
        let idp =
            json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}]);
        paths.insert(p.into(), json!({
            "get": {"operationId": format!("{}_list", p.trim_matches('/').replace(['/', '-', '{', '}'], "_")), "tags": ["ipam"], "parameters": idp, "description": format!("Available {what}."), "responses": {"200": {"description": ""}}},
            "post": {"operationId": format!("{}_create", p.trim_matches('/').replace(['/', '-', '{', '}'], "_")), "tags": ["ipam"], "parameters": idp, "description": format!("Allocate {what}; send an Idempotency-Key header to make retries safe."), "responses": {"201": {"description": ""}, "409": {"description": "Insufficient space"}}}
        }));
    }
    paths.insert("/api/status/".into(), json!({"get": {"operationId": "status_retrieve", "tags": ["status"], "responses": {"200": {"description": ""}}}}));
    paths.insert("/api/users/tokens/provision/".into(), json!({"post": {"operationId": "users_tokens_provision_create", "tags": ["users"], "security": [], "responses": {"201": {"description": ""}, "403": {"description": ""}}}}));
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Ironbox REST API", "version": format!("{} (NetBox {})", env!("CARGO_PKG_VERSION"), crate::API_VERSION), "description": "NetBox 4.7-compatible REST API served by Ironbox."},
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": {"tokenAuth": {"type": "apiKey", "in": "header", "name": "Authorization", "description": "`Bearer nbt_<key>.<secret>` (v2) or `Token <token>` (v1)"}}},
        "security": [{"tokenAuth": []}]
    })
}

/// `GET /api/schema/`.
pub async fn schema(State(st): State<AppState>) -> Response {
    Json(document(&st.reg)).into_response()
}
