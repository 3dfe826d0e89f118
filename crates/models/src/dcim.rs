//! DCIM: organisation, racks, device types and templates, devices and components, cables,
//! power and cooling (NetBox `dcim`).

use crate::{Fields, tags_cf_times};
use ironbox_core::meta::{Choices, IntChoices};
use ironbox_core::{Field, Model, OnDelete, meta::Row};

/// How a device shows its primary and out-of-band addresses.
pub const DEVICE_IP: &[&str] = &[
    "family",
    "address",
    "nat_inside",
    "nat_outside",
    "dns_name",
    "description",
];

/// `q` of NetBox's `DeviceComponentFilterSet` (ports, interfaces, bays …).
const DEVICE_COMPONENT: &[&str] = &[
    "name__icontains",
    "label__icontains",
    "description__icontains",
];

/// `q` of NetBox's `DeviceTypeComponentFilterSet` (component templates).
const DEVICE_TYPE_COMPONENT: &[&str] = &["name__icontains", "description__icontains"];

/// Device, module, name and label of a device component.
fn component() -> Vec<Field> {
    vec![
        Field::fk("device", "dcim.device")
            .slug_attr(Some("name"))
            .on_delete(OnDelete::Cascade)
            .required()
            .not_null(),
        Field::fk("module", "dcim.module")
            .slug_attr(Some("name"))
            .on_delete(OnDelete::Cascade),
        Field::text("name", 64).required(),
        Field::text("_name", 100).hidden(),
        Field::text("label", 64),
    ]
}

/// What a cabled component shows of its cable.
fn cable_end() -> Vec<Field> {
    vec![
        Field::boolean("mark_connected"),
        Field::fk("cable", "dcim.cable").slug_attr(None).read_only(),
        Field::plain_choice("cable_end", CABLE_END)
            .nullable()
            .read_only(),
        Field::computed("link_peers"),
        Field::computed("link_peers_type"),
    ]
}

/// What a path endpoint shows of the far end of its path.
fn path_end() -> Vec<Field> {
    vec![
        Field::computed("connected_endpoints"),
        Field::computed("connected_endpoints_type"),
        Field::computed("connected_endpoints_reachable"),
    ]
}

fn d_termination(r: &Row) -> String {
    format!(
        "Cable #{}: End {} ({} #{})",
        r.int("cable_id").unwrap_or_default(),
        r.text("cable_end"),
        r.text("termination_type"),
        r.int("termination_id").unwrap_or_default()
    )
}
fn d_cable(r: &Row) -> String {
    match r.text("label") {
        "" => format!("#{}", r.id),
        l => l.to_string(),
    }
}
fn d_device(r: &Row) -> String {
    let tag = r.get("asset_tag").as_str().filter(|t| !t.is_empty());
    match (r.get("name").as_str().filter(|n| !n.is_empty()), tag) {
        (Some(n), Some(t)) => format!("{n} ({t})"),
        (Some(n), None) => n.to_string(),
        (None, Some(t)) => format!("Device ({t})"),
        (None, None) => format!("Device ({})", r.id),
    }
}
fn d_mac(r: &Row) -> String {
    r.text("mac_address").to_string()
}
fn d_devicetype(r: &Row) -> String {
    r.text("model").to_string()
}
/// A rack: its name, and its facility id in parentheses when it has one.
pub fn d_rack(r: &Row) -> String {
    match r.get("facility_id").as_str() {
        Some(f) if !f.is_empty() => format!("{} ({f})", r.text("name")),
        _ => r.text("name").to_string(),
    }
}
fn d_model(r: &Row) -> String {
    r.text("model").to_string()
}
fn d_reservation(r: &Row) -> String {
    format!(
        "Reservation for rack #{}",
        r.int("rack_id").unwrap_or_default()
    )
}
fn d_module(r: &Row) -> String {
    format!("Module #{}", r.id)
}

