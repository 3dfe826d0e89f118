//! Tests mirroring the URL tree under `/api/`.

mod auth;
mod bad_input;
mod cache;
mod changelog;
mod compat;
mod dcim;
mod engine;
mod ipam;
mod paging;
mod permissions;
mod search;
mod search_netbox;
mod tenancy;
mod tokens;
