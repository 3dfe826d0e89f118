//! `/api/ipam/…`.

mod available;
mod ip_addresses;
mod prefixes;
mod vlans;
