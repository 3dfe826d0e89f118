//! IP addresses and networks as sortable byte keys.
//!
//! A key is 17 bytes: the family (4 or 6) then the address as a 128-bit big-endian number (IPv4 in
//! the low 32 bits). Keys of one family sort like the addresses, both families never mix, and
//! containment, overlap and "next free" become byte-range comparisons that SQLite BLOBs and
//! PostgreSQL BYTEA order alike.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// An address with a mask length: a prefix (`10.0.0.0/8`) or an interface address (`10.0.0.1/24`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpNet {
    /// 4 or 6.
    pub family: u8,
    /// The address as a number (IPv4 in the low 32 bits).
    pub addr: u128,
    /// The mask length.
    pub len: u8,
}

impl IpNet {
    /// Parses `addr[/len]`; a missing length means a host (/32 or /128).
    pub fn parse(s: &str) -> Option<IpNet> {
        let s = s.trim();
        let (a, l) = match s.split_once('/') {
            Some((a, l)) => (a, Some(l)),
            None => (s, None),
        };
        let ip: IpAddr = a.parse().ok()?;
        let (family, addr, max) = match ip {
            IpAddr::V4(v) => (4u8, u32::from(v) as u128, 32u8),
            IpAddr::V6(v) => (6u8, u128::from(v), 128u8),
        };
        let len = match l {
            None => max,
            Some(l) => {
                if l.is_empty() || !l.bytes().all(|b| b.is_ascii_digit()) || l.len() > 3 {
                    return None;
                }
                let n: u8 = l.parse().ok()?;
                if n > max {
                    return None;
                }
                n
            }
        };
        Some(IpNet { family, addr, len })
    }

    /// The largest mask length of this family.
    pub fn max_len(&self) -> u8 {
        max_len(self.family)
    }

    /// The mask as a number.
    pub fn mask(&self) -> u128 {
        mask(self.family, self.len)
    }

    /// The first address of the network.
    pub fn first(&self) -> u128 {
        self.addr & self.mask()
    }

    /// The last address of the network.
    pub fn last(&self) -> u128 {
        self.first() | (!self.mask() & all_ones(self.family))
    }

    /// The network with host bits cleared.
    pub fn network(&self) -> IpNet {
        IpNet {
            addr: self.first(),
            ..*self
        }
    }

    /// True when host bits are set.
    pub fn has_host_bits(&self) -> bool {
        self.addr != self.first()
    }

    /// Number of addresses (saturating for huge IPv6 networks).
    pub fn size(&self) -> u128 {
        let bits = u32::from(self.max_len() - self.len);
        if bits >= 128 {
            u128::MAX
        } else {
            1u128 << bits
        }
    }

    /// True when `other` lies inside this network (or equals it).
    pub fn contains(&self, other: &IpNet) -> bool {
        self.family == other.family
            && other.len >= self.len
            && other.first() >= self.first()
            && other.last() <= self.last()
    }

    /// The address part as text.
    pub fn ip_string(&self) -> String {
        addr_string(self.family, self.addr)
    }

    /// The key of the address.
    pub fn key(&self) -> Vec<u8> {
        key(self.family, self.addr)
    }

    /// The key of the first address.
    pub fn first_key(&self) -> Vec<u8> {
        key(self.family, self.first())
    }

    /// The key of the last address.
    pub fn last_key(&self) -> Vec<u8> {
        key(self.family, self.last())
    }
}

impl std::fmt::Display for IpNet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.ip_string(), self.len)
    }
}

/// The largest mask length of a family.
pub fn max_len(family: u8) -> u8 {
    if family == 4 { 32 } else { 128 }
}

fn all_ones(family: u8) -> u128 {
    if family == 4 {
        u32::MAX as u128
    } else {
        u128::MAX
    }
}

/// The netmask of a length as a number.
pub fn mask(family: u8, len: u8) -> u128 {
    let max = max_len(family);
    if len == 0 {
        0
    } else {
        (all_ones(family) >> (max - len)) << (max - len) & all_ones(family)
    }
}

/// The text form of an address number.
pub fn addr_string(family: u8, addr: u128) -> String {
    if family == 4 {
        Ipv4Addr::from(addr as u32).to_string()
    } else {
        Ipv6Addr::from(addr).to_string()
    }
}

/// The 17-byte sortable key of an address number.
pub fn key(family: u8, addr: u128) -> Vec<u8> {
    let mut k = Vec::with_capacity(17);
    k.push(family);
    k.extend_from_slice(&addr.to_be_bytes());
    k
}

/// Decodes a key into (family, number).
pub fn from_key(k: &[u8]) -> Option<(u8, u128)> {
    if k.len() != 17 {
        return None;
    }
    let mut b = [0u8; 16];
    b.copy_from_slice(&k[1..]);
    Some((k[0], u128::from_be_bytes(b)))
}

/// Parses a bare address (no mask) into (family, number).
pub fn parse_addr(s: &str) -> Option<(u8, u128)> {
    match s.trim().parse::<IpAddr>().ok()? {
        IpAddr::V4(v) => Some((4, u32::from(v) as u128)),
        IpAddr::V6(v) => Some((6, u128::from(v))),
    }
}

/// Largest aligned block starting at `start` that fits in `[start, end]`: returns its mask length.
pub fn largest_block(family: u8, start: u128, end: u128) -> u8 {
    let max = max_len(family);
    let mut len = max;
    while len > 0 {
        let cand = len - 1;
        let m = mask(family, cand);
        let first = start & m;
        let last = first | (!m & all_ones(family));
        if first != start || last > end {
            break;
        }
        len = cand;
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_prefixes_and_rejects_garbage() {
        let p = IpNet::parse("10.1.2.3/8").unwrap();
        assert_eq!(p.network().to_string(), "10.0.0.0/8");
        assert!(p.has_host_bits());
        assert!(IpNet::parse("10.0.0.300/33").is_none());
        assert!(IpNet::parse("10.0.0.0/33").is_none());
        assert!(IpNet::parse("10.0.0.0/").is_none());
        assert!(IpNet::parse("2001:db8::/129").is_none());
        assert_eq!(
            IpNet::parse("2001:db8::1/64")
                .unwrap()
                .network()
                .to_string(),
            "2001:db8::/64"
        );
        assert_eq!(IpNet::parse("192.0.2.1").unwrap().len, 32);
    }

    #[test]
    fn keys_sort_by_family_then_address() {
        let a = IpNet::parse("10.0.0.9/32").unwrap().key();
        let b = IpNet::parse("10.0.0.10/32").unwrap().key();
        let c = IpNet::parse("::1/128").unwrap().key();
        assert!(a < b && b < c);
        assert_eq!(from_key(&b), Some((4, 0x0a00000a)));
    }

    #[test]
    fn containment_and_blocks() {
        let p = IpNet::parse("10.0.0.0/8").unwrap();
        assert!(p.contains(&IpNet::parse("10.2.0.0/16").unwrap()));
        assert!(!p.contains(&IpNet::parse("11.0.0.0/16").unwrap()));
        assert_eq!(largest_block(4, 0x0a000000, 0x0a0000ff), 24);
        assert_eq!(largest_block(4, 0x0a000080, 0x0a0001ff), 25);
        assert_eq!(p.size(), 1 << 24);
    }
}