/// cable end choices.
pub const CABLE_END: Choices = &[("A", "A"), ("B", "B")];
/// type choices.
pub const CABLE_TYPE: Choices = &[
    ("cat3", "CAT3"),
    ("cat5", "CAT5"),
    ("cat5e", "CAT5e"),
    ("cat6", "CAT6"),
    ("cat6a", "CAT6a"),
    ("cat7", "CAT7"),
    ("cat7a", "CAT7a"),
    ("cat8", "CAT8"),
    ("mrj21-trunk", "MRJ21 Trunk"),
    ("dac-active", "Direct Attach Copper (Active)"),
    ("dac-passive", "Direct Attach Copper (Passive)"),
    ("coaxial", "Coaxial"),
    ("rg-6", "RG-6"),
    ("rg-8", "RG-8"),
    ("rg-11", "RG-11"),
    ("rg-59", "RG-59"),
    ("rg-62", "RG-62"),
    ("rg-213", "RG-213"),
    ("lmr-100", "LMR-100"),
    ("lmr-200", "LMR-200"),
    ("lmr-400", "LMR-400"),
    ("mmf", "Multimode Fiber"),
    ("mmf-om1", "Multimode Fiber (OM1)"),
    ("mmf-om2", "Multimode Fiber (OM2)"),
    ("mmf-om3", "Multimode Fiber (OM3)"),
    ("mmf-om4", "Multimode Fiber (OM4)"),
    ("mmf-om5", "Multimode Fiber (OM5)"),
    ("smf", "Single-mode Fiber"),
    ("smf-os1", "Single-mode Fiber (OS1)"),
    ("smf-os2", "Single-mode Fiber (OS2)"),
    ("aoc", "Active Optical Cabling (AOC)"),
    ("power", "Power"),
    ("usb", "USB"),
];
/// status choices.
pub const LINK_STATUS: Choices = &[
    ("connected", "Connected"),
    ("planned", "Planned"),
    ("decommissioning", "Decommissioning"),
];
/// profile choices.
pub const CABLE_PROFILE: Choices = &[
    ("single-1c1p", "1C1P"),
    ("single-1c2p", "1C2P"),
    ("single-1c4p", "1C4P"),
    ("single-1c6p", "1C6P"),
    ("single-1c8p", "1C8P"),
    ("single-1c12p", "1C12P"),
    ("single-1c16p", "1C16P"),
    ("trunk-2c1p", "2C1P trunk"),
    ("trunk-2c2p", "2C2P trunk"),
    ("trunk-2c4p", "2C4P trunk"),
    ("trunk-2c4p-shuffle", "2C4P trunk (shuffle)"),
    ("trunk-2c6p", "2C6P trunk"),
    ("trunk-2c8p", "2C8P trunk"),
    ("trunk-2c12p", "2C12P trunk"),
    ("trunk-4c1p", "4C1P trunk"),
    ("trunk-4c2p", "4C2P trunk"),
    ("trunk-4c4p", "4C4P trunk"),
    ("trunk-4c4p-shuffle", "4C4P trunk (shuffle)"),
    ("trunk-4c6p", "4C6P trunk"),
    ("trunk-4c8p", "4C8P trunk"),
    ("trunk-8c4p", "8C4P trunk"),
    ("breakout-1c2p-2c1p", "1C2P:2C1P breakout"),
    ("breakout-1c4p-4c1p", "1C4P:4C1P breakout"),
    ("breakout-1c6p-6c1p", "1C6P:6C1P breakout"),
    ("breakout-1c8p-8c1p", "1C8P:8C1P breakout"),
    ("breakout-2c4p-8c1p-shuffle", "2C4P:8C1P breakout (shuffle)"),
];
/// length unit choices.
pub const LENGTH_UNIT: Choices = &[
    ("km", "Kilometers"),
    ("m", "Meters"),
    ("cm", "Centimeters"),
    ("mi", "Miles"),
    ("ft", "Feet"),
    ("in", "Inches"),
];
/// consoleporttemplate type choices.
pub const CONSOLE_PORT_TYPE: Choices = &[
    ("de-9", "DE-9"),
    ("db-25", "DB-25"),
    ("rj-11", "RJ-11"),
    ("rj-12", "RJ-12"),
    ("rj-45", "RJ-45"),
    ("mini-din-8", "Mini-DIN 8"),
    ("usb-a", "USB Type A"),
    ("usb-b", "USB Type B"),
    ("usb-c", "USB Type C"),
    ("usb-mini-a", "USB Mini A"),
    ("usb-mini-b", "USB Mini B"),
    ("usb-micro-a", "USB Micro A"),
    ("usb-micro-b", "USB Micro B"),
    ("usb-micro-ab", "USB Micro AB"),
    ("other", "Other"),
];
/// speed choices.
pub const SPEED: IntChoices = &[
    (1200, "1200 bps"),
    (2400, "2400 bps"),
    (4800, "4800 bps"),
    (9600, "9600 bps"),
    (19200, "19.2 kbps"),
    (38400, "38.4 kbps"),
    (57600, "57.6 kbps"),
    (115200, "115.2 kbps"),
];
/// coolingfeed status choices.
pub const COOLING_STATUS: Choices = &[
    ("offline", "Offline"),
    ("active", "Active"),
    ("planned", "Planned"),
    ("failed", "Failed"),
];
/// max flow unit choices.
pub const MAX_FLOW_UNIT: Choices = &[
    ("lpm", "Liters per minute (L/min)"),
    ("m3ph", "Cubic meters per hour (m³/h)"),
    ("gpm", "Gallons per minute (GPM)"),
];
/// coolingintaketemplate type choices.
pub const COOLING_PORT_TYPE: Choices = &[
    ("uqd", "UQD (Universal Quick Disconnect)"),
    ("uqdb", "UQDB (Universal Quick Disconnect, Blind-mate)"),
    ("qdc", "QDC (Quick Disconnect Coupling)"),
    ("camlock", "Camlock (cam-and-groove)"),
    ("npt", "NPT (threaded)"),
    ("bsp", "BSP (threaded)"),
    ("proprietary", "Proprietary"),
];
/// diameter unit choices.
pub const DIAMETER_UNIT: Choices = &[
    ("mm", "Millimeters"),
    ("cm", "Centimeters"),
    ("in", "Inches"),
];
/// coolingsource type choices.
pub const COOLINGSOURCE_TYPE: Choices = &[
    ("chiller", "Chiller"),
    ("cooling-tower", "Cooling tower"),
    ("dry-cooler", "Dry cooler"),
    ("crac", "CRAC"),
    ("crah", "CRAH"),
];
/// fluid type choices.
pub const FLUID_TYPE: Choices = &[
    ("water", "Water"),
    ("water-glycol", "Water/glycol"),
    ("dielectric", "Dielectric"),
    ("refrigerant", "Refrigerant"),
];
/// subdevice role choices.
pub const SUBDEVICE_ROLE: Choices = &[("parent", "Parent"), ("child", "Child")];
/// airflow choices.
pub const AIRFLOW: Choices = &[
    ("front-to-rear", "Front to rear"),
    ("rear-to-front", "Rear to front"),
    ("left-to-right", "Left to right"),
    ("right-to-left", "Right to left"),
    ("side-to-rear", "Side to rear"),
    ("rear-to-side", "Rear to side"),
    ("bottom-to-top", "Bottom to top"),
    ("top-to-bottom", "Top to bottom"),
    ("passive", "Passive"),
    ("mixed", "Mixed"),
];
/// cooling method choices.
pub const COOLING_METHOD: Choices = &[
    ("air", "Air"),
    ("liquid", "Liquid"),
    ("hybrid", "Hybrid"),
    ("immersion", "Immersion"),
];
/// weight unit choices.
pub const WEIGHT_UNIT: Choices = &[
    ("kg", "Kilograms"),
    ("g", "Grams"),
    ("lb", "Pounds"),
    ("oz", "Ounces"),
];
/// face choices.
pub const FACE: Choices = &[("front", "Front"), ("rear", "Rear")];
/// device status choices.
pub const DEVICE_STATUS: Choices = &[
    ("offline", "Offline"),
    ("active", "Active"),
    ("planned", "Planned"),
    ("staged", "Staged"),
    ("failed", "Failed"),
    ("inventory", "Inventory"),
    ("decommissioning", "Decommissioning"),
];
/// frontporttemplate type choices.
pub const PORT_TYPE: Choices = &[
    ("8p8c", "8P8C"),
    ("8p6c", "8P6C"),
    ("8p4c", "8P4C"),
    ("8p2c", "8P2C"),
    ("6p6c", "6P6C"),
    ("6p4c", "6P4C"),
    ("6p2c", "6P2C"),
    ("4p4c", "4P4C"),
    ("4p2c", "4P2C"),
    ("gg45", "GG45"),
    ("tera-4p", "TERA 4P"),
    ("tera-2p", "TERA 2P"),
    ("tera-1p", "TERA 1P"),
    ("110-punch", "110 Punch"),
    ("bnc", "BNC"),
    ("f", "F Connector"),
    ("n", "N Connector"),
    ("mrj21", "MRJ21"),
    ("fc", "FC"),
    ("fc-pc", "FC/PC"),
    ("fc-upc", "FC/UPC"),
    ("fc-apc", "FC/APC"),
    ("lc", "LC"),
    ("lc-pc", "LC/PC"),
    ("lc-upc", "LC/UPC"),
    ("lc-apc", "LC/APC"),
    ("mu", "MU"),
    ("mu-pc", "MU/PC"),
    ("mu-upc", "MU/UPC"),
    ("mu-apc", "MU/APC"),
    ("lsh", "LSH"),
    ("lsh-pc", "LSH/PC"),
    ("lsh-upc", "LSH/UPC"),
    ("lsh-apc", "LSH/APC"),
    ("lx5", "LX.5"),
    ("lx5-pc", "LX.5/PC"),
    ("lx5-upc", "LX.5/UPC"),
    ("lx5-apc", "LX.5/APC"),
    ("mpo", "MPO"),
    ("mtrj", "MTRJ"),
    ("sc", "SC"),
    ("sc-pc", "SC/PC"),
    ("sc-upc", "SC/UPC"),
    ("sc-apc", "SC/APC"),
    ("st", "ST"),
    ("cs", "CS"),
    ("sn", "SN"),
    ("mdc", "MDC"),
    ("sma-905", "SMA 905"),
    ("sma-906", "SMA 906"),
    ("urm-p2", "URM-P2"),
    ("urm-p4", "URM-P4"),
    ("urm-p8", "URM-P8"),
    ("splice", "Splice"),
    ("usb-a", "USB Type A"),
    ("usb-b", "USB Type B"),
    ("usb-c", "USB Type C"),
    ("usb-mini-a", "USB Mini A"),
    ("usb-mini-b", "USB Mini B"),
    ("usb-micro-a", "USB Micro A"),
    ("usb-micro-b", "USB Micro B"),
    ("usb-micro-ab", "USB Micro AB"),
    ("other", "Other"),
];
/// interfacetemplate type choices.
pub const INTERFACE_TYPE: Choices = &[
    ("virtual", "Virtual"),
    ("bridge", "Bridge"),
    ("lag", "Link Aggregation Group (LAG)"),
    ("channel", "Channel"),
    ("100base-fx", "100BASE-FX (10/100ME)"),
    ("100base-lfx", "100BASE-LFX (10/100ME)"),
    ("100base-tx", "100BASE-TX (10/100ME)"),
    ("100base-t1", "100BASE-T1 (10/100ME)"),
    ("1000base-bx10-d", "1000BASE-BX10-D (1GE BiDi Down)"),
    ("1000base-bx10-u", "1000BASE-BX10-U (1GE BiDi Up)"),
    ("1000base-cwdm", "1000BASE-CWDM (1GE)"),
    ("1000base-cx", "1000BASE-CX (1GE DAC)"),
    ("1000base-dwdm", "1000BASE-DWDM (1GE)"),
    ("1000base-ex", "1000BASE-EX (1GE)"),
    ("1000base-lsx", "1000BASE-LSX (1GE)"),
    ("1000base-lx", "1000BASE-LX (1GE)"),
    ("1000base-lx10", "1000BASE-LX10/LH (1GE)"),
    ("1000base-sx", "1000BASE-SX (1GE)"),
    ("1000base-t", "1000BASE-T (1GE)"),
    ("1000base-tx", "1000BASE-TX (1GE)"),
    ("1000base-zx", "1000BASE-ZX (1GE)"),
    ("2.5gbase-t", "2.5GBASE-T (2.5GE)"),
    ("5gbase-t", "5GBASE-T (5GE)"),
    ("10gbase-br-d", "10GBASE-BR-D (10GE BiDi Down)"),
    ("10gbase-br-u", "10GBASE-BR-U (10GE BiDi Up)"),
    ("10gbase-cu", "10GBASE-CU (10GE DAC Passive Twinax)"),
    ("10gbase-cx4", "10GBASE-CX4 (10GE DAC)"),
    ("10gbase-er", "10GBASE-ER (10GE)"),
    ("10gbase-lr", "10GBASE-LR (10GE)"),
    ("10gbase-lrm", "10GBASE-LRM (10GE)"),
    ("10gbase-lx4", "10GBASE-LX4 (10GE)"),
    ("10gbase-sr", "10GBASE-SR (10GE)"),
    ("10gbase-t", "10GBASE-T (10GE)"),
    ("10gbase-zr", "10GBASE-ZR (10GE)"),
    ("25gbase-cr", "25GBASE-CR (25GE DAC)"),
    ("25gbase-er", "25GBASE-ER (25GE)"),
    ("25gbase-lr", "25GBASE-LR (25GE)"),
    ("25gbase-sr", "25GBASE-SR (25GE)"),
    ("25gbase-t", "25GBASE-T (25GE)"),
    ("40gbase-cr4", "40GBASE-CR4 (40GE DAC)"),
    ("40gbase-er4", "40GBASE-ER4 (40GE)"),
    ("40gbase-fr4", "40GBASE-FR4 (40GE)"),
    ("40gbase-lr4", "40GBASE-LR4 (40GE)"),
    ("40gbase-sr4", "40GBASE-SR4 (40GE)"),
    ("40gbase-sr4-bd", "40GBASE-SR4 (40GE BiDi)"),
    ("50gbase-cr", "50GBASE-CR (50GE DAC)"),
    ("50gbase-er", "50GBASE-ER (50GE)"),
    ("50gbase-fr", "50GBASE-FR (50GE)"),
    ("50gbase-lr", "50GBASE-LR (50GE)"),
    ("50gbase-sr", "50GBASE-SR (50GE)"),
    ("100gbase-cr1", "100GBASE-CR1 (100GE DAC)"),
    ("100gbase-cr2", "100GBASE-CR2 (100GE DAC)"),
    ("100gbase-cr4", "100GBASE-CR4 (100GE DAC)"),
    ("100gbase-cr10", "100GBASE-CR10 (100GE DAC)"),
    ("100gbase-cwdm4", "100GBASE-CWDM4 (100GE)"),
    ("100gbase-dr", "100GBASE-DR (100GE)"),
    ("100gbase-er4", "100GBASE-ER4 (100GE)"),
    ("100gbase-fr1", "100GBASE-FR1 (100GE)"),
    ("100gbase-lr1", "100GBASE-LR1 (100GE)"),
    ("100gbase-lr4", "100GBASE-LR4 (100GE)"),
    ("100gbase-sr1", "100GBASE-SR1 (100GE)"),
    ("100gbase-sr1.2", "100GBASE-SR1.2 (100GE BiDi)"),
    ("100gbase-sr2", "100GBASE-SR2 (100GE)"),
    ("100gbase-sr4", "100GBASE-SR4 (100GE)"),
    ("100gbase-sr10", "100GBASE-SR10 (100GE)"),
    ("100gbase-zr", "100GBASE-ZR (100GE)"),
    ("200gbase-cr2", "200GBASE-CR2 (200GE)"),
    ("200gbase-cr4", "200GBASE-CR4 (200GE)"),
    ("200gbase-dr4", "200GBASE-DR4 (200GE)"),
    ("200gbase-er4", "200GBASE-ER4 (200GE)"),
    ("200gbase-fr4", "200GBASE-FR4 (200GE)"),
    ("200gbase-lr4", "200GBASE-LR4 (200GE)"),
    ("200gbase-sr2", "200GBASE-SR2 (200GE)"),
    ("200gbase-sr4", "200GBASE-SR4 (200GE)"),
    ("200gbase-vr2", "200GBASE-VR2 (200GE)"),
    ("400gbase-cr4", "400GBASE-CR4 (400GE)"),
    ("400gbase-dr4", "400GBASE-DR4 (400GE)"),
    ("400gbase-er8", "400GBASE-ER8 (400GE)"),
    ("400gbase-fr4", "400GBASE-FR4 (400GE)"),
    ("400gbase-fr8", "400GBASE-FR8 (400GE)"),
    ("400gbase-lr4", "400GBASE-LR4 (400GE)"),
    ("400gbase-lr8", "400GBASE-LR8 (400GE)"),
    ("400gbase-sr4", "400GBASE-SR4 (400GE)"),
    ("400gbase-sr4_2", "400GBASE-SR4.2 (400GE BiDi)"),
    ("400gbase-sr8", "400GBASE-SR8 (400GE)"),
    ("400gbase-sr16", "400GBASE-SR16 (400GE)"),
    ("400gbase-vr4", "400GBASE-VR4 (400GE)"),
    ("400gbase-zr", "400GBASE-ZR (400GE)"),
    ("800gbase-cr8", "800GBASE-CR8 (800GE)"),
    ("800gbase-dr8", "800GBASE-DR8 (800GE)"),
    ("800gbase-sr8", "800GBASE-SR8 (800GE)"),
    ("800gbase-vr8", "800GBASE-VR8 (800GE)"),
    ("1.6tbase-cr8", "1.6TBASE-CR8 (1.6TE)"),
    ("1.6tbase-dr8", "1.6TBASE-DR8 (1.6TE)"),
    ("1.6tbase-dr8-2", "1.6TBASE-DR8-2 (1.6TE)"),
    ("100base-x-sfp", "SFP (100ME)"),
    ("1000base-x-gbic", "GBIC (1GE)"),
    ("1000base-x-sfp", "SFP (1GE)"),
    ("2.5gbase-x-sfp", "SFP (2.5GE)"),
    ("10gbase-x-sfpp", "SFP+ (10GE)"),
    ("10gbase-x-xenpak", "XENPAK (10GE)"),
    ("10gbase-x-xfp", "XFP (10GE)"),
    ("10gbase-x-x2", "X2 (10GE)"),
    ("25gbase-x-sfp28", "SFP28 (25GE)"),
    ("40gbase-x-qsfpp", "QSFP+ (40GE)"),
    ("50gbase-x-sfp28", "QSFP28 (50GE)"),
    ("50gbase-x-sfp56", "SFP56 (50GE)"),
    ("100gbase-x-cfp", "CFP (100GE)"),
    ("100gbase-x-cfp2", "CFP2 (100GE)"),
    ("100gbase-x-cfp4", "CFP4 (100GE)"),
    ("100gbase-x-cxp", "CXP (100GE)"),
    ("100gbase-x-cpak", "Cisco CPAK (100GE)"),
    ("100gbase-x-dsfp", "DSFP (100GE)"),
    ("100gbase-x-qsfp28", "QSFP28 (100GE)"),
    ("100gbase-x-qsfpdd", "QSFP-DD (100GE)"),
    ("100gbase-x-sfp112", "SFP112 (100GE)"),
    ("100gbase-x-sfpdd", "SFP-DD (100GE)"),
    ("200gbase-x-cfp2", "CFP2 (200GE)"),
    ("200gbase-x-qsfp56", "QSFP56 (200GE)"),
    ("200gbase-x-qsfpdd", "QSFP-DD (200GE)"),
    ("400gbase-x-qsfp112", "QSFP112 (400GE)"),
    ("400gbase-x-qsfpdd", "QSFP-DD (400GE)"),
    ("400gbase-x-cdfp", "CDFP (400GE)"),
    ("400gbase-x-cfp2", "CFP2 (400GE)"),
    ("400gbase-x-cfp8", "CPF8 (400GE)"),
    ("400gbase-x-osfp", "OSFP (400GE)"),
    ("400gbase-x-osfp-rhs", "OSFP-RHS (400GE)"),
    ("800gbase-x-osfp", "OSFP (800GE)"),
    ("800gbase-x-qsfpdd", "QSFP-DD (800GE)"),
    ("1.6tbase-x-osfp1600", "OSFP1600 (1.6TE)"),
    ("1.6tbase-x-osfp1600-rhs", "OSFP1600-RHS (1.6TE)"),
    ("1.6tbase-x-qsfpdd1600", "QSFP-DD1600 (1.6TE)"),
    ("1000base-kx", "1000BASE-KX (1GE)"),
    ("2.5gbase-kx", "2.5GBASE-KX (2.5GE)"),
    ("5gbase-kr", "5GBASE-KR (5GE)"),
    ("10gbase-kr", "10GBASE-KR (10GE)"),
    ("10gbase-kx4", "10GBASE-KX4 (10GE)"),
    ("25gbase-kr", "25GBASE-KR (25GE)"),
    ("40gbase-kr4", "40GBASE-KR4 (40GE)"),
    ("50gbase-kr", "50GBASE-KR (50GE)"),
    ("100gbase-kp4", "100GBASE-KP4 (100GE)"),
    ("100gbase-kr2", "100GBASE-KR2 (100GE)"),
    ("100gbase-kr4", "100GBASE-KR4 (100GE)"),
    ("1.6tbase-kr8", "1.6TBASE-KR8 (1.6TE)"),
    ("ieee802.11a", "IEEE 802.11a"),
    ("ieee802.11g", "IEEE 802.11b/g"),
    ("ieee802.11n", "IEEE 802.11n (Wi-Fi 4)"),
    ("ieee802.11ac", "IEEE 802.11ac (Wi-Fi 5)"),
    ("ieee802.11ad", "IEEE 802.11ad (WiGig)"),
    ("ieee802.11ax", "IEEE 802.11ax (Wi-Fi 6)"),
    ("ieee802.11ay", "IEEE 802.11ay (WiGig)"),
    ("ieee802.11be", "IEEE 802.11be (Wi-Fi 7)"),
    ("ieee802.15.1", "IEEE 802.15.1 (Bluetooth)"),
    ("ieee802.15.4", "IEEE 802.15.4 (LR-WPAN)"),
    ("other-wireless", "Other (Wireless)"),
    ("gsm", "GSM"),
    ("cdma", "CDMA"),
    ("lte", "LTE"),
    ("4g", "4G"),
    ("5g", "5G"),
    ("sonet-oc3", "OC-3/STM-1"),
    ("sonet-oc12", "OC-12/STM-4"),
    ("sonet-oc48", "OC-48/STM-16"),
    ("sonet-oc192", "OC-192/STM-64"),
    ("sonet-oc768", "OC-768/STM-256"),
    ("sonet-oc1920", "OC-1920/STM-640"),
    ("sonet-oc3840", "OC-3840/STM-1234"),
    ("1gfc-sfp", "SFP (1GFC)"),
    ("2gfc-sfp", "SFP (2GFC)"),
    ("4gfc-sfp", "SFP (4GFC)"),
    ("8gfc-sfpp", "SFP+ (8GFC)"),
    ("16gfc-sfpp", "SFP+ (16GFC)"),
    ("32gfc-sfp28", "SFP28 (32GFC)"),
    ("32gfc-sfpp", "SFP+ (32GFC)"),
    ("64gfc-qsfpp", "QSFP+ (64GFC)"),
    ("64gfc-sfpdd", "SFP-DD (64GFC)"),
    ("64gfc-sfpp", "SFP+ (64GFC)"),
    ("128gfc-qsfp28", "QSFP28 (128GFC)"),
    ("infiniband-sdr", "SDR (2 Gbps)"),
    ("infiniband-ddr", "DDR (4 Gbps)"),
    ("infiniband-qdr", "QDR (8 Gbps)"),
    ("infiniband-fdr10", "FDR10 (10 Gbps)"),
    ("infiniband-fdr", "FDR (13.5 Gbps)"),
    ("infiniband-edr", "EDR (25 Gbps)"),
    ("infiniband-hdr", "HDR (50 Gbps)"),
    ("infiniband-ndr", "NDR (100 Gbps)"),
    ("infiniband-xdr", "XDR (200 Gbps)"),
    ("infiniband-hdr-2x", "HDR 2X (100 Gbps)"),
    ("infiniband-ndr-2x", "NDR 2X (200 Gbps)"),
    ("infiniband-xdr-2x", "XDR 2X (400 Gbps)"),
    ("infiniband-sdr-4x", "SDR 4X (8 Gbps)"),
    ("infiniband-ddr-4x", "DDR 4X (16 Gbps)"),
    ("infiniband-qdr-4x", "QDR 4X (32 Gbps)"),
    ("infiniband-fdr10-4x", "FDR10 4X (40 Gbps)"),
    ("infiniband-fdr-4x", "FDR 4X (56 Gbps)"),
    ("infiniband-edr-4x", "EDR 4X (100 Gbps)"),
    ("infiniband-hdr-4x", "HDR 4X (200 Gbps)"),
    ("infiniband-ndr-4x", "NDR 4X (400 Gbps)"),
    ("infiniband-xdr-4x", "XDR 4X (800 Gbps)"),
    ("t1", "T1 (1.544 Mbps)"),
    ("e1", "E1 (2.048 Mbps)"),
    ("t3", "T3 (45 Mbps)"),
    ("e3", "E3 (34 Mbps)"),
    ("xdsl", "xDSL"),
    ("docsis", "DOCSIS"),
    ("moca", "MoCA"),
    ("bpon", "BPON (622 Mbps / 155 Mbps)"),
    ("epon", "EPON (1 Gbps)"),
    ("10g-epon", "10G-EPON (10 Gbps)"),
    ("gpon", "GPON (2.5 Gbps / 1.25 Gbps)"),
    ("xg-pon", "XG-PON (10 Gbps / 2.5 Gbps)"),
    ("xgs-pon", "XGS-PON (10 Gbps)"),
    ("ng-pon2", "NG-PON2 (TWDM-PON) (4x10 Gbps)"),
    ("25g-pon", "25G-PON (25 Gbps)"),
    ("50g-pon", "50G-PON (50 Gbps)"),
    ("cisco-stackwise", "Cisco StackWise"),
    ("cisco-stackwise-plus", "Cisco StackWise Plus"),
    ("cisco-flexstack", "Cisco FlexStack"),
    ("cisco-flexstack-plus", "Cisco FlexStack Plus"),
    ("cisco-stackwise-80", "Cisco StackWise-80"),
    ("cisco-stackwise-160", "Cisco StackWise-160"),
    ("cisco-stackwise-320", "Cisco StackWise-320"),
    ("cisco-stackwise-480", "Cisco StackWise-480"),
    ("cisco-stackwise-1t", "Cisco StackWise-1T"),
    ("juniper-vcp", "Juniper VCP"),
    ("extreme-summitstack", "Extreme SummitStack"),
    ("extreme-summitstack-128", "Extreme SummitStack-128"),
    ("extreme-summitstack-256", "Extreme SummitStack-256"),
    ("extreme-summitstack-512", "Extreme SummitStack-512"),
    (
        "hpe-synergy-interconnect-link",
        "HPE Synergy Interconnect Link",
    ),
    ("other", "Other"),
];
/// poe mode choices.
pub const POE_MODE: Choices = &[("pd", "PD"), ("pse", "PSE")];
/// poe type choices.
pub const POE_TYPE: Choices = &[
    ("type1-ieee802.3af", "802.3af (Type 1)"),
    ("type2-ieee802.3at", "802.3at (Type 2)"),
    ("type3-ieee802.3bt", "802.3bt (Type 3)"),
    ("type4-ieee802.3bt", "802.3bt (Type 4)"),
    ("passive-24v-2pair", "Passive 24V (2-pair)"),
    ("passive-24v-4pair", "Passive 24V (4-pair)"),
    ("passive-48v-2pair", "Passive 48V (2-pair)"),
    ("passive-48v-4pair", "Passive 48V (4-pair)"),
];
/// rf role choices.
pub const RF_ROLE: Choices = &[("ap", "Access point"), ("station", "Station")];
/// duplex choices.
pub const DUPLEX: Choices = &[("half", "Half"), ("full", "Full"), ("auto", "Auto")];
/// mode choices.
pub const MODE: Choices = &[
    ("access", "Access"),
    ("tagged", "Tagged"),
    ("tagged-all", "Tagged (All)"),
    ("q-in-q", "Q-in-Q (802.1ad)"),
];
/// rf channel choices.
pub const RF_CHANNEL: Choices = &[
    ("2.4g-1-2412-22", "1 (2412 MHz)"),
    ("2.4g-2-2417-22", "2 (2417 MHz)"),
    ("2.4g-3-2422-22", "3 (2422 MHz)"),
    ("2.4g-4-2427-22", "4 (2427 MHz)"),
    ("2.4g-5-2432-22", "5 (2432 MHz)"),
    ("2.4g-6-2437-22", "6 (2437 MHz)"),
    ("2.4g-7-2442-22", "7 (2442 MHz)"),
    ("2.4g-8-2447-22", "8 (2447 MHz)"),
    ("2.4g-9-2452-22", "9 (2452 MHz)"),
    ("2.4g-10-2457-22", "10 (2457 MHz)"),
    ("2.4g-11-2462-22", "11 (2462 MHz)"),
    ("2.4g-12-2467-22", "12 (2467 MHz)"),
    ("2.4g-13-2472-22", "13 (2472 MHz)"),
    ("5g-32-5160-20", "32 (5160/20 MHz)"),
    ("5g-34-5170-40", "34 (5170/40 MHz)"),
    ("5g-36-5180-20", "36 (5180/20 MHz)"),
    ("5g-38-5190-40", "38 (5190/40 MHz)"),
    ("5g-40-5200-20", "40 (5200/20 MHz)"),
    ("5g-42-5210-80", "42 (5210/80 MHz)"),
    ("5g-44-5220-20", "44 (5220/20 MHz)"),
    ("5g-46-5230-40", "46 (5230/40 MHz)"),
    ("5g-48-5240-20", "48 (5240/20 MHz)"),
    ("5g-50-5250-160", "50 (5250/160 MHz)"),
    ("5g-52-5260-20", "52 (5260/20 MHz)"),
    ("5g-54-5270-40", "54 (5270/40 MHz)"),
    ("5g-56-5280-20", "56 (5280/20 MHz)"),
    ("5g-58-5290-80", "58 (5290/80 MHz)"),
    ("5g-60-5300-20", "60 (5300/20 MHz)"),
    ("5g-62-5310-40", "62 (5310/40 MHz)"),
    ("5g-64-5320-20", "64 (5320/20 MHz)"),
    ("5g-100-5500-20", "100 (5500/20 MHz)"),
    ("5g-102-5510-40", "102 (5510/40 MHz)"),
    ("5g-104-5520-20", "104 (5520/20 MHz)"),
    ("5g-106-5530-80", "106 (5530/80 MHz)"),
    ("5g-108-5540-20", "108 (5540/20 MHz)"),
    ("5g-110-5550-40", "110 (5550/40 MHz)"),
    ("5g-112-5560-20", "112 (5560/20 MHz)"),
    ("5g-114-5570-160", "114 (5570/160 MHz)"),
    ("5g-116-5580-20", "116 (5580/20 MHz)"),
    ("5g-118-5590-40", "118 (5590/40 MHz)"),
    ("5g-120-5600-20", "120 (5600/20 MHz)"),
    ("5g-122-5610-80", "122 (5610/80 MHz)"),
    ("5g-124-5620-20", "124 (5620/20 MHz)"),
    ("5g-126-5630-40", "126 (5630/40 MHz)"),
    ("5g-128-5640-20", "128 (5640/20 MHz)"),
    ("5g-132-5660-20", "132 (5660/20 MHz)"),
    ("5g-134-5670-40", "134 (5670/40 MHz)"),
    ("5g-136-5680-20", "136 (5680/20 MHz)"),
    ("5g-138-5690-80", "138 (5690/80 MHz)"),
    ("5g-140-5700-20", "140 (5700/20 MHz)"),
    ("5g-142-5710-40", "142 (5710/40 MHz)"),
    ("5g-144-5720-20", "144 (5720/20 MHz)"),
    ("5g-149-5745-20", "149 (5745/20 MHz)"),
    ("5g-151-5755-40", "151 (5755/40 MHz)"),
    ("5g-153-5765-20", "153 (5765/20 MHz)"),
    ("5g-155-5775-80", "155 (5775/80 MHz)"),
    ("5g-157-5785-20", "157 (5785/20 MHz)"),
    ("5g-159-5795-40", "159 (5795/40 MHz)"),
    ("5g-161-5805-20", "161 (5805/20 MHz)"),
    ("5g-163-5815-160", "163 (5815/160 MHz)"),
    ("5g-165-5825-20", "165 (5825/20 MHz)"),
    ("5g-167-5835-40", "167 (5835/40 MHz)"),
    ("5g-169-5845-20", "169 (5845/20 MHz)"),
    ("5g-171-5855-80", "171 (5855/80 MHz)"),
    ("5g-173-5865-20", "173 (5865/20 MHz)"),
    ("5g-175-5875-40", "175 (5875/40 MHz)"),
    ("5g-177-5885-20", "177 (5885/20 MHz)"),
    ("6g-1-5955-20", "1 (5955/20 MHz)"),
    ("6g-3-5965-40", "3 (5965/40 MHz)"),
    ("6g-5-5975-20", "5 (5975/20 MHz)"),
    ("6g-7-5985-80", "7 (5985/80 MHz)"),
    ("6g-9-5995-20", "9 (5995/20 MHz)"),
    ("6g-11-6005-40", "11 (6005/40 MHz)"),
    ("6g-13-6015-20", "13 (6015/20 MHz)"),
    ("6g-15-6025-160", "15 (6025/160 MHz)"),
    ("6g-17-6035-20", "17 (6035/20 MHz)"),
    ("6g-19-6045-40", "19 (6045/40 MHz)"),
    ("6g-21-6055-20", "21 (6055/20 MHz)"),
    ("6g-23-6065-80", "23 (6065/80 MHz)"),
    ("6g-25-6075-20", "25 (6075/20 MHz)"),
    ("6g-27-6085-40", "27 (6085/40 MHz)"),
    ("6g-29-6095-20", "29 (6095/20 MHz)"),
    ("6g-31-6105-320", "31 (6105/320 MHz)"),
    ("6g-33-6115-20", "33 (6115/20 MHz)"),
    ("6g-35-6125-40", "35 (6125/40 MHz)"),
    ("6g-37-6135-20", "37 (6135/20 MHz)"),
    ("6g-39-6145-80", "39 (6145/80 MHz)"),
    ("6g-41-6155-20", "41 (6155/20 MHz)"),
    ("6g-43-6165-40", "43 (6165/40 MHz)"),
    ("6g-45-6175-20", "45 (6175/20 MHz)"),
    ("6g-47-6185-160", "47 (6185/160 MHz)"),
    ("6g-49-6195-20", "49 (6195/20 MHz)"),
    ("6g-51-6205-40", "51 (6205/40 MHz)"),
    ("6g-53-6215-20", "53 (6215/20 MHz)"),
    ("6g-55-6225-80", "55 (6225/80 MHz)"),
    ("6g-57-6235-20", "57 (6235/20 MHz)"),
    ("6g-59-6245-40", "59 (6245/40 MHz)"),
    ("6g-61-6255-20", "61 (6255/20 MHz)"),
    ("6g-65-6275-20", "65 (6275/20 MHz)"),
    ("6g-67-6285-40", "67 (6285/40 MHz)"),
    ("6g-69-6295-20", "69 (6295/20 MHz)"),
    ("6g-71-6305-80", "71 (6305/80 MHz)"),
    ("6g-73-6315-20", "73 (6315/20 MHz)"),
    ("6g-75-6325-40", "75 (6325/40 MHz)"),
    ("6g-77-6335-20", "77 (6335/20 MHz)"),
    ("6g-79-6345-160", "79 (6345/160 MHz)"),
    ("6g-81-6355-20", "81 (6355/20 MHz)"),
    ("6g-83-6365-40", "83 (6365/40 MHz)"),
    ("6g-85-6375-20", "85 (6375/20 MHz)"),
    ("6g-87-6385-80", "87 (6385/80 MHz)"),
    ("6g-89-6395-20", "89 (6395/20 MHz)"),
    ("6g-91-6405-40", "91 (6405/40 MHz)"),
    ("6g-93-6415-20", "93 (6415/20 MHz)"),
    ("6g-95-6425-320", "95 (6425/320 MHz)"),
    ("6g-97-6435-20", "97 (6435/20 MHz)"),
    ("6g-99-6445-40", "99 (6445/40 MHz)"),
    ("6g-101-6455-20", "101 (6455/20 MHz)"),
    ("6g-103-6465-80", "103 (6465/80 MHz)"),
    ("6g-105-6475-20", "105 (6475/20 MHz)"),
    ("6g-107-6485-40", "107 (6485/40 MHz)"),
    ("6g-109-6495-20", "109 (6495/20 MHz)"),
    ("6g-111-6505-160", "111 (6505/160 MHz)"),
    ("6g-113-6515-20", "113 (6515/20 MHz)"),
    ("6g-115-6525-40", "115 (6525/40 MHz)"),
    ("6g-117-6535-20", "117 (6535/20 MHz)"),
    ("6g-119-6545-80", "119 (6545/80 MHz)"),
    ("6g-121-6555-20", "121 (6555/20 MHz)"),
    ("6g-123-6565-40", "123 (6565/40 MHz)"),
    ("6g-125-6575-20", "125 (6575/20 MHz)"),
    ("6g-129-6595-20", "129 (6595/20 MHz)"),
    ("6g-131-6605-40", "131 (6605/40 MHz)"),
    ("6g-133-6615-20", "133 (6615/20 MHz)"),
    ("6g-135-6625-80", "135 (6625/80 MHz)"),
    ("6g-137-6635-20", "137 (6635/20 MHz)"),
    ("6g-139-6645-40", "139 (6645/40 MHz)"),
    ("6g-141-6655-20", "141 (6655/20 MHz)"),
    ("6g-143-6665-160", "143 (6665/160 MHz)"),
    ("6g-145-6675-20", "145 (6675/20 MHz)"),
    ("6g-147-6685-40", "147 (6685/40 MHz)"),
    ("6g-149-6695-20", "149 (6695/20 MHz)"),
    ("6g-151-6705-80", "151 (6705/80 MHz)"),
    ("6g-153-6715-20", "153 (6715/20 MHz)"),
    ("6g-155-6725-40", "155 (6725/40 MHz)"),
    ("6g-157-6735-20", "157 (6735/20 MHz)"),
    ("6g-159-6745-320", "159 (6745/320 MHz)"),
    ("6g-161-6755-20", "161 (6755/20 MHz)"),
    ("6g-163-6765-40", "163 (6765/40 MHz)"),
    ("6g-165-6775-20", "165 (6775/20 MHz)"),
    ("6g-167-6785-80", "167 (6785/80 MHz)"),
    ("6g-169-6795-20", "169 (6795/20 MHz)"),
    ("6g-171-6805-40", "171 (6805/40 MHz)"),
    ("6g-173-6815-20", "173 (6815/20 MHz)"),
    ("6g-175-6825-160", "175 (6825/160 MHz)"),
    ("6g-177-6835-20", "177 (6835/20 MHz)"),
    ("6g-179-6845-40", "179 (6845/40 MHz)"),
    ("6g-181-6855-20", "181 (6855/20 MHz)"),
    ("6g-183-6865-80", "183 (6865/80 MHz)"),
    ("6g-185-6875-20", "185 (6875/20 MHz)"),
    ("6g-187-6885-40", "187 (6885/40 MHz)"),
    ("6g-189-6895-20", "189 (6895/20 MHz)"),
    ("6g-193-6915-20", "193 (6915/20 MHz)"),
    ("6g-195-6925-40", "195 (6925/40 MHz)"),
    ("6g-197-6935-20", "197 (6935/20 MHz)"),
    ("6g-199-6945-80", "199 (6945/80 MHz)"),
    ("6g-201-6955-20", "201 (6955/20 MHz)"),
    ("6g-203-6965-40", "203 (6965/40 MHz)"),
    ("6g-205-6975-20", "205 (6975/20 MHz)"),
    ("6g-207-6985-160", "207 (6985/160 MHz)"),
    ("6g-209-6995-20", "209 (6995/20 MHz)"),
    ("6g-211-7005-40", "211 (7005/40 MHz)"),
    ("6g-213-7015-20", "213 (7015/20 MHz)"),
    ("6g-215-7025-80", "215 (7025/80 MHz)"),
    ("6g-217-7035-20", "217 (7035/20 MHz)"),
    ("6g-219-7045-40", "219 (7045/40 MHz)"),
    ("6g-221-7055-20", "221 (7055/20 MHz)"),
    ("6g-225-7075-20", "225 (7075/20 MHz)"),
    ("6g-227-7085-40", "227 (7085/40 MHz)"),
    ("6g-229-7095-20", "229 (7095/20 MHz)"),
    ("6g-233-7115-20", "233 (7115/20 MHz)"),
    ("60g-1-58320-2160", "1 (58.32/2.16 GHz)"),
    ("60g-2-60480-2160", "2 (60.48/2.16 GHz)"),
    ("60g-3-62640-2160", "3 (62.64/2.16 GHz)"),
    ("60g-4-64800-2160", "4 (64.80/2.16 GHz)"),
    ("60g-5-66960-2160", "5 (66.96/2.16 GHz)"),
    ("60g-6-69120-2160", "6 (69.12/2.16 GHz)"),
    ("60g-9-59400-4320", "9 (59.40/4.32 GHz)"),
    ("60g-10-61560-4320", "10 (61.56/4.32 GHz)"),
    ("60g-11-63720-4320", "11 (63.72/4.32 GHz)"),
    ("60g-12-65880-4320", "12 (65.88/4.32 GHz)"),
    ("60g-13-68040-4320", "13 (68.04/4.32 GHz)"),
    ("60g-17-60480-6480", "17 (60.48/6.48 GHz)"),
    ("60g-18-62640-6480", "18 (62.64/6.48 GHz)"),
    ("60g-19-64800-6480", "19 (64.80/6.48 GHz)"),
    ("60g-20-66960-6480", "20 (66.96/6.48 GHz)"),
    ("60g-25-61560-6480", "25 (61.56/8.64 GHz)"),
    ("60g-26-63720-6480", "26 (63.72/8.64 GHz)"),
    ("60g-27-65880-6480", "27 (65.88/8.64 GHz)"),
];
/// inventoryitem status choices.
pub const INVENTORY_ITEM_STATUS: Choices = &[
    ("offline", "Offline"),
    ("active", "Active"),
    ("planned", "Planned"),
    ("staged", "Staged"),
    ("failed", "Failed"),
    ("decommissioning", "Decommissioning"),
];
/// location status choices.
pub const LOCATION_STATUS: Choices = &[
    ("planned", "Planned"),
    ("staging", "Staging"),
    ("active", "Active"),
    ("decommissioning", "Decommissioning"),
    ("retired", "Retired"),
];
/// moduletype airflow choices.
pub const MODULETYPE_AIRFLOW: Choices = &[
    ("front-to-rear", "Front to rear"),
    ("rear-to-front", "Rear to front"),
    ("left-to-right", "Left to right"),
    ("right-to-left", "Right to left"),
    ("side-to-rear", "Side to rear"),
    ("passive", "Passive"),
];
/// powerfeed type choices.
pub const POWERFEED_TYPE: Choices = &[("primary", "Primary"), ("redundant", "Redundant")];
/// supply choices.
pub const SUPPLY: Choices = &[("ac", "AC"), ("dc", "DC")];
/// phase choices.
pub const PHASE: Choices = &[
    ("single-phase", "Single phase"),
    ("three-phase", "Three-phase"),
];
/// poweroutlettemplate type choices.
pub const POWER_OUTLET_TYPE: Choices = &[
    ("iec-60320-c5", "C5"),
    ("iec-60320-c7", "C7"),
    ("iec-60320-c13", "C13"),
    ("iec-60320-c15", "C15"),
    ("iec-60320-c17", "C17"),
    ("iec-60320-c19", "C19"),
    ("iec-60320-c21", "C21"),
    ("iec-60309-p-n-e-4h", "P+N+E 4H"),
    ("iec-60309-p-n-e-6h", "P+N+E 6H"),
    ("iec-60309-p-n-e-9h", "P+N+E 9H"),
    ("iec-60309-2p-e-4h", "2P+E 4H"),
    ("iec-60309-2p-e-6h", "2P+E 6H"),
    ("iec-60309-2p-e-9h", "2P+E 9H"),
    ("iec-60309-3p-e-4h", "3P+E 4H"),
    ("iec-60309-3p-e-6h", "3P+E 6H"),
    ("iec-60309-3p-e-9h", "3P+E 9H"),
    ("iec-60309-3p-n-e-4h", "3P+N+E 4H"),
    ("iec-60309-3p-n-e-6h", "3P+N+E 6H"),
    ("iec-60309-3p-n-e-9h", "3P+N+E 9H"),
    ("iec-60906-1", "IEC 60906-1"),
    ("nbr-14136-10a", "2P+T 10A (NBR 14136)"),
    ("nbr-14136-20a", "2P+T 20A (NBR 14136)"),
    ("nema-1-15r", "NEMA 1-15R"),
    ("nema-5-15r", "NEMA 5-15R"),
    ("nema-5-20r", "NEMA 5-20R"),
    ("nema-5-30r", "NEMA 5-30R"),
    ("nema-5-50r", "NEMA 5-50R"),
    ("nema-6-15r", "NEMA 6-15R"),
    ("nema-6-20r", "NEMA 6-20R"),
    ("nema-6-30r", "NEMA 6-30R"),
    ("nema-6-50r", "NEMA 6-50R"),
    ("nema-10-30r", "NEMA 10-30R"),
    ("nema-10-50r", "NEMA 10-50R"),
    ("nema-14-20r", "NEMA 14-20R"),
    ("nema-14-30r", "NEMA 14-30R"),
    ("nema-14-50r", "NEMA 14-50R"),
    ("nema-14-60r", "NEMA 14-60R"),
    ("nema-15-15r", "NEMA 15-15R"),
    ("nema-15-20r", "NEMA 15-20R"),
    ("nema-15-30r", "NEMA 15-30R"),
    ("nema-15-50r", "NEMA 15-50R"),
    ("nema-15-60r", "NEMA 15-60R"),
    ("nema-l1-15r", "NEMA L1-15R"),
    ("nema-l5-15r", "NEMA L5-15R"),
    ("nema-l5-20r", "NEMA L5-20R"),
    ("nema-l5-30r", "NEMA L5-30R"),
    ("nema-l5-50r", "NEMA L5-50R"),
    ("nema-l6-15r", "NEMA L6-15R"),
    ("nema-l6-20r", "NEMA L6-20R"),
    ("nema-l6-30r", "NEMA L6-30R"),
    ("nema-l6-50r", "NEMA L6-50R"),
    ("nema-l10-30r", "NEMA L10-30R"),
    ("nema-l14-20r", "NEMA L14-20R"),
    ("nema-l14-30r", "NEMA L14-30R"),
    ("nema-l14-50r", "NEMA L14-50R"),
    ("nema-l14-60r", "NEMA L14-60R"),
    ("nema-l15-20r", "NEMA L15-20R"),
    ("nema-l15-30r", "NEMA L15-30R"),
    ("nema-l15-50r", "NEMA L15-50R"),
    ("nema-l15-60r", "NEMA L15-60R"),
    ("nema-l21-20r", "NEMA L21-20R"),
    ("nema-l21-30r", "NEMA L21-30R"),
    ("nema-l22-20r", "NEMA L22-20R"),
    ("nema-l22-30r", "NEMA L22-30R"),
    ("CS6360C", "CS6360C"),
    ("CS6364C", "CS6364C"),
    ("CS8164C", "CS8164C"),
    ("CS8264C", "CS8264C"),
    ("CS8364C", "CS8364C"),
    ("CS8464C", "CS8464C"),
    ("ita-e", "ITA Type E (CEE 7/5)"),
    ("ita-f", "ITA Type F (CEE 7/3)"),
    ("ita-g", "ITA Type G (BS 1363)"),
    ("ita-h", "ITA Type H"),
    ("ita-i", "ITA Type I"),
    ("ita-j", "ITA Type J"),
    ("ita-k", "ITA Type K"),
    ("ita-l", "ITA Type L (CEI 23-50)"),
    ("ita-m", "ITA Type M (BS 546)"),
    ("ita-n", "ITA Type N"),
    ("ita-o", "ITA Type O"),
    ("ita-multistandard", "ITA Multistandard"),
    ("usb-a", "USB Type A"),
    ("usb-micro-b", "USB Micro B"),
    ("usb-c", "USB Type C"),
    ("molex-micro-fit-1x2", "Molex Micro-Fit 1x2"),
    ("molex-micro-fit-2x2", "Molex Micro-Fit 2x2"),
    ("molex-micro-fit-2x3", "Molex Micro-Fit 2x3"),
    ("molex-micro-fit-2x4", "Molex Micro-Fit 2x4"),
    ("dc-terminal", "DC Terminal"),
    ("eaton-c39", "Eaton C39"),
    ("hdot-cx", "HDOT Cx"),
    ("saf-d-grid", "Saf-D-Grid"),
    ("neutrik-powercon-20a", "Neutrik powerCON (20A)"),
    ("neutrik-powercon-32a", "Neutrik powerCON (32A)"),
    ("neutrik-powercon-true1", "Neutrik powerCON TRUE1"),
    ("neutrik-powercon-true1-top", "Neutrik powerCON TRUE1 TOP"),
    ("ubiquiti-smartpower", "Ubiquiti SmartPower"),
    ("hardwired", "Hardwired"),
    ("other", "Other"),
];
/// feed leg choices.
pub const FEED_LEG: Choices = &[("A", "A"), ("B", "B"), ("C", "C")];
/// poweroutlet status choices.
pub const POWEROUTLET_STATUS: Choices = &[
    ("enabled", "Enabled"),
    ("disabled", "Disabled"),
    ("faulty", "Faulty"),
];
/// powerporttemplate type choices.
pub const POWER_PORT_TYPE: Choices = &[
    ("iec-60320-c6", "C6"),
    ("iec-60320-c8", "C8"),
    ("iec-60320-c14", "C14"),
    ("iec-60320-c16", "C16"),
    ("iec-60320-c18", "C18"),
    ("iec-60320-c20", "C20"),
    ("iec-60320-c22", "C22"),
    ("iec-60309-p-n-e-4h", "P+N+E 4H"),
    ("iec-60309-p-n-e-6h", "P+N+E 6H"),
    ("iec-60309-p-n-e-9h", "P+N+E 9H"),
    ("iec-60309-2p-e-4h", "2P+E 4H"),
    ("iec-60309-2p-e-6h", "2P+E 6H"),
    ("iec-60309-2p-e-9h", "2P+E 9H"),
    ("iec-60309-3p-e-4h", "3P+E 4H"),
    ("iec-60309-3p-e-6h", "3P+E 6H"),
    ("iec-60309-3p-e-9h", "3P+E 9H"),
    ("iec-60309-3p-n-e-4h", "3P+N+E 4H"),
    ("iec-60309-3p-n-e-6h", "3P+N+E 6H"),
    ("iec-60309-3p-n-e-9h", "3P+N+E 9H"),
    ("iec-60906-1", "IEC 60906-1"),
    ("nbr-14136-10a", "2P+T 10A (NBR 14136)"),
    ("nbr-14136-20a", "2P+T 20A (NBR 14136)"),
    ("nema-1-15p", "NEMA 1-15P"),
    ("nema-5-15p", "NEMA 5-15P"),
    ("nema-5-20p", "NEMA 5-20P"),
    ("nema-5-30p", "NEMA 5-30P"),
    ("nema-5-50p", "NEMA 5-50P"),
    ("nema-6-15p", "NEMA 6-15P"),
    ("nema-6-20p", "NEMA 6-20P"),
    ("nema-6-30p", "NEMA 6-30P"),
    ("nema-6-50p", "NEMA 6-50P"),
    ("nema-10-30p", "NEMA 10-30P"),
    ("nema-10-50p", "NEMA 10-50P"),
    ("nema-14-20p", "NEMA 14-20P"),
    ("nema-14-30p", "NEMA 14-30P"),
    ("nema-14-50p", "NEMA 14-50P"),
    ("nema-14-60p", "NEMA 14-60P"),
    ("nema-15-15p", "NEMA 15-15P"),
    ("nema-15-20p", "NEMA 15-20P"),
    ("nema-15-30p", "NEMA 15-30P"),
    ("nema-15-50p", "NEMA 15-50P"),
    ("nema-15-60p", "NEMA 15-60P"),
    ("nema-l1-15p", "NEMA L1-15P"),
    ("nema-l5-15p", "NEMA L5-15P"),
    ("nema-l5-20p", "NEMA L5-20P"),
    ("nema-l5-30p", "NEMA L5-30P"),
    ("nema-l5-50p", "NEMA L5-50P"),
    ("nema-l6-15p", "NEMA L6-15P"),
    ("nema-l6-20p", "NEMA L6-20P"),
    ("nema-l6-30p", "NEMA L6-30P"),
    ("nema-l6-50p", "NEMA L6-50P"),
    ("nema-l10-30p", "NEMA L10-30P"),
    ("nema-l14-20p", "NEMA L14-20P"),
    ("nema-l14-30p", "NEMA L14-30P"),
    ("nema-l14-50p", "NEMA L14-50P"),
    ("nema-l14-60p", "NEMA L14-60P"),
    ("nema-l15-20p", "NEMA L15-20P"),
    ("nema-l15-30p", "NEMA L15-30P"),
    ("nema-l15-50p", "NEMA L15-50P"),
    ("nema-l15-60p", "NEMA L15-60P"),
    ("nema-l21-20p", "NEMA L21-20P"),
    ("nema-l21-30p", "NEMA L21-30P"),
    ("nema-l22-20p", "NEMA L22-20P"),
    ("nema-l22-30p", "NEMA L22-30P"),
    ("cs6361c", "CS6361C"),
    ("cs6365c", "CS6365C"),
    ("cs8165c", "CS8165C"),
    ("cs8265c", "CS8265C"),
    ("cs8365c", "CS8365C"),
    ("cs8465c", "CS8465C"),
    ("ita-c", "ITA Type C (CEE 7/16)"),
    ("ita-e", "ITA Type E (CEE 7/6)"),
    ("ita-f", "ITA Type F (CEE 7/4)"),
    ("ita-ef", "ITA Type E/F (CEE 7/7)"),
    ("ita-g", "ITA Type G (BS 1363)"),
    ("ita-h", "ITA Type H"),
    ("ita-i", "ITA Type I"),
    ("ita-j", "ITA Type J"),
    ("ita-k", "ITA Type K"),
    ("ita-l", "ITA Type L (CEI 23-50)"),
    ("ita-m", "ITA Type M (BS 546)"),
    ("ita-n", "ITA Type N"),
    ("ita-o", "ITA Type O"),
    ("usb-a", "USB Type A"),
    ("usb-b", "USB Type B"),
    ("usb-c", "USB Type C"),
    ("usb-mini-a", "USB Mini A"),
    ("usb-mini-b", "USB Mini B"),
    ("usb-micro-a", "USB Micro A"),
    ("usb-micro-b", "USB Micro B"),
    ("usb-micro-ab", "USB Micro AB"),
    ("usb-3-b", "USB 3.0 Type B"),
    ("usb-3-micro-b", "USB 3.0 Micro B"),
    ("molex-micro-fit-1x2", "Molex Micro-Fit 1x2"),
    ("molex-micro-fit-2x2", "Molex Micro-Fit 2x2"),
    ("molex-micro-fit-2x3", "Molex Micro-Fit 2x3"),
    ("molex-micro-fit-2x4", "Molex Micro-Fit 2x4"),
    ("dc-terminal", "DC Terminal"),
    ("saf-d-grid", "Saf-D-Grid"),
    ("neutrik-powercon-20", "Neutrik powerCON (20A)"),
    ("neutrik-powercon-32", "Neutrik powerCON (32A)"),
    ("neutrik-powercon-true1", "Neutrik powerCON TRUE1"),
    ("neutrik-powercon-true1-top", "Neutrik powerCON TRUE1 TOP"),
    ("ubiquiti-smartpower", "Ubiquiti SmartPower"),
    ("hardwired", "Hardwired"),
    ("other", "Other"),
];
/// rackreservation status choices.
pub const RACKRESERVATION_STATUS: Choices = &[
    ("pending", "Pending"),
    ("active", "Active"),
    ("stale", "Stale"),
];
/// form factor choices.
pub const FORM_FACTOR: Choices = &[
    ("2-post-frame", "2-post frame"),
    ("4-post-frame", "4-post frame"),
    ("4-post-cabinet", "4-post cabinet"),
    ("wall-frame", "Wall-mounted frame"),
    ("wall-frame-vertical", "Wall-mounted frame (vertical)"),
    ("wall-cabinet", "Wall-mounted cabinet"),
    ("wall-cabinet-vertical", "Wall-mounted cabinet (vertical)"),
];
/// width choices.
pub const WIDTH: IntChoices = &[
    (10, "10 inches"),
    (19, "19 inches"),
    (21, "21 inches"),
    (23, "23 inches"),
];
/// outer unit choices.
pub const OUTER_UNIT: Choices = &[("mm", "Millimeters"), ("in", "Inches")];
/// cooling capability choices.
pub const COOLING_CAPABILITY: Choices = &[
    ("air-only", "Air only"),
    ("hybrid", "Hybrid"),
    ("liquid-only", "Liquid only"),
];
/// rack status choices.
pub const RACK_STATUS: Choices = &[
    ("reserved", "Reserved"),
    ("available", "Available"),
    ("planned", "Planned"),
    ("active", "Active"),
    ("deprecated", "Deprecated"),
];
/// rack airflow choices.
pub const RACK_AIRFLOW: Choices = &[
    ("front-to-rear", "Front to rear"),
    ("rear-to-front", "Rear to front"),
];
/// virtualdevicecontext status choices.
pub const VIRTUALDEVICECONTEXT_STATUS: Choices = &[
    ("active", "Active"),
    ("planned", "Planned"),
    ("offline", "Offline"),
];
pub fn models() -> Vec<Model> {
    vec![
        Model::new(
            "dcim",
            "cablebundle",
            "CableBundle",
            "dcim/cable-bundles",
            "dcim_cablebundle",
        )
        .verbose("cable bundle", "cable bundles")
        .search(&[
            "name__icontains",
            "description__icontains",
            "comments__icontains",
        ])
        .field(Field::text("name", 100).required())
        .field(Field::text("description", 200))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .fields(tags_cf_times())
        .field(Field::count("cable_count", "dcim.cable", "bundle"))
        .ordering(&[("name", false)])
        .brief(&["name", "description"]),
        Model::new(
            "dcim",
            "cabletermination",
            "CableTermination",
            "dcim/cable-terminations",
            "dcim_cabletermination",
        )
        .verbose("cable termination", "cable terminations")
        .field(
            Field::fk("cable", "dcim.cable")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade)
                .flat()
                .required()
                .not_null(),
        )
        .field(Field::plain_choice("cable_end", CABLE_END).required())
        .field(Field::object_type("termination_type").required())
        .field(Field::int("termination_id", 0, i64::MAX).required())
        .field(Field::generic(
            "termination",
            "termination_type",
            "termination_id",
        ))
        .field(Field::int("connector", 0, i64::MAX).nullable().read_only())
        .field(Field::json("positions").nullable())
        .field(Field::int("_device_id", 0, i64::MAX).hidden())
        .field(Field::int("_rack_id", 0, i64::MAX).hidden())
        .field(Field::int("_location_id", 0, i64::MAX).hidden())
        .field(Field::int("_site_id", 0, i64::MAX).hidden())
        .field(crate::created())
        .field(crate::last_updated())
        .display(d_termination)
        .ordering(&[("cable", false), ("cable_end", false)])
        .no_display_url()
        .read_only_api()
        .brief(&[
            "cable",
            "cable_end",
            "connector",
            "positions",
            "termination_type",
            "termination_id",
        ]),
        Model::new("dcim", "cable", "Cable", "dcim/cables", "dcim_cable")
            .verbose("cable", "cables")
            .search(&["label__icontains", "description__icontains"])
            .field(Field::plain_choice("type", CABLE_TYPE).nullable())
            .field(Field::computed("a_terminations").writable())
            .field(Field::computed("b_terminations").writable())
            .field(Field::choice("status", LINK_STATUS).default_str("connected"))
            .field(Field::choice("profile", CABLE_PROFILE))
            .field(Field::fk("tenant", "tenancy.tenant").on_delete(OnDelete::Protect))
            .field(Field::fk("bundle", "dcim.cablebundle").slug_attr(Some("name")))
            .field(Field::text("label", 100))
            .field(Field::text("color", 6))
            .field(Field::float("length").nullable())
            .field(Field::choice("length_unit", LENGTH_UNIT).nullable())
            .field(Field::text("description", 200))
            .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
            .field(Field::long_text("comments"))
            .fields(tags_cf_times())
            .display(d_cable)
            .brief(&["label", "description"]),
        Model::new(
            "dcim",
            "consoleporttemplate",
            "ConsolePortTemplate",
            "dcim/console-port-templates",
            "dcim_consoleporttemplate",
        )
        .verbose("console port template", "console port templates")
        .search(DEVICE_TYPE_COMPONENT)
        .field(
            Field::fk("device_type", "dcim.devicetype")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade),
        )
        .field(
            Field::fk("module_type", "dcim.moduletype")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade),
        )
        .field(Field::text("name", 64).required())
        .field(Field::text("_name", 100).hidden())
        .field(Field::text("label", 64))
        .field(Field::choice("type", CONSOLE_PORT_TYPE))
        .field(Field::text("description", 200))
        .field(crate::created())
        .field(crate::last_updated())
        .ordering(&[
            ("device_type", false),
            ("module_type", false),
            ("_name", false),
        ])
        .no_display_url()
        .brief(&["name", "description"]),
        Model::new(
            "dcim",
            "consoleport",
            "ConsolePort",
            "dcim/console-ports",
            "dcim_consoleport",
        )
        .verbose("console port", "console ports")
        .search(DEVICE_COMPONENT)
        .fields(component())
        .field(Field::choice("type", CONSOLE_PORT_TYPE))
        .field(Field::int_choice("speed", SPEED).nullable())
        .field(Field::text("description", 200))
        .fields(cable_end())
        .fields(path_end())
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .fields(tags_cf_times())
        .field(Field::computed("_occupied"))
        .ordering(&[("device", false), ("_name", false)])
        .unique_together(
            &["device", "name"],
            "Console port with this Device and Name already exists.",
        )
        .brief(&["device", "name", "description", "cable", "_occupied"]),
        Model::new(
            "dcim",
            "consoleserverporttemplate",
            "ConsoleServerPortTemplate",
            "dcim/console-server-port-templates",
            "dcim_consoleserverporttemplate",
        )
        .verbose(
            "console server port template",
            "console server port templates",
        )
        .search(DEVICE_TYPE_COMPONENT)
        .field(
            Field::fk("device_type", "dcim.devicetype")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade),
        )
        .field(
            Field::fk("module_type", "dcim.moduletype")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade),
        )
        .field(Field::text("name", 64).required())
        .field(Field::text("_name", 100).hidden())
        .field(Field::text("label", 64))
        .field(Field::choice("type", CONSOLE_PORT_TYPE))
        .field(Field::text("description", 200))
        .field(crate::created())
        .field(crate::last_updated())
        .ordering(&[
            ("device_type", false),
            ("module_type", false),
            ("_name", false),
        ])
        .no_display_url()
        .brief(&["name", "description"]),
        Model::new(
            "dcim",
            "consoleserverport",
            "ConsoleServerPort",
            "dcim/console-server-ports",
            "dcim_consoleserverport",
        )
        .verbose("console server port", "console server ports")
        .search(DEVICE_COMPONENT)
        .fields(component())
        .field(Field::choice("type", CONSOLE_PORT_TYPE))
        .field(Field::int_choice("speed", SPEED).nullable())
        .field(Field::text("description", 200))
        .fields(cable_end())
        .fields(path_end())
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .fields(tags_cf_times())
        .field(Field::computed("_occupied"))
        .ordering(&[("device", false), ("_name", false)])
        .unique_together(
            &["device", "name"],
            "Console server port with this Device and Name already exists.",
        )
        .brief(&["device", "name", "description", "cable", "_occupied"]),
        Model::new(
            "dcim",
            "coolingfeed",
            "CoolingFeed",
            "dcim/cooling-feeds",
            "dcim_coolingfeed",
        )
        .verbose("cooling feed", "cooling feeds")
        .search(&[
            "name__icontains",
            "description__icontains",
            "cooling_source__name__icontains",
            "comments__icontains",
        ])
        .field(
            Field::fk("cooling_source", "dcim.coolingsource")
                .slug_attr(None)
                .on_delete(OnDelete::Protect)
                .required()
                .not_null(),
        )
        .field(Field::fk("rack", "dcim.rack").slug_attr(None))
        .field(Field::text("name", 100).required())
        .field(Field::choice("status", COOLING_STATUS).default_str("active"))
        .field(Field::float("cooling_capacity").nullable())
        .field(Field::float("max_flow").nullable())
        .field(Field::choice("max_flow_unit", MAX_FLOW_UNIT).nullable())
        .field(Field::text("description", 200))
        .field(Field::fk("tenant", "tenancy.tenant").on_delete(OnDelete::Protect))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .fields(tags_cf_times())
        .brief(&["name", "description"]),
        Model::new(
            "dcim",
            "coolingintaketemplate",
            "CoolingIntakeTemplate",
            "dcim/cooling-intake-templates",
            "dcim_coolingintaketemplate",
        )
        .verbose("cooling intake template", "cooling intake templates")
        .search(DEVICE_TYPE_COMPONENT)
        .field(
            Field::fk("device_type", "dcim.devicetype")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade),
        )
        .field(
            Field::fk("module_type", "dcim.moduletype")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade),
        )
        .field(Field::text("name", 64).required())
        .field(Field::text("_name", 100).hidden())
        .field(Field::text("label", 64))
        .field(Field::choice("type", COOLING_PORT_TYPE).nullable())
        .field(Field::float("diameter").nullable())
        .field(Field::choice("diameter_unit", DIAMETER_UNIT).nullable())
        .field(Field::float("max_flow").nullable())
        .field(Field::choice("max_flow_unit", MAX_FLOW_UNIT).nullable())
        .field(Field::text("description", 200))
        .field(crate::created())
        .field(crate::last_updated())
        .ordering(&[
            ("device_type", false),
            ("module_type", false),
            ("_name", false),
        ])
        .no_display_url()
        .brief(&["name", "description"]),
        Model::new(
            "dcim",
            "coolingintake",
            "CoolingIntake",
            "dcim/cooling-intakes",
            "dcim_coolingintake",
        )
        .verbose("cooling intake", "cooling intakes")
        .search(DEVICE_COMPONENT)
        .fields(component())
        .field(Field::choice("type", COOLING_PORT_TYPE).nullable())
        .field(Field::float("diameter").nullable())
        .field(Field::choice("diameter_unit", DIAMETER_UNIT).nullable())
        .field(Field::float("max_flow").nullable())
        .field(Field::choice("max_flow_unit", MAX_FLOW_UNIT).nullable())
        .field(
            Field::fk("cooling_outflow", "dcim.coolingoutflow")
                .slug_attr(None)
                .nested(),
        )
        .field(Field::text("description", 200))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .fields(tags_cf_times())
        .ordering(&[("device", false), ("_name", false)])
        .unique_together(
            &["device", "name"],
            "Cooling intake with this Device and Name already exists.",
        )
        .brief(&["device", "name", "description"]),
        Model::new(
            "dcim",
            "coolingoutflowtemplate",
            "CoolingOutflowTemplate",
            "dcim/cooling-outflow-templates",
            "dcim_coolingoutflowtemplate",
        )
        .verbose("cooling outflow template", "cooling outflow templates")
        .search(DEVICE_TYPE_COMPONENT)
        .field(
            Field::fk("device_type", "dcim.devicetype")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade),
        )
        .field(
            Field::fk("module_type", "dcim.moduletype")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade),
        )
        .field(Field::text("name", 64).required())
        .field(Field::text("_name", 100).hidden())
        .field(Field::text("label", 64))
        .field(Field::choice("type", COOLING_PORT_TYPE).nullable())
        .field(Field::float("diameter").nullable())
        .field(Field::choice("diameter_unit", DIAMETER_UNIT).nullable())
        .field(Field::fk("cooling_intake", "dcim.coolingintaketemplate").slug_attr(None))
        .field(Field::text("description", 200))
        .field(crate::created())
        .field(crate::last_updated())
        .ordering(&[
            ("device_type", false),
            ("module_type", false),
            ("_name", false),
        ])
        .no_display_url()
        .brief(&["name", "description"]),
        Model::new(
            "dcim",
            "coolingoutflow",
            "CoolingOutflow",
            "dcim/cooling-outflows",
            "dcim_coolingoutflow",
        )
        .verbose("cooling outflow", "cooling outflows")
        .search(DEVICE_COMPONENT)
        .fields(component())
        .field(Field::choice("type", COOLING_PORT_TYPE).nullable())
        .field(Field::float("diameter").nullable())
        .field(Field::choice("diameter_unit", DIAMETER_UNIT).nullable())
        .field(Field::fk("cooling_intake", "dcim.coolingintake").slug_attr(None))
        .field(Field::text("description", 200))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .fields(tags_cf_times())
        .nested(&["display_url", "device", "name"])
        .ordering(&[("device", false), ("_name", false)])
        .unique_together(
            &["device", "name"],
            "Cooling outflow with this Device and Name already exists.",
        )
        .brief(&["device", "name", "description"]),
        Model::new(
            "dcim",
            "coolingsource",
            "CoolingSource",
            "dcim/cooling-sources",
            "dcim_coolingsource",
        )
        .verbose("cooling source", "cooling sources")
        .search(&[
            "name__icontains",
            "description__icontains",
            "comments__icontains",
        ])
        .field(
            Field::fk("site", "dcim.site")
                .on_delete(OnDelete::Protect)
                .required()
                .not_null(),
        )
        .field(Field::fk("location", "dcim.location"))
        .field(Field::text("name", 100).required())
        .field(Field::choice("type", COOLINGSOURCE_TYPE).required())
        .field(Field::choice("status", COOLING_STATUS).default_str("active"))
        .field(Field::choice("fluid_type", FLUID_TYPE).nullable())
        .field(Field::float("cooling_capacity").nullable())
        .field(Field::text("description", 200))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .field(Field::tags())
        .field(Field::custom_fields())
        .field(Field::count(
            "coolingfeed_count",
            "dcim.coolingfeed",
            "cooling_source",
        ))
        .field(crate::created())
        .field(crate::last_updated())
        .ordering(&[("name", false)])
        .brief(&["name", "description"])
        .brief_extra(&["coolingfeed_count"]),
        Model::new(
            "dcim",
            "devicebaytemplate",
            "DeviceBayTemplate",
            "dcim/device-bay-templates",
            "dcim_devicebaytemplate",
        )
        .verbose("device bay template", "device bay templates")
        .search(DEVICE_TYPE_COMPONENT)
        .field(
            Field::fk("device_type", "dcim.devicetype")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade)
                .required()
                .not_null(),
        )
        .field(Field::text("name", 64).required())
        .field(Field::text("_name", 100).hidden())
        .field(Field::text("label", 64))
        .field(Field::boolean("enabled").default(serde_json::Value::Bool(true)))
        .field(Field::text("description", 200))
        .field(crate::created())
        .field(crate::last_updated())
        .ordering(&[("device_type", false), ("_name", false)])
        .no_display_url()
        .brief(&["name", "enabled", "description"]),
        Model::new(
            "dcim",
            "devicebay",
            "DeviceBay",
            "dcim/device-bays",
            "dcim_devicebay",
        )
        .verbose("device bay", "device bays")
        .search(DEVICE_COMPONENT)
        .field(
            Field::fk("device", "dcim.device")
                .slug_attr(Some("name"))
                .on_delete(OnDelete::Cascade)
                .required()
                .not_null(),
        )
        .field(Field::text("name", 64).required())
        .field(Field::text("_name", 100).hidden())
        .field(Field::text("label", 64))
        .field(Field::boolean("enabled").default(serde_json::Value::Bool(true)))
        .field(Field::text("description", 200))
        .field(
            Field::fk("installed_device", "dcim.device")
                .slug_attr(Some("name"))
                .unique(),
        )
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .fields(tags_cf_times())
        .field(Field::computed("_occupied"))
        .ordering(&[("device", false), ("_name", false)])
        .unique_together(
            &["device", "name"],
            "Device bay with this Device and Name already exists.",
        )
        .brief(&["device", "name", "enabled", "description", "_occupied"]),
        Model::new(
            "dcim",
            "devicerole",
            "DeviceRole",
            "dcim/device-roles",
            "dcim_devicerole",
        )
        .verbose("device role", "device roles")
        .search(crate::NESTED_GROUP)
        .field(Field::text("name", 100).required().unique())
        .field(Field::slug("slug").required().unique())
        .field(Field::text("color", 6))
        .field(
            Field::boolean("vm_role")
                .label("VM role")
                .default(serde_json::Value::Bool(true)),
        )
        .field(Field::fk("config_template", "extras.configtemplate").on_delete(OnDelete::Protect))
        .field(
            Field::fk("parent", "dcim.devicerole")
                .on_delete(OnDelete::Cascade)
                .nested(),
        )
        .field(Field::text("description", 200))
        .fields(tags_cf_times())
        .field(Field::count("device_count", "dcim.device", "role"))
        .field(Field::count(
            "virtualmachine_count",
            "virtualization.virtualmachine",
            "role",
        ))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .field(Field::computed("_depth").meta_type("integer"))
        .nested(&["display_url", "name"])
        .tree("parent")
        .ordering(&[("name", false)])
        .brief(&[
            "name",
            "slug",
            "description",
            "device_count",
            "virtualmachine_count",
            "_depth",
        ]),
        Model::new(
            "dcim",
            "devicetype",
            "DeviceType",
            "dcim/device-types",
            "dcim_devicetype",
        )
        .verbose("device type", "device types")
        .search(&[
            "manufacturer__name__icontains",
            "model__icontains",
            "part_number__icontains",
            "description__icontains",
            "comments__icontains",
        ])
        .field(
            Field::fk("manufacturer", "dcim.manufacturer")
                .on_delete(OnDelete::Protect)
                .required()
                .not_null(),
        )
        .field(Field::fk("default_platform", "dcim.platform"))
        .field(Field::text("model", 100).required())
        .field(Field::slug("slug").required())
        .field(Field::text("part_number", 50))
        .field(
            Field::float("u_height")
                .label("Position (U)")
                .default(serde_json::json!(1.0)),
        )
        .field(Field::boolean("exclude_from_utilization"))
        .field(Field::boolean("is_full_depth").default(serde_json::Value::Bool(true)))
        .field(Field::choice("subdevice_role", SUBDEVICE_ROLE).nullable())
        .field(Field::choice("airflow", AIRFLOW).nullable())
        .field(Field::choice("cooling_method", COOLING_METHOD).nullable())
        .field(Field::float("weight").nullable())
        .field(Field::choice("weight_unit", WEIGHT_UNIT).nullable())
        .field(Field::date("end_of_life").nullable())
        .field(Field::long_text("front_image").nullable())
        .field(Field::long_text("rear_image").nullable())
        .field(Field::text("description", 200))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .fields(tags_cf_times())
        .field(Field::count("device_count", "dcim.device", "device_type").counter())
        .field(
            Field::count(
                "console_port_template_count",
                "dcim.consoleporttemplate",
                "device_type",
            )
            .meta_type("integer"),
        )
        .field(
            Field::count(
                "console_server_port_template_count",
                "dcim.consoleserverporttemplate",
                "device_type",
            )
            .meta_type("integer"),
        )
        .field(
            Field::count(
                "power_port_template_count",
                "dcim.powerporttemplate",
                "device_type",
            )
            .meta_type("integer"),
        )
        .field(
            Field::count(
                "power_outlet_template_count",
                "dcim.poweroutlettemplate",
                "device_type",
            )
            .meta_type("integer"),
        )
        .field(
            Field::count(
                "cooling_intake_template_count",
                "dcim.coolingintaketemplate",
                "device_type",
            )
            .meta_type("integer"),
        )
        .field(
            Field::count(
                "cooling_outflow_template_count",
                "dcim.coolingoutflowtemplate",
                "device_type",
            )
            .meta_type("integer"),
        )
        .field(
            Field::count(
                "interface_template_count",
                "dcim.interfacetemplate",
                "device_type",
            )
            .meta_type("integer"),
        )
        .field(
            Field::count(
                "front_port_template_count",
                "dcim.frontporttemplate",
                "device_type",
            )
            .meta_type("integer"),
        )
        .field(
            Field::count(
                "rear_port_template_count",
                "dcim.rearporttemplate",
                "device_type",
            )
            .meta_type("integer"),
        )
        .field(
            Field::count(
                "device_bay_template_count",
                "dcim.devicebaytemplate",
                "device_type",
            )
            .meta_type("integer"),
        )
        .field(
            Field::count(
                "module_bay_template_count",
                "dcim.modulebaytemplate",
                "device_type",
            )
            .meta_type("integer"),
        )
        .field(
            Field::count(
                "inventory_item_template_count",
                "dcim.inventoryitemtemplate",
                "device_type",
            )
            .meta_type("integer"),
        )
        .display(d_devicetype)
        .ordering(&[("manufacturer", false), ("model", false)])
        .brief(&[
            "manufacturer",
            "model",
            "slug",
            "description",
            "device_count",
        ]),
        Model::new("dcim", "device", "Device", "dcim/devices", "dcim_device")
            .verbose("device", "devices")
            .search(&[
                "name__icontains",
                "virtual_chassis__name__icontains",
                "serial__icontains",
                "asset_tag__icontains",
                "description__icontains",
                "comments__icontains",
                "primary_ip4__address__host__inet",
                "primary_ip6__address__host__inet",
            ])
            .field(Field::text("name", 64).iexact().nullable())
            .field(Field::text("_name", 100).hidden())
            .field(
                Field::fk("device_type", "dcim.devicetype")
                    .on_delete(OnDelete::Protect)
                    .required()
                    .not_null(),
            )
            .field(
                Field::fk("role", "dcim.devicerole")
                    .on_delete(OnDelete::Protect)
                    .required()
                    .not_null(),
            )
            .field(Field::fk("tenant", "tenancy.tenant").on_delete(OnDelete::Protect))
            .field(Field::fk("platform", "dcim.platform"))
            .field(Field::text("serial", 50).iexact())
            .field(Field::text("asset_tag", 50).nullable())
            .field(
                Field::fk("site", "dcim.site")
                    .on_delete(OnDelete::Protect)
                    .required()
                    .not_null(),
            )
            .field(Field::fk("location", "dcim.location"))
            .field(Field::fk("rack", "dcim.rack").slug_attr(None))
            .field(Field::float("position").label("Position (U)").nullable())
            .field(Field::choice("face", FACE))
            .field(Field::float("latitude").nullable().range(-90.0, 90.0))
            .field(Field::float("longitude").nullable().range(-180.0, 180.0))
            .field(Field::computed("parent_device"))
            .field(Field::choice("status", DEVICE_STATUS).default_str("active"))
            .field(Field::choice("airflow", AIRFLOW))
            .field(Field::choice("cooling_method", COOLING_METHOD).nullable())
            .field(Field::computed("primary_ip").meta_type("nested object"))
            .field(
                Field::fk("primary_ip4", "ipam.ipaddress")
                    .slug_attr(None)
                    .repr(DEVICE_IP),
            )
            .field(
                Field::fk("primary_ip6", "ipam.ipaddress")
                    .slug_attr(None)
                    .repr(DEVICE_IP),
            )
            .field(
                Field::fk("oob_ip", "ipam.ipaddress")
                    .slug_attr(None)
                    .repr(DEVICE_IP),
            )
            .field(Field::fk("cluster", "virtualization.cluster").on_delete(OnDelete::Protect))
            .field(Field::fk("virtual_chassis", "dcim.virtualchassis").slug_attr(None))
            .field(Field::int("vc_position", 0, 255).nullable())
            .field(
                Field::int("vc_priority", 0, 255)
                    .label("VC priority")
                    .nullable(),
            )
            .field(Field::text("description", 200))
            .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
            .field(Field::long_text("comments"))
            .field(
                Field::fk("config_template", "extras.configtemplate").on_delete(OnDelete::Protect),
            )
            .field(Field::computed("config_context"))
            .field(Field::json("local_context_data").nullable())
            .fields(tags_cf_times())
            .field(
                Field::count("console_port_count", "dcim.consoleport", "device")
                    .stored()
                    .meta_type("integer"),
            )
            .field(
                Field::count(
                    "console_server_port_count",
                    "dcim.consoleserverport",
                    "device",
                )
                .stored()
                .meta_type("integer"),
            )
            .field(
                Field::count("power_port_count", "dcim.powerport", "device")
                    .stored()
                    .meta_type("integer"),
            )
            .field(
                Field::count("power_outlet_count", "dcim.poweroutlet", "device")
                    .stored()
                    .meta_type("integer"),
            )
            .field(
                Field::count("cooling_intake_count", "dcim.coolingintake", "device")
                    .stored()
                    .meta_type("integer"),
            )
            .field(
                Field::count("cooling_outflow_count", "dcim.coolingoutflow", "device")
                    .stored()
                    .meta_type("integer"),
            )
            .field(
                Field::count("interface_count", "dcim.interface", "device")
                    .stored()
                    .meta_type("integer"),
            )
            .field(
                Field::count("front_port_count", "dcim.frontport", "device")
                    .stored()
                    .meta_type("integer"),
            )
            .field(
                Field::count("rear_port_count", "dcim.rearport", "device")
                    .stored()
                    .meta_type("integer"),
            )
            .field(
                Field::count("device_bay_count", "dcim.devicebay", "device")
                    .stored()
                    .meta_type("integer"),
            )
            .field(
                Field::count("module_bay_count", "dcim.modulebay", "device")
                    .stored()
                    .meta_type("integer"),
            )
            .field(
                Field::count("inventory_item_count", "dcim.inventoryitem", "device")
                    .stored()
                    .meta_type("integer"),
            )
            .nested(&["display_url", "name"])
            .ordering(&[("_name", false)])
            .display(d_device)
            .unique_together(
                &["virtual_chassis", "vc_position"],
                "Device with this Virtual chassis and VC position already exists.",
            )
            .brief(&["name", "description"]),
        Model::new(
            "dcim",
            "frontporttemplate",
            "FrontPortTemplate",
            "dcim/front-port-templates",
            "dcim_frontporttemplate",
        )
        .verbose("front port template", "front port templates")
        .search(DEVICE_TYPE_COMPONENT)
        .field(
            Field::fk("device_type", "dcim.devicetype")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade),
        )
        .field(
            Field::fk("module_type", "dcim.moduletype")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade),
        )
        .field(Field::text("name", 64).required())
        .field(Field::text("_name", 100).hidden())
        .field(Field::text("label", 64))
        .field(Field::choice("type", PORT_TYPE).required())
        .field(Field::text("color", 6))
        .field(Field::int("positions", 1, 1024).default(serde_json::json!(1)))
        .field(Field::computed("rear_ports").writable())
        .field(Field::text("description", 200))
        .field(crate::created())
        .field(crate::last_updated())
        .ordering(&[
            ("device_type", false),
            ("module_type", false),
            ("_name", false),
        ])
        .no_display_url()
        .brief(&["name", "description"]),
        Model::new(
            "dcim",
            "frontport",
            "FrontPort",
            "dcim/front-ports",
            "dcim_frontport",
        )
        .verbose("front port", "front ports")
        .search(DEVICE_COMPONENT)
        .fields(component())
        .field(Field::choice("type", PORT_TYPE).required())
        .field(Field::text("color", 6))
        .field(Field::int("positions", 1, 1024).default(serde_json::json!(1)))
        .field(Field::computed("rear_ports").writable())
        .field(Field::text("description", 200))
        .fields(cable_end())
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .fields(tags_cf_times())
        .field(Field::computed("_occupied"))
        .ordering(&[("device", false), ("_name", false)])
        .unique_together(
            &["device", "name"],
            "Front port with this Device and Name already exists.",
        )
        .brief(&["device", "name", "description", "cable", "_occupied"]),
        Model::new(
            "dcim",
            "interfacetemplate",
            "InterfaceTemplate",
            "dcim/interface-templates",
            "dcim_interfacetemplate",
        )
        .verbose("interface template", "interface templates")
        .search(DEVICE_TYPE_COMPONENT)
        .field(
            Field::fk("device_type", "dcim.devicetype")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade),
        )
        .field(
            Field::fk("module_type", "dcim.moduletype")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade),
        )
        .field(Field::text("name", 64).required())
        .field(Field::text("_name", 100).hidden())
        .field(Field::text("_name_nat", 100).hidden())
        .field(Field::text("label", 64))
        .field(Field::choice("type", INTERFACE_TYPE).required())
        .field(Field::int("channels", 1, 1024).nullable())
        .field(Field::int("channel_id", 1, 1024).nullable())
        .field(Field::boolean("enabled").default(serde_json::Value::Bool(true)))
        .field(Field::boolean("mgmt_only").label("Management only"))
        .field(Field::text("description", 200))
        .field(
            Field::fk("parent", "dcim.interfacetemplate")
                .slug_attr(None)
                .nested(),
        )
        .field(
            Field::fk("bridge", "dcim.interfacetemplate")
                .slug_attr(None)
                .nested(),
        )
        .field(Field::choice("poe_mode", POE_MODE).nullable())
        .field(Field::choice("poe_type", POE_TYPE).nullable())
        .field(Field::choice("rf_role", RF_ROLE).nullable())
        .field(crate::created())
        .field(crate::last_updated())
        .nested(&["name"])
        .ordering(&[
            ("device_type", false),
            ("module_type", false),
            ("_name", false),
        ])
        .no_display_url()
        .brief(&["name", "description"]),
        Model::new(
            "dcim",
            "interface",
            "Interface",
            "dcim/interfaces",
            "dcim_interface",
        )
        .verbose("interface", "interfaces")
        .search(DEVICE_COMPONENT)
        .field(
            Field::fk("device", "dcim.device")
                .slug_attr(Some("name"))
                .on_delete(OnDelete::Cascade)
                .required()
                .not_null(),
        )
        .field(Field::m2m(
            "vdcs",
            "dcim.virtualdevicecontext",
            "dcim_interface_vdcs",
            "interface_id",
            "virtualdevicecontext_id",
        ))
        .field(
            Field::fk("module", "dcim.module")
                .slug_attr(Some("name"))
                .on_delete(OnDelete::Cascade),
        )
        .field(Field::text("name", 64).required())
        .field(Field::text("_name", 100).hidden())
        .field(Field::text("_name_nat", 100).hidden())
        .field(Field::text("label", 64))
        .field(Field::choice("type", INTERFACE_TYPE).required())
        .field(Field::int("channels", 1, 1024).nullable())
        .field(Field::int("channel_id", 1, 1024).nullable())
        .field(Field::boolean("enabled").default(serde_json::Value::Bool(true)))
        .field(
            Field::fk("parent", "dcim.interface")
                .slug_attr(None)
                .nested(),
        )
        .field(
            Field::fk("bridge", "dcim.interface")
                .slug_attr(None)
                .nested(),
        )
        .field(Field::computed("bridge_interfaces"))
        .field(Field::fk("lag", "dcim.interface").slug_attr(None).nested())
        .field(Field::int("mtu", 1, 65536).label("MTU").nullable())
        .field(
            Field::computed("mac_address")
                .writable()
                .meta_type("string"),
        )
        .field(Field::fk("primary_mac_address", "dcim.macaddress").slug_attr(Some("mac_address")))
        .field(Field::computed("mac_addresses"))
        .field(
            Field::int("speed", 0, i64::MAX)
                .label("Speed (Kbps)")
                .nullable(),
        )
        .field(Field::choice("duplex", DUPLEX).nullable())
        .field(Field::long_text("wwn").nullable())
        .field(Field::boolean("mgmt_only").label("Management only"))
        .field(Field::text("description", 200))
        .field(Field::choice("mode", MODE).nullable())
        .field(Field::choice("rf_role", RF_ROLE).nullable())
        .field(Field::choice("rf_channel", RF_CHANNEL).nullable())
        .field(Field::choice("poe_mode", POE_MODE).nullable())
        .field(Field::choice("poe_type", POE_TYPE).nullable())
        .field(
            Field::float("rf_channel_frequency")
                .label("Channel frequency (MHz)")
                .nullable(),
        )
        .field(
            Field::float("rf_channel_width")
                .label("Channel width (MHz)")
                .nullable(),
        )
        .field(
            Field::int("tx_power", -40, 127)
                .label("Transmit power (dBm)")
                .nullable(),
        )
        .field(Field::fk("untagged_vlan", "ipam.vlan").slug_attr(None))
        .field(Field::m2m(
            "tagged_vlans",
            "ipam.vlan",
            "dcim_interface_tagged_vlans",
            "interface_id",
            "vlan_id",
        ))
        .field(Field::fk("qinq_svlan", "ipam.vlan").slug_attr(None))
        .field(
            Field::fk("vlan_translation_policy", "ipam.vlantranslationpolicy")
                .slug_attr(Some("name")),
        )
        .field(Field::boolean("mark_connected"))
        .field(Field::fk("cable", "dcim.cable").slug_attr(None).read_only())
        .field(
            Field::plain_choice("cable_end", CABLE_END)
                .nullable()
                .read_only(),
        )
        .field(
            Field::fk("wireless_link", "wireless.wirelesslink")
                .nested()
                .read_only(),
        )
        .field(Field::computed("link_peers"))
        .field(Field::computed("link_peers_type"))
        .field(Field::m2m(
            "wireless_lans",
            "wireless.wirelesslan",
            "dcim_interface_wireless_lans",
            "interface_id",
            "wirelesslan_id",
        ))
        .field(Field::fk("vrf", "ipam.vrf").slug_attr(Some("rd")))
        .field(Field::fk("l2vpn_termination", "vpn.l2vpntermination").read_only())
        .field(Field::computed("connected_endpoints"))
        .field(Field::computed("connected_endpoints_type"))
        .field(Field::computed("connected_endpoints_reachable"))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .fields(tags_cf_times())
        .field(Field::computed("count_ipaddresses").meta_type("integer"))
        .field(Field::computed("count_fhrp_groups").meta_type("integer"))
        .field(Field::computed("_occupied"))
        .nested(&["display_url", "device", "name", "cable", "_occupied"])
        .ordering(&[("device", false), ("_name", false)])
        .unique_together(
            &["device", "name"],
            "Interface with this Device and Name already exists.",
        )
        .brief(&["device", "name", "description", "cable", "_occupied"]),
        Model::new(
            "dcim",
            "inventoryitemrole",
            "InventoryItemRole",
            "dcim/inventory-item-roles",
            "dcim_inventoryitemrole",
        )
        .verbose("inventory item role", "inventory item roles")
        .search(crate::ORGANIZATIONAL)
        .field(Field::text("name", 100).required().unique())
        .field(Field::slug("slug").required().unique())
        .field(Field::text("color", 6))
        .field(Field::text("description", 200))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .fields(tags_cf_times())
        .field(Field::count(
            "inventoryitem_count",
            "dcim.inventoryitem",
            "role",
        ))
        .ordering(&[("name", false)])
        .brief(&["name", "slug", "description"])
        .brief_extra(&["inventoryitem_count"]),
        Model::new(
            "dcim",
            "inventoryitemtemplate",
            "InventoryItemTemplate",
            "dcim/inventory-item-templates",
            "dcim_inventoryitemtemplate",
        )
        .verbose("inventory item template", "inventory item templates")
        .search(&[
            "name__icontains",
            "part_id__icontains",
            "description__icontains",
        ])
        .field(
            Field::fk("device_type", "dcim.devicetype")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade)
                .required()
                .not_null(),
        )
        .field(
            Field::fk("parent", "dcim.inventoryitemtemplate")
                .slug_attr(None)
                .flat()
                .on_delete(OnDelete::Cascade),
        )
        .field(Field::text("name", 64).required())
        .field(Field::text("_name", 100).hidden())
        .field(Field::text("label", 64))
        .field(Field::fk("role", "dcim.inventoryitemrole").on_delete(OnDelete::Protect))
        .field(Field::fk("manufacturer", "dcim.manufacturer").on_delete(OnDelete::Protect))
        .field(Field::text("part_id", 50).label("Part ID"))
        .field(Field::text("description", 200))
        .field(Field::object_type("component_type").nullable())
        .field(Field::int("component_id", 0, i64::MAX).nullable())
        .field(Field::generic(
            "component",
            "component_type",
            "component_id",
        ))
        .field(crate::created())
        .field(crate::last_updated())
        .field(Field::computed("_depth").meta_type("integer"))
        .ordering(&[
            ("device_type_id", false),
            ("parent_id", false),
            ("name", false),
        ])
        .tree("parent")
        .no_display_url()
        .brief(&["name", "description", "_depth"]),
        Model::new(
            "dcim",
            "inventoryitem",
            "InventoryItem",
            "dcim/inventory-items",
            "dcim_inventoryitem",
        )
        .verbose("inventory item", "inventory items")
        .search(&[
            "name__icontains",
            "part_id__icontains",
            "serial__icontains",
            "asset_tag__icontains",
            "description__icontains",
        ])
        .field(
            Field::fk("device", "dcim.device")
                .slug_attr(Some("name"))
                .on_delete(OnDelete::Cascade)
                .required()
                .not_null(),
        )
        .field(
            Field::fk("parent", "dcim.inventoryitem")
                .slug_attr(None)
                .flat()
                .on_delete(OnDelete::Cascade),
        )
        .field(Field::text("name", 64).required())
        .field(Field::text("_name", 100).hidden())
        .field(Field::text("label", 64))
        .field(Field::choice("status", INVENTORY_ITEM_STATUS).default_str("active"))
        .field(Field::fk("role", "dcim.inventoryitemrole").on_delete(OnDelete::Protect))
        .field(Field::fk("manufacturer", "dcim.manufacturer").on_delete(OnDelete::Protect))
        .field(Field::text("part_id", 50).label("Part ID"))
        .field(Field::text("serial", 50).iexact())
        .field(Field::text("asset_tag", 50).nullable())
        .field(Field::boolean("discovered"))
        .field(Field::text("description", 200))
        .field(Field::object_type("component_type").nullable())
        .field(Field::int("component_id", 0, i64::MAX).nullable())
        .field(Field::generic(
            "component",
            "component_type",
            "component_id",
        ))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .fields(tags_cf_times())
        .field(Field::computed("_depth").meta_type("integer"))
        .ordering(&[("name", false)])
        .tree("parent")
        .brief(&["device", "name", "description", "_depth"]),
        Model::new(
            "dcim",
            "location",
            "Location",
            "dcim/locations",
            "dcim_location",
        )
        .verbose("location", "locations")
        .search(&[
            "name__icontains",
            "slug__icontains",
            "description__icontains",
            "comments__icontains",
            "facility__icontains",
        ])
        .field(Field::text("name", 100).required())
        .field(Field::slug("slug").required())
        .field(
            Field::fk("site", "dcim.site")
                .on_delete(OnDelete::Cascade)
                .required()
                .not_null(),
        )
        .field(
            Field::fk("parent", "dcim.location")
                .on_delete(OnDelete::Cascade)
                .nested(),
        )
        .field(Field::choice("status", LOCATION_STATUS).default_str("active"))
        .field(Field::fk("tenant", "tenancy.tenant").on_delete(OnDelete::Protect))
        .field(Field::text("facility", 50))
        .field(Field::text("description", 200))
        .fields(tags_cf_times())
        .field(Field::count("rack_count", "dcim.rack", "location"))
        .field(Field::count("device_count", "dcim.device", "location"))
        .field(Field::count("prefix_count", "ipam.prefix", "_location").direct())
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .field(Field::computed("_depth").meta_type("integer"))
        .nested(&["display_url", "name", "slug", "_depth"])
        .tree("parent")
        .ordering(&[("name", false)])
        .brief(&["name", "slug", "description", "rack_count", "_depth"]),
        Model::new(
            "dcim",
            "macaddress",
            "MACAddress",
            "dcim/mac-addresses",
            "dcim_macaddress",
        )
        .verbose("MAC address", "MAC addresses")
        .search(&["mac_address__icontains", "description__icontains"])
        .field(
            Field::text("mac_address", 17)
                .label("MAC address")
                .required(),
        )
        .field(Field::object_type("assigned_object_type").nullable())
        .field(Field::int("assigned_object_id", 0, i64::MAX).nullable())
        .field(
            Field::generic(
                "assigned_object",
                "assigned_object_type",
                "assigned_object_id",
            )
            .cascade(),
        )
        .field(Field::computed("is_primary").meta_type("boolean"))
        .field(Field::text("description", 200))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .fields(tags_cf_times())
        .display(d_mac)
        .ordering(&[("mac_address", false)])
        .brief(&["mac_address", "description"]),
        Model::new(
            "dcim",
            "manufacturer",
            "Manufacturer",
            "dcim/manufacturers",
            "dcim_manufacturer",
        )
        .verbose("manufacturer", "manufacturers")
        .search(crate::ORGANIZATIONAL)
        .field(Field::text("name", 100).required().unique())
        .field(Field::slug("slug").required().unique())
        .field(Field::text("description", 200))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .fields(tags_cf_times())
        .field(Field::count(
            "devicetype_count",
            "dcim.devicetype",
            "manufacturer",
        ))
        .field(Field::count(
            "moduletype_count",
            "dcim.moduletype",
            "manufacturer",
        ))
        .field(Field::count(
            "inventoryitem_count",
            "dcim.inventoryitem",
            "manufacturer",
        ))
        .field(Field::count(
            "platform_count",
            "dcim.platform",
            "manufacturer",
        ))
        .ordering(&[("name", false)])
        .brief(&["name", "slug", "description"]),
        Model::new(
            "dcim",
            "modulebaytemplate",
            "ModuleBayTemplate",
            "dcim/module-bay-templates",
            "dcim_modulebaytemplate",
        )
        .verbose("module bay template", "module bay templates")
        .search(DEVICE_TYPE_COMPONENT)
        .field(
            Field::fk("device_type", "dcim.devicetype")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade),
        )
        .field(
            Field::fk("module_type", "dcim.moduletype")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade),
        )
        .field(Field::text("name", 64).required())
        .field(Field::text("_name", 100).hidden())
        .field(Field::text("label", 64))
        .field(Field::text("position", 30))
        .field(Field::boolean("enabled").default(serde_json::Value::Bool(true)))
        .field(Field::text("description", 200))
        .field(Field::m2m(
            "module_bay_types",
            "dcim.modulebaytype",
            "dcim_modulebaytemplate_module_bay_types",
            "modulebaytemplate_id",
            "modulebaytype_id",
        ))
        .field(crate::created())
        .field(crate::last_updated())
        .ordering(&[
            ("device_type", false),
            ("module_type", false),
            ("_name", false),
        ])
        .no_display_url()
        .brief(&["name", "enabled", "description"]),
        Model::new(
            "dcim",
            "modulebaytype",
            "ModuleBayType",
            "dcim/module-bay-types",
            "dcim_modulebaytype",
        )
        .verbose("module bay type", "module bay types")
        .search(&[
            "name__icontains",
            "slug__icontains",
            "description__icontains",
            "comments__icontains",
        ])
        .field(Field::text("name", 100).required())
        .field(Field::slug("slug").required())
        .field(Field::fk("manufacturer", "dcim.manufacturer").on_delete(OnDelete::Protect))
        .field(Field::text("color", 6))
        .field(Field::text("description", 200))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .fields(tags_cf_times())
        .ordering(&[("name", false)])
        .brief(&["name", "slug", "manufacturer", "color", "description"]),
        Model::new(
            "dcim",
            "modulebay",
            "ModuleBay",
            "dcim/module-bays",
            "dcim_modulebay",
        )
        .verbose("module bay", "module bays")
        .search(DEVICE_COMPONENT)
        .fields(component())
        .field(Field::text("position", 30))
        .field(Field::boolean("enabled").default(serde_json::Value::Bool(true)))
        .field(Field::text("description", 200))
        .field(Field::m2m(
            "module_bay_types",
            "dcim.modulebaytype",
            "dcim_modulebay_module_bay_types",
            "modulebay_id",
            "modulebaytype_id",
        ))
        .field(Field::computed("installed_module").meta_type("nested object"))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .fields(tags_cf_times())
        .field(Field::computed("_occupied"))
        .field(Field::computed("is_module_compatible").meta_type("boolean"))
        .nested(&["display_url", "name"])
        .ordering(&[("name", false)])
        .unique_together(
            &["device", "name"],
            "Module bay with this Device and Name already exists.",
        )
        .brief(&[
            "installed_module",
            "name",
            "enabled",
            "description",
            "_occupied",
        ]),
        Model::new(
            "dcim",
            "moduletypeprofile",
            "ModuleTypeProfile",
            "dcim/module-type-profiles",
            "dcim_moduletypeprofile",
        )
        .verbose("module type profile", "module type profiles")
        .search(&[
            "name__icontains",
            "description__icontains",
            "comments__icontains",
        ])
        .field(Field::text("name", 100).required())
        .field(Field::text("description", 200))
        .field(Field::computed("schema"))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .fields(tags_cf_times())
        .ordering(&[("name", false)])
        .brief(&["name", "description"]),
        Model::new(
            "dcim",
            "moduletype",
            "ModuleType",
            "dcim/module-types",
            "dcim_moduletype",
        )
        .verbose("module type", "module types")
        .search(&[
            "manufacturer__name__icontains",
            "model__icontains",
            "part_number__icontains",
            "description__icontains",
            "comments__icontains",
        ])
        .field(
            Field::fk("profile", "dcim.moduletypeprofile")
                .slug_attr(None)
                .on_delete(OnDelete::Protect),
        )
        .field(
            Field::fk("manufacturer", "dcim.manufacturer")
                .on_delete(OnDelete::Protect)
                .required()
                .not_null(),
        )
        .field(Field::text("model", 100).required())
        .field(Field::text("part_number", 50))
        .field(Field::choice("airflow", MODULETYPE_AIRFLOW).nullable())
        .field(Field::choice("cooling_method", COOLING_METHOD).nullable())
        .field(Field::float("weight").nullable())
        .field(Field::choice("weight_unit", WEIGHT_UNIT).nullable())
        .field(Field::date("end_of_life").nullable())
        .field(Field::text("description", 200))
        .field(Field::computed("attributes"))
        .field(Field::m2m(
            "module_bay_types",
            "dcim.modulebaytype",
            "dcim_moduletype_module_bay_types",
            "moduletype_id",
            "modulebaytype_id",
        ))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .fields(tags_cf_times())
        .field(Field::count("module_count", "dcim.module", "module_type").counter())
        .field(Field::count(
            "console_port_template_count",
            "dcim.consoleporttemplate",
            "module_type",
        ))
        .field(Field::count(
            "console_server_port_template_count",
            "dcim.consoleserverporttemplate",
            "module_type",
        ))
        .field(Field::count(
            "power_port_template_count",
            "dcim.powerporttemplate",
            "module_type",
        ))
        .field(Field::count(
            "power_outlet_template_count",
            "dcim.poweroutlettemplate",
            "module_type",
        ))
        .field(Field::count(
            "cooling_intake_template_count",
            "dcim.coolingintaketemplate",
            "module_type",
        ))
        .field(Field::count(
            "cooling_outflow_template_count",
            "dcim.coolingoutflowtemplate",
            "module_type",
        ))
        .field(Field::count(
            "interface_template_count",
            "dcim.interfacetemplate",
            "module_type",
        ))
        .field(Field::count(
            "front_port_template_count",
            "dcim.frontporttemplate",
            "module_type",
        ))
        .field(Field::count(
            "rear_port_template_count",
            "dcim.rearporttemplate",
            "module_type",
        ))
        .field(Field::count(
            "module_bay_template_count",
            "dcim.modulebaytemplate",
            "module_type",
        ))
        .display(d_devicetype)
        .ordering(&[("manufacturer", false), ("model", false)])
        .brief(&[
            "profile",
            "manufacturer",
            "model",
            "description",
            "module_count",
        ]),
        Model::new("dcim", "module", "Module", "dcim/modules", "dcim_module")
            .verbose("module", "modules")
            .search(&[
                "device__name__icontains",
                "serial__icontains",
                "asset_tag__icontains",
                "description__icontains",
                "comments__icontains",
            ])
            .field(
                Field::fk("device", "dcim.device")
                    .slug_attr(Some("name"))
                    .on_delete(OnDelete::Cascade)
                    .required()
                    .not_null(),
            )
            .field(
                Field::fk("module_bay", "dcim.modulebay")
                    .slug_attr(None)
                    .on_delete(OnDelete::Cascade)
                    .nested()
                    .unique()
                    .required()
                    .not_null(),
            )
            .field(
                Field::fk("module_type", "dcim.moduletype")
                    .slug_attr(None)
                    .on_delete(OnDelete::Protect)
                    .required()
                    .not_null(),
            )
            .field(Field::choice("status", INVENTORY_ITEM_STATUS).default_str("active"))
            .field(Field::text("serial", 50).iexact())
            .field(Field::text("asset_tag", 50).nullable())
            .field(Field::text("description", 200))
            .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
            .field(Field::long_text("comments"))
            .fields(tags_cf_times())
            .field(Field::computed("is_bay_compatible").meta_type("boolean"))
            .display(d_module)
            .ordering(&[("device", false), ("module_bay", false)])
            .brief(&["device", "module_bay"])
            .brief_extra(&["module_type", "description"]),
        Model::new(
            "dcim",
            "platform",
            "Platform",
            "dcim/platforms",
            "dcim_platform",
        )
        .verbose("platform", "platforms")
        .search(crate::NESTED_GROUP)
        .field(
            Field::fk("parent", "dcim.platform")
                .on_delete(OnDelete::Cascade)
                .nested(),
        )
        .field(Field::text("name", 100).required().unique())
        .field(Field::slug("slug").required().unique())
        .field(Field::fk("manufacturer", "dcim.manufacturer").on_delete(OnDelete::Protect))
        .field(Field::fk("config_template", "extras.configtemplate").on_delete(OnDelete::Protect))
        .field(Field::text("description", 200))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .fields(tags_cf_times())
        .field(Field::count("device_count", "dcim.device", "platform"))
        .field(Field::count(
            "virtualmachine_count",
            "virtualization.virtualmachine",
            "platform",
        ))
        .field(Field::computed("_depth").meta_type("integer"))
        .nested(&["display_url", "name"])
        .tree("parent")
        .ordering(&[("name", false)])
        .brief(&[
            "name",
            "slug",
            "description",
            "device_count",
            "virtualmachine_count",
            "_depth",
        ]),
        Model::new(
            "dcim",
            "powerfeed",
            "PowerFeed",
            "dcim/power-feeds",
            "dcim_powerfeed",
        )
        .verbose("power feed", "power feeds")
        .search(&[
            "name__icontains",
            "description__icontains",
            "power_panel__name__icontains",
            "comments__icontains",
        ])
        .field(
            Field::fk("power_panel", "dcim.powerpanel")
                .slug_attr(None)
                .on_delete(OnDelete::Protect)
                .required()
                .not_null(),
        )
        .field(Field::fk("rack", "dcim.rack").slug_attr(None))
        .field(Field::text("name", 100).required())
        .field(Field::choice("status", COOLING_STATUS).default_str("active"))
        .field(Field::choice("type", POWERFEED_TYPE).default_str("primary"))
        .field(Field::choice("supply", SUPPLY).default_str("ac"))
        .field(Field::choice("phase", PHASE).default_str("single-phase"))
        .field(Field::int("voltage", -32768, 32767).default(serde_json::json!(120)))
        .field(Field::int("amperage", 1, 32767).default(serde_json::json!(15)))
        .field(Field::int("max_utilization", 1, 100).default(serde_json::json!(80)))
        .fields(cable_end())
        .fields(path_end())
        .field(Field::text("description", 200))
        .field(Field::fk("tenant", "tenancy.tenant").on_delete(OnDelete::Protect))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .fields(tags_cf_times())
        .field(Field::computed("_occupied"))
        .brief(&["name", "cable", "description", "_occupied"]),
        Model::new(
            "dcim",
            "poweroutlettemplate",
            "PowerOutletTemplate",
            "dcim/power-outlet-templates",
            "dcim_poweroutlettemplate",
        )
        .verbose("power outlet template", "power outlet templates")
        .search(DEVICE_TYPE_COMPONENT)
        .field(
            Field::fk("device_type", "dcim.devicetype")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade),
        )
        .field(
            Field::fk("module_type", "dcim.moduletype")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade),
        )
        .field(Field::text("name", 64).required())
        .field(Field::text("_name", 100).hidden())
        .field(Field::text("label", 64))
        .field(Field::choice("type", POWER_OUTLET_TYPE).nullable())
        .field(Field::text("color", 6))
        .field(Field::fk("power_port", "dcim.powerporttemplate").slug_attr(None))
        .field(Field::choice("feed_leg", FEED_LEG).nullable())
        .field(Field::text("description", 200))
        .field(crate::created())
        .field(crate::last_updated())
        .ordering(&[
            ("device_type", false),
            ("module_type", false),
            ("_name", false),
        ])
        .no_display_url()
        .brief(&["name", "description"]),
        Model::new(
            "dcim",
            "poweroutlet",
            "PowerOutlet",
            "dcim/power-outlets",
            "dcim_poweroutlet",
        )
        .verbose("power outlet", "power outlets")
        .search(DEVICE_COMPONENT)
        .fields(component())
        .field(Field::choice("type", POWER_OUTLET_TYPE).nullable())
        .field(Field::choice("status", POWEROUTLET_STATUS).default_str("enabled"))
        .field(Field::text("color", 6))
        .field(Field::fk("power_port", "dcim.powerport").slug_attr(None))
        .field(Field::choice("feed_leg", FEED_LEG).nullable())
        .field(Field::text("description", 200))
        .fields(cable_end())
        .fields(path_end())
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .fields(tags_cf_times())
        .field(Field::computed("_occupied"))
        .ordering(&[("device", false), ("_name", false)])
        .unique_together(
            &["device", "name"],
            "Power outlet with this Device and Name already exists.",
        )
        .brief(&["device", "name", "description", "cable", "_occupied"]),
        Model::new(
            "dcim",
            "powerpanel",
            "PowerPanel",
            "dcim/power-panels",
            "dcim_powerpanel",
        )
        .verbose("power panel", "power panels")
        .search(&["name__icontains", "description__icontains"])
        .field(
            Field::fk("site", "dcim.site")
                .on_delete(OnDelete::Protect)
                .required()
                .not_null(),
        )
        .field(Field::fk("location", "dcim.location").slug_attr(None))
        .field(Field::text("name", 100).required())
        .field(Field::text("description", 200))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .field(Field::tags())
        .field(Field::custom_fields())
        .field(Field::count(
            "powerfeed_count",
            "dcim.powerfeed",
            "power_panel",
        ))
        .field(crate::created())
        .field(crate::last_updated())
        .ordering(&[("name", false)])
        .brief(&["name", "description"])
        .brief_extra(&["powerfeed_count"]),
        Model::new(
            "dcim",
            "powerporttemplate",
            "PowerPortTemplate",
            "dcim/power-port-templates",
            "dcim_powerporttemplate",
        )
        .verbose("power port template", "power port templates")
        .search(DEVICE_TYPE_COMPONENT)
        .field(
            Field::fk("device_type", "dcim.devicetype")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade),
        )
        .field(
            Field::fk("module_type", "dcim.moduletype")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade),
        )
        .field(Field::text("name", 64).required())
        .field(Field::text("_name", 100).hidden())
        .field(Field::text("label", 64))
        .field(Field::choice("type", POWER_PORT_TYPE).nullable())
        .field(Field::int("maximum_draw", 1, 2147483647).nullable())
        .field(Field::int("allocated_draw", 1, 2147483647).nullable())
        .field(Field::text("description", 200))
        .field(crate::created())
        .field(crate::last_updated())
        .ordering(&[
            ("device_type", false),
            ("module_type", false),
            ("_name", false),
        ])
        .no_display_url()
        .brief(&["name", "description"]),
        Model::new(
            "dcim",
            "powerport",
            "PowerPort",
            "dcim/power-ports",
            "dcim_powerport",
        )
        .verbose("power port", "power ports")
        .search(DEVICE_COMPONENT)
        .fields(component())
        .field(Field::choice("type", POWER_PORT_TYPE).nullable())
        .field(Field::int("maximum_draw", 1, 2147483647).nullable())
        .field(Field::int("allocated_draw", 1, 2147483647).nullable())
        .field(Field::text("description", 200))
        .fields(cable_end())
        .fields(path_end())
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .fields(tags_cf_times())
        .field(Field::computed("_occupied"))
        .ordering(&[("device", false), ("_name", false)])
        .unique_together(
            &["device", "name"],
            "Power port with this Device and Name already exists.",
        )
        .brief(&["device", "name", "description", "cable", "_occupied"]),
        Model::new(
            "dcim",
            "rackgroup",
            "RackGroup",
            "dcim/rack-groups",
            "dcim_rackgroup",
        )
        .verbose("rack group", "rack groups")
        .search(crate::ORGANIZATIONAL)
        .field(Field::text("name", 100).required())
        .field(Field::slug("slug").required())
        .field(Field::text("description", 200))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .fields(tags_cf_times())
        .field(Field::count("rack_count", "dcim.rack", "group"))
        .ordering(&[("name", false)])
        .brief(&["name", "slug", "description"])
        .brief_extra(&["rack_count"]),
        Model::new(
            "dcim",
            "rackreservation",
            "RackReservation",
            "dcim/rack-reservations",
            "dcim_rackreservation",
        )
        .verbose("rack reservation", "rack reservations")
        .search(&[
            "rack__name__icontains",
            "rack__facility_id__icontains",
            "user__username__icontains",
            "description__icontains",
        ])
        .field(
            Field::fk("rack", "dcim.rack")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade)
                .required()
                .not_null(),
        )
        .field(Field::json("units").required().meta_type("list"))
        .field(Field::computed("unit_count"))
        .field(Field::choice("status", RACKRESERVATION_STATUS).default_str("active"))
        .field(crate::created())
        .field(crate::last_updated())
        .field(
            Field::fk("user", "users.user")
                .slug_attr(Some("username"))
                .on_delete(OnDelete::Protect)
                .required()
                .not_null(),
        )
        .field(Field::fk("tenant", "tenancy.tenant").on_delete(OnDelete::Protect))
        .field(Field::text("description", 200).required())
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .field(Field::tags())
        .field(Field::custom_fields())
        .display(d_reservation)
        .ordering(&[("created", false)])
        .brief(&["status", "user", "description", "units"]),
        Model::new(
            "dcim",
            "rackrole",
            "RackRole",
            "dcim/rack-roles",
            "dcim_rackrole",
        )
        .verbose("rack role", "rack roles")
        .search(crate::ORGANIZATIONAL)
        .field(Field::text("name", 100).required().unique())
        .field(Field::slug("slug").required().unique())
        .field(Field::text("color", 6))
        .field(Field::text("description", 200))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .fields(tags_cf_times())
        .field(Field::count("rack_count", "dcim.rack", "role"))
        .ordering(&[("name", false)])
        .brief(&["name", "slug", "description"])
        .brief_extra(&["rack_count"]),
        Model::new(
            "dcim",
            "racktype",
            "RackType",
            "dcim/rack-types",
            "dcim_racktype",
        )
        .verbose("rack type", "rack types")
        .search(&[
            "model__icontains",
            "description__icontains",
            "comments__icontains",
        ])
        .field(
            Field::fk("manufacturer", "dcim.manufacturer")
                .on_delete(OnDelete::Protect)
                .required()
                .not_null(),
        )
        .field(Field::text("model", 100).required())
        .field(Field::slug("slug").required())
        .field(Field::text("description", 200))
        .field(Field::choice("form_factor", FORM_FACTOR).required())
        .field(Field::int_choice("width", WIDTH).default(serde_json::json!(19)))
        .field(
            Field::int("u_height", 1, 100)
                .label("Height (U)")
                .default(serde_json::json!(42)),
        )
        .field(Field::int("starting_unit", 1, 32767).default(serde_json::json!(1)))
        .field(Field::boolean("desc_units").label("Descending units"))
        .field(Field::int("outer_width", 0, 32767).nullable())
        .field(Field::int("outer_height", 0, 32767).nullable())
        .field(Field::int("outer_depth", 0, 32767).nullable())
        .field(Field::choice("outer_unit", OUTER_UNIT).nullable())
        .field(Field::float("weight").nullable())
        .field(Field::int("max_weight", 0, 2147483647).nullable())
        .field(Field::choice("weight_unit", WEIGHT_UNIT).nullable())
        .field(Field::int("mounting_depth", 0, 32767).nullable())
        .field(Field::choice("cooling_capability", COOLING_CAPABILITY).nullable())
        .field(Field::float("cooling_capacity").nullable())
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .fields(tags_cf_times())
        .field(Field::count("rack_count", "dcim.rack", "rack_type").counter())
        .display(d_model)
        .brief(&["manufacturer", "model", "slug", "description", "rack_count"]),
        Model::new("dcim", "rack", "Rack", "dcim/racks", "dcim_rack")
            .verbose("rack", "racks")
            .search(&[
                "name__icontains",
                "facility_id__icontains",
                "serial__icontains",
                "asset_tag__icontains",
                "description__icontains",
                "comments__icontains",
            ])
            .field(Field::text("name", 100).required())
            .field(Field::text("_name", 100).hidden())
            .field(
                Field::text("facility_id", 50)
                    .label("Facility ID")
                    .nullable(),
            )
            .field(
                Field::fk("site", "dcim.site")
                    .on_delete(OnDelete::Protect)
                    .required()
                    .not_null(),
            )
            .field(Field::fk("location", "dcim.location"))
            .field(Field::fk("group", "dcim.rackgroup"))
            .field(Field::fk("tenant", "tenancy.tenant").on_delete(OnDelete::Protect))
            .field(Field::choice("status", RACK_STATUS).default_str("active"))
            .field(Field::fk("role", "dcim.rackrole").on_delete(OnDelete::Protect))
            .field(Field::text("serial", 50).label("Serial number").iexact())
            .field(Field::text("asset_tag", 50).nullable())
            .field(Field::fk("rack_type", "dcim.racktype").on_delete(OnDelete::Protect))
            .field(Field::choice("form_factor", FORM_FACTOR).nullable())
            .field(Field::int_choice("width", WIDTH).default(serde_json::json!(19)))
            .field(
                Field::int("u_height", 1, 100)
                    .label("Height (U)")
                    .default(serde_json::json!(42)),
            )
            .field(Field::int("starting_unit", 1, 32767).default(serde_json::json!(1)))
            .field(Field::float("weight").nullable())
            .field(Field::int("max_weight", 0, 2147483647).nullable())
            .field(Field::choice("weight_unit", WEIGHT_UNIT).nullable())
            .field(Field::boolean("desc_units").label("Descending units"))
            .field(Field::int("outer_width", 0, 32767).nullable())
            .field(Field::int("outer_height", 0, 32767).nullable())
            .field(Field::int("outer_depth", 0, 32767).nullable())
            .field(Field::choice("outer_unit", OUTER_UNIT).nullable())
            .field(Field::int("mounting_depth", 0, 32767).nullable())
            .field(Field::choice("airflow", RACK_AIRFLOW))
            .field(Field::choice("cooling_capability", COOLING_CAPABILITY).nullable())
            .field(Field::float("cooling_capacity").nullable())
            .field(Field::text("description", 200))
            .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
            .field(Field::long_text("comments"))
            .fields(tags_cf_times())
            .field(Field::count("device_count", "dcim.device", "rack"))
            .field(Field::count("powerfeed_count", "dcim.powerfeed", "rack"))
            .display(d_rack)
            .ordering(&[("site", false), ("location", false), ("_name", false)])
            .brief(&["name", "description"])
            .brief_extra(&["device_count"]),
        Model::new(
            "dcim",
            "rearporttemplate",
            "RearPortTemplate",
            "dcim/rear-port-templates",
            "dcim_rearporttemplate",
        )
        .verbose("rear port template", "rear port templates")
        .search(DEVICE_TYPE_COMPONENT)
        .field(
            Field::fk("device_type", "dcim.devicetype")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade),
        )
        .field(
            Field::fk("module_type", "dcim.moduletype")
                .slug_attr(None)
                .on_delete(OnDelete::Cascade),
        )
        .field(Field::text("name", 64).required())
        .field(Field::text("_name", 100).hidden())
        .field(Field::text("label", 64))
        .field(Field::choice("type", PORT_TYPE).required())
        .field(Field::text("color", 6))
        .field(Field::int("positions", 1, 1024).default(serde_json::json!(1)))
        .field(Field::computed("front_ports").writable())
        .field(Field::text("description", 200))
        .field(crate::created())
        .field(crate::last_updated())
        .ordering(&[
            ("device_type", false),
            ("module_type", false),
            ("_name", false),
        ])
        .no_display_url()
        .brief(&["name", "description"]),
        Model::new(
            "dcim",
            "rearport",
            "RearPort",
            "dcim/rear-ports",
            "dcim_rearport",
        )
        .verbose("rear port", "rear ports")
        .search(DEVICE_COMPONENT)
        .fields(component())
        .field(Field::choice("type", PORT_TYPE).required())
        .field(Field::text("color", 6))
        .field(Field::int("positions", 1, 1024).default(serde_json::json!(1)))
        .field(Field::computed("front_ports").writable())
        .field(Field::text("description", 200))
        .fields(cable_end())
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .fields(tags_cf_times())
        .field(Field::computed("_occupied"))
        .ordering(&[("device", false), ("_name", false)])
        .unique_together(
            &["device", "name"],
            "Rear port with this Device and Name already exists.",
        )
        .brief(&["device", "name", "description", "cable", "_occupied"]),
        Model::new("dcim", "region", "Region", "dcim/regions", "dcim_region")
            .verbose("region", "regions")
            .search(crate::NESTED_GROUP)
            .field(Field::text("name", 100).required().unique())
            .field(Field::slug("slug").required().unique())
            .field(
                Field::fk("parent", "dcim.region")
                    .on_delete(OnDelete::Cascade)
                    .nested(),
            )
            .field(Field::text("description", 200))
            .fields(tags_cf_times())
            .field(Field::count("site_count", "dcim.site", "region"))
            .field(Field::count("prefix_count", "ipam.prefix", "_region").direct())
            .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
            .field(Field::long_text("comments"))
            .field(Field::computed("_depth").meta_type("integer"))
            .nested(&["display_url", "name", "slug", "_depth"])
            .tree("parent")
            .ordering(&[("name", false)])
            .brief(&["name", "slug", "description", "site_count", "_depth"]),
        Model::new(
            "dcim",
            "sitegroup",
            "SiteGroup",
            "dcim/site-groups",
            "dcim_sitegroup",
        )
        .verbose("site group", "site groups")
        .search(crate::NESTED_GROUP)
        .field(Field::text("name", 100).required().unique())
        .field(Field::slug("slug").required().unique())
        .field(
            Field::fk("parent", "dcim.sitegroup")
                .on_delete(OnDelete::Cascade)
                .nested(),
        )
        .field(Field::text("description", 200))
        .fields(tags_cf_times())
        .field(Field::count("site_count", "dcim.site", "group"))
        .field(Field::count("prefix_count", "ipam.prefix", "_site_group").direct())
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .field(Field::computed("_depth").meta_type("integer"))
        .nested(&["display_url", "name", "slug", "_depth"])
        .tree("parent")
        .ordering(&[("name", false)])
        .brief(&["name", "slug", "description", "site_count", "_depth"]),
        Model::new("dcim", "site", "Site", "dcim/sites", "dcim_site")
            .verbose("site", "sites")
            .search(&[
                "name__icontains",
                "facility__icontains",
                "description__icontains",
                "physical_address__icontains",
                "shipping_address__icontains",
                "comments__icontains",
                "asns__asn",
            ])
            .field(Field::text("name", 100).required().unique())
            .field(Field::text("_name", 100).hidden())
            .field(Field::slug("slug").required().unique())
            .field(Field::choice("status", LOCATION_STATUS).default_str("active"))
            .field(Field::fk("region", "dcim.region"))
            .field(Field::fk("group", "dcim.sitegroup"))
            .field(Field::fk("tenant", "tenancy.tenant").on_delete(OnDelete::Protect))
            .field(Field::text("facility", 50))
            .field(Field::long_text("time_zone").nullable())
            .field(Field::text("description", 200))
            .field(Field::text("physical_address", 200))
            .field(Field::text("shipping_address", 200))
            .field(Field::float("latitude").nullable().range(-90.0, 90.0))
            .field(Field::float("longitude").nullable().range(-180.0, 180.0))
            .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
            .field(Field::long_text("comments"))
            .field(Field::m2m(
                "asns",
                "ipam.asn",
                "dcim_site_asns",
                "site_id",
                "asn_id",
            ))
            .fields(tags_cf_times())
            .field(Field::count("circuit_count", "circuits.circuit", "site"))
            .field(Field::count("device_count", "dcim.device", "site"))
            .field(Field::count("prefix_count", "ipam.prefix", "_site"))
            .field(Field::count("rack_count", "dcim.rack", "site"))
            .field(Field::count(
                "virtualmachine_count",
                "virtualization.virtualmachine",
                "site",
            ))
            .field(Field::count("vlan_count", "ipam.vlan", "site"))
            .ordering(&[("_name", false)])
            .brief(&["name", "slug", "description"]),
        Model::new(
            "dcim",
            "virtualchassis",
            "VirtualChassis",
            "dcim/virtual-chassis",
            "dcim_virtualchassis",
        )
        .verbose("virtual chassis", "virtual chassis")
        .search(&[
            "name__icontains",
            "description__icontains",
            "members__name__icontains",
            "domain__icontains",
        ])
        .related("members", "dcim.device", "virtual_chassis")
        .field(Field::text("name", 64).required())
        .field(Field::text("domain", 30))
        .field(
            Field::fk("master", "dcim.device")
                .slug_attr(Some("name"))
                .nested(),
        )
        .field(Field::text("description", 200))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .fields(tags_cf_times())
        .field(Field::count("member_count", "dcim.device", "virtual_chassis").counter())
        .field(Field::computed("members"))
        .ordering(&[("name", false)])
        .brief(&["name", "master", "description", "member_count"]),
        Model::new(
            "dcim",
            "virtualdevicecontext",
            "VirtualDeviceContext",
            "dcim/virtual-device-contexts",
            "dcim_virtualdevicecontext",
        )
        .verbose("virtual device context", "virtual device contexts")
        .search(&["name__icontains", "description__icontains", "identifier"])
        .field(Field::text("name", 64).required())
        .field(
            Field::fk("device", "dcim.device")
                .slug_attr(Some("name"))
                .on_delete(OnDelete::Cascade)
                .required()
                .not_null(),
        )
        .field(Field::int("identifier", 0, 32767).nullable())
        .field(Field::fk("tenant", "tenancy.tenant").on_delete(OnDelete::Protect))
        .field(Field::computed("primary_ip").meta_type("nested object"))
        .field(
            Field::fk("primary_ip4", "ipam.ipaddress")
                .slug_attr(None)
                .repr(DEVICE_IP),
        )
        .field(
            Field::fk("primary_ip6", "ipam.ipaddress")
                .slug_attr(None)
                .repr(DEVICE_IP),
        )
        .field(Field::choice("status", VIRTUALDEVICECONTEXT_STATUS).required())
        .field(Field::text("description", 200))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .fields(tags_cf_times())
        .field(Field::count(
            "interface_count",
            "dcim.interface",
            "virtualdevicecontext",
        ))
        .brief(&["name", "device", "identifier", "description"]),
    ]
}
