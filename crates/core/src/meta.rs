//! The model registry: every NetBox model described once, as data.
//!
//! A [`Model`] lists its fields with their kinds and flags; the store derives columns and SQL from
//! it, the web layer derives serializers, filters, OPTIONS and the OpenAPI document. Nothing here
//! knows about SQL or HTTP.

use crate::value::Value;
use indexmap::IndexMap;
use std::collections::HashMap;

/// What happens to rows pointing at a deleted object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDelete {
    /// Delete the pointing rows too.
    Cascade,
    /// Clear the reference.
    SetNull,
    /// Refuse the delete while references exist.
    Protect,
}

/// A set of choices: `(value, label)` pairs in NetBox's order.
pub type Choices = &'static [(&'static str, &'static str)];
/// Integer choices: `(value, label)`.
pub type IntChoices = &'static [(i64, &'static str)];

/// The physical type of one stored column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    /// BIGINT.
    Int,
    /// BOOLEAN.
    Bool,
    /// DOUBLE PRECISION / REAL.
    Float,
    /// TEXT.
    Text,
    /// BYTEA / BLOB.
    Bytes,
}

/// What kind of data a field holds; decides storage, parsing, rendering and filters.
#[derive(Debug, Clone)]
pub enum Kind {
    /// Free text with a maximum length; empty string when absent.
    Text { max: u32 },
    /// A slug (`^[-a-zA-Z0-9_]+$`), max 100.
    Slug,
    /// An integer within bounds.
    Int { min: i64, max: i64 },
    /// A boolean.
    Bool,
    /// A decimal number.
    Float,
    /// A calendar date (`YYYY-MM-DD`).
    Date,
    /// A timestamp.
    DateTime,
    /// One of a fixed set of string values, rendered `{value, label}`.
    Choice(Choices),
    /// A plain string restricted to choices, rendered as the bare value.
    PlainChoice(Choices),
    /// An integer restricted to choices, rendered `{value, label}` (rack widths, console speeds).
    IntChoice(IntChoices),
    /// A reference to another model; `slug` names the attribute the slug-style filter matches.
    Fk {
        target: &'static str,
        on_delete: OnDelete,
        slug: Option<&'static str>,
    },
    /// Many-to-many through a link table `(table, this_col, other_col)`.
    M2m {
        target: &'static str,
        table: &'static str,
        this_col: &'static str,
        other_col: &'static str,
    },
    /// The object's tags.
    Tags,
    /// Custom field data (a JSON object).
    CustomFields,
    /// An IP network (`10.0.0.0/8`).
    Prefix,
    /// An IP address with mask (`10.0.0.1/24`).
    Interface,
    /// Address family `{value: 4, label: "IPv4"}`, derived from the named IP field.
    Family { source: &'static str },
    /// An object type name such as `dcim.interface`.
    ObjectType,
    /// A generic reference rendered from `type_field` + `id_field`.
    GenericFk {
        type_field: &'static str,
        id_field: &'static str,
    },
    /// A JSON document (lists of ranges, ports, arbitrary data).
    Json,
    /// Number of rows of `model` whose FK `field` points here (read-only).
    Count {
        model: &'static str,
        field: &'static str,
    },
    /// Computed by the service layer when rendering (read-only, not stored).
    Computed,
}

/// One field of a model, as the API names it.
#[derive(Debug, Clone)]
pub struct Field {
    /// The API name.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// The base column name (FKs add `_id`).
    pub col: &'static str,
    /// Must be given on create.
    pub required: bool,
    /// May be null.
    pub nullable: bool,
    /// Ignored on write.
    pub read_only: bool,
    /// Never rendered (passwords).
    pub write_only: bool,
    /// Unique among all rows (case-sensitive).
    pub unique: bool,
    /// Value stored when a create does not give one.
    pub default: Option<serde_json::Value>,
    /// Human label (OPTIONS, UI).
    pub label: &'static str,
    /// An FK rendered as its bare id instead of a nested object.
    pub flat: bool,
    /// An FK rendered with the target's Nested* representation instead of its Brief* one.
    pub nested_repr: bool,
    /// Generates filters.
    pub filter: bool,
    /// A generic reference whose object takes this row with it when deleted (NetBox's generic
    /// relations: an interface's addresses, a device's services).
    pub cascade: bool,
    /// An FK rendered with exactly these fields of the target (after id, url, display).
    pub repr: Option<&'static [&'static str]>,
    /// A count NetBox keeps as a cached counter, so nested objects show it too.
    pub counter: bool,
    /// A count stored in a column of its own, kept by database triggers on the counted table
    /// (migration 0009): read like any column instead of counted per request.
    pub stored: bool,
    /// The message for a duplicate value when it is not "<model> with this <label> already exists."
    pub unique_message: Option<&'static str>,
    /// The plain filter ignores case (NetBox's `lookup_expr='iexact'` filters).
    pub iexact: bool,
    /// The type OPTIONS reports when the kind does not say it (computed fields).
    pub meta_type: Option<&'static str>,
    /// Bounds of a decimal field (NetBox's Min/MaxValueValidator).
    pub float_range: Option<(f64, f64)>,
    /// A count on a tree model that counts the node's own rows only (NetBox's plain
    /// `RelatedObjectCountField`), not its whole subtree.
    pub direct: bool,
}

impl Field {
    fn new(name: &'static str, kind: Kind) -> Self {
        let read_only = matches!(
            kind,
            Kind::Count { .. } | Kind::Computed | Kind::Family { .. } | Kind::GenericFk { .. }
        );
        Field {
            name,
            col: name,
            kind,
            required: false,
            nullable: false,
            read_only,
            write_only: false,
            unique: false,
            default: None,
            label: "",
            flat: false,
            nested_repr: false,
            filter: true,
            cascade: false,
            repr: None,
            counter: false,
            stored: false,
            unique_message: None,
            iexact: false,
            direct: false,
            float_range: None,
            meta_type: None,
        }
    }
    /// Text up to `max` characters.
    pub fn text(name: &'static str, max: u32) -> Self {
        Self::new(name, Kind::Text { max })
    }
    /// Unbounded text (comments).
    pub fn long_text(name: &'static str) -> Self {
        Self::new(name, Kind::Text { max: 0 })
    }
    /// A slug.
    pub fn slug(name: &'static str) -> Self {
        Self::new(name, Kind::Slug)
    }
    /// An integer within bounds.
    pub fn int(name: &'static str, min: i64, max: i64) -> Self {
        Self::new(name, Kind::Int { min, max })
    }
    /// A boolean.
    pub fn boolean(name: &'static str) -> Self {
        Self::new(name, Kind::Bool).default(serde_json::Value::Bool(false))
    }
    /// A decimal.
    pub fn float(name: &'static str) -> Self {
        Self::new(name, Kind::Float)
    }
    /// A date.
    pub fn date(name: &'static str) -> Self {
        Self::new(name, Kind::Date).nullable()
    }
    /// A timestamp.
    pub fn datetime(name: &'static str) -> Self {
        Self::new(name, Kind::DateTime).nullable()
    }
    /// A `{value,label}` choice.
    pub fn choice(name: &'static str, choices: Choices) -> Self {
        Self::new(name, Kind::Choice(choices))
    }
    /// An integer choice.
    pub fn int_choice(name: &'static str, choices: IntChoices) -> Self {
        Self::new(name, Kind::IntChoice(choices))
    }
    /// A plain string restricted to choices.
    pub fn plain_choice(name: &'static str, choices: Choices) -> Self {
        Self::new(name, Kind::PlainChoice(choices))
    }
    /// A nullable foreign key, deleted references cleared.
    pub fn fk(name: &'static str, target: &'static str) -> Self {
        Self::new(
            name,
            Kind::Fk {
                target,
                on_delete: OnDelete::SetNull,
                slug: Some("slug"),
            },
        )
        .nullable()
    }
    /// A many-to-many link.
    pub fn m2m(
        name: &'static str,
        target: &'static str,
        table: &'static str,
        this_col: &'static str,
        other_col: &'static str,
    ) -> Self {
        Self::new(
            name,
            Kind::M2m {
                target,
                table,
                this_col,
                other_col,
            },
        )
    }
    /// Tags.
    pub fn tags() -> Self {
        Self::new("tags", Kind::Tags)
    }
    /// Custom field data.
    pub fn custom_fields() -> Self {
        Self::new("custom_fields", Kind::CustomFields).col("custom_field_data")
    }
    /// A network.
    pub fn prefix(name: &'static str) -> Self {
        Self::new(name, Kind::Prefix)
    }
    /// An address with mask.
    pub fn interface(name: &'static str) -> Self {
        Self::new(name, Kind::Interface)
    }
    /// The address family of an IP field.
    pub fn family(source: &'static str) -> Self {
        Self::new("family", Kind::Family { source })
    }
    /// An object type name.
    pub fn object_type(name: &'static str) -> Self {
        Self::new(name, Kind::ObjectType)
    }
    /// A generic relation rendered from two other fields.
    pub fn generic(name: &'static str, type_field: &'static str, id_field: &'static str) -> Self {
        Self::new(
            name,
            Kind::GenericFk {
                type_field,
                id_field,
            },
        )
        .nullable()
    }
    /// A JSON document.
    pub fn json(name: &'static str) -> Self {
        Self::new(name, Kind::Json)
    }
    /// A reverse count.
    pub fn count(name: &'static str, model: &'static str, field: &'static str) -> Self {
        Self::new(name, Kind::Count { model, field })
    }
    /// A value the service computes.
    pub fn computed(name: &'static str) -> Self {
        Self::new(name, Kind::Computed)
    }

    /// Marks the field required on create.
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }
    /// Allows null.
    pub fn nullable(mut self) -> Self {
        self.nullable = true;
        self
    }
    /// Refuses null (FKs are nullable by default).
    pub fn not_null(mut self) -> Self {
        self.nullable = false;
        self
    }
    /// Ignored on write.
    pub fn read_only(mut self) -> Self {
        self.read_only = true;
        self
    }
    /// Never rendered.
    pub fn write_only(mut self) -> Self {
        self.write_only = true;
        self
    }
    /// Unique among rows.
    pub fn unique(mut self) -> Self {
        self.unique = true;
        self
    }
    /// The type OPTIONS reports for a computed field (`boolean`, `string`, `list`).
    pub fn meta_type(mut self, t: &'static str) -> Self {
        self.meta_type = Some(t);
        self
    }
    /// Bounds of a decimal value.
    pub fn range(mut self, min: f64, max: f64) -> Self {
        self.float_range = Some((min, max));
        self
    }
    /// A count of the node's own rows, not of its subtree.
    pub fn direct(mut self) -> Self {
        self.direct = true;
        self
    }
    /// The plain filter matches regardless of case.
    pub fn iexact(mut self) -> Self {
        self.iexact = true;
        self
    }
    /// Unique, with NetBox's own message for a duplicate.
    pub fn unique_msg(mut self, msg: &'static str) -> Self {
        self.unique = true;
        self.unique_message = Some(msg);
        self
    }
    /// Default on create.
    pub fn default(mut self, v: serde_json::Value) -> Self {
        self.default = Some(v);
        self
    }
    /// Default string on create.
    pub fn default_str(self, v: &str) -> Self {
        self.default(serde_json::Value::String(v.to_string()))
    }
    /// Human label.
    pub fn label(mut self, l: &'static str) -> Self {
        self.label = l;
        self
    }
    /// Renders an FK as its bare id.
    pub fn flat(mut self) -> Self {
        self.flat = true;
        self
    }
    /// Renders an FK with the target's Nested* fields (tree parents, NAT, Q-in-Q).
    pub fn nested(mut self) -> Self {
        self.nested_repr = true;
        self
    }
    /// A computed field that also accepts input (handled by the model's rules).
    pub fn writable(mut self) -> Self {
        self.read_only = false;
        self
    }
    /// Marks a count as a cached counter (shown in nested objects too).
    pub fn counter(mut self) -> Self {
        self.counter = true;
        self
    }
    /// Stores a count in its own column, kept by triggers (which a migration must create).
    pub fn stored(mut self) -> Self {
        self.stored = true;
        self
    }
    /// Renders an FK with the given fields of its target.
    pub fn repr(mut self, fields: &'static [&'static str]) -> Self {
        self.repr = Some(fields);
        self
    }
    /// Marks a generic reference as deleted with the object it points at.
    pub fn cascade(mut self) -> Self {
        self.cascade = true;
        self
    }
    /// Stored but neither rendered nor writable through the generic API (secrets, digests).
    pub fn hidden(mut self) -> Self {
        self.read_only = true;
        self.write_only = true;
        self.filter = false;
        self
    }
    /// True for stored internals the API never shows.
    pub fn is_hidden(&self) -> bool {
        self.read_only && self.write_only
    }
    /// No filters generated.
    pub fn no_filter(mut self) -> Self {
        self.filter = false;
        self
    }
    /// Stored under another column name.
    pub fn col(mut self, c: &'static str) -> Self {
        self.col = c;
        self
    }
    /// Sets the delete behaviour of an FK.
    pub fn on_delete(mut self, od: OnDelete) -> Self {
        if let Kind::Fk { on_delete, .. } = &mut self.kind {
            *on_delete = od;
        }
        self
    }
    /// Names the attribute the slug-style FK filter (`?tenant=acme`) matches; None for none.
    pub fn slug_attr(mut self, attr: Option<&'static str>) -> Self {
        if let Kind::Fk { slug, .. } = &mut self.kind {
            *slug = attr;
        }
        self
    }

    /// The stored columns of this field, in order.
    pub fn columns(&self) -> Vec<(String, ColType)> {
        let c = self.col;
        match &self.kind {
            Kind::Text { .. }
            | Kind::Slug
            | Kind::Date
            | Kind::DateTime
            | Kind::Choice(_)
            | Kind::PlainChoice(_) => {
                vec![(c.to_string(), ColType::Text)]
            }
            Kind::ObjectType | Kind::Json | Kind::CustomFields => {
                vec![(c.to_string(), ColType::Text)]
            }
            Kind::Int { .. } | Kind::IntChoice(_) => vec![(c.to_string(), ColType::Int)],
            Kind::Bool => vec![(c.to_string(), ColType::Bool)],
            Kind::Float => vec![(c.to_string(), ColType::Float)],
            Kind::Fk { .. } => vec![(format!("{c}_id"), ColType::Int)],
            Kind::Prefix => vec![
                (c.to_string(), ColType::Text),
                (format!("{c}_key"), ColType::Bytes),
                (format!("{c}_last"), ColType::Bytes),
                (format!("{c}_len"), ColType::Int),
            ],
            Kind::Interface => vec![
                (c.to_string(), ColType::Text),
                (format!("{c}_key"), ColType::Bytes),
                (format!("{c}_len"), ColType::Int),
            ],
            Kind::Family { .. } => vec![(c.to_string(), ColType::Int)],
            Kind::Count { .. } if self.stored => vec![(c.to_string(), ColType::Int)],
            Kind::M2m { .. }
            | Kind::Tags
            | Kind::GenericFk { .. }
            | Kind::Count { .. }
            | Kind::Computed => vec![],
        }
    }

    /// The main column (FK id column for FKs), if stored.
    pub fn column(&self) -> Option<String> {
        self.columns().into_iter().next().map(|(c, _)| c)
    }

    /// Choices of a choice field.
    pub fn choices(&self) -> Option<Choices> {
        match self.kind {
            Kind::Choice(c) | Kind::PlainChoice(c) => Some(c),
            _ => None,
        }
    }

    /// Every choice of a choice field, text or integer, as its written value and label (empty
    /// for other fields).
    pub fn choice_values(&self) -> Vec<(serde_json::Value, &'static str)> {
        match self.kind {
            Kind::Choice(c) | Kind::PlainChoice(c) => {
                c.iter().map(|(v, l)| ((*v).into(), *l)).collect()
            }
            Kind::IntChoice(c) => c.iter().map(|(v, l)| ((*v).into(), *l)).collect(),
            _ => Vec::new(),
        }
    }
}

/// How one term of a model's `q` compares a field with the search value: the Django lookups
/// NetBox's `FilterSet.search()` methods use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchLookup {
    /// `icontains`: the value anywhere in the text, ignoring case.
    IContains,
    /// `contains`: the value anywhere in the field's text form, case as given (`prefix__contains`
    /// on a network's text, `group_id__contains` on a number's digits).
    Contains,
    /// `istartswith`: the field's text form starts with the value, ignoring case.
    IStartsWith,
    /// No lookup: equality with the value read as the field's type, when it reads as one (text
    /// as given, an integer as Python's `int()` reads it, an address with its mask).
    Exact,
    /// `net_contains_or_equals`: networks containing or equal to the value's network, when the
    /// value parses as one (its host bits cleared, like netaddr's `.cidr`).
    NetContainsOrEquals,
    /// `host__inet`: addresses whose host part is the value's address, masks ignored.
    Host,
}

/// One term of a model's `q`, written as NetBox writes it in `search()`: a path of fields from
/// the model (foreign keys, many-to-many fields and declared reverse relations, then the compared
/// field) and a lookup, e.g. `virtual_chassis__name__icontains`, `asns__asn`,
/// `primary_ip4__address__host__inet`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchTerm {
    /// The lookup as written (`name__icontains`).
    pub spec: &'static str,
    /// Relation hops, then the compared field.
    pub path: Vec<&'static str>,
    /// How the field is compared.
    pub lookup: SearchLookup,
}

impl SearchTerm {
    /// Reads NetBox's spelling of a lookup; a path without a known lookup suffix is `Exact`.
    pub fn parse(spec: &'static str) -> SearchTerm {
        let mut path: Vec<&'static str> = spec.split("__").collect();
        let lookup = match path.as_slice() {
            [.., "host", "inet"] => {
                path.truncate(path.len() - 2);
                SearchLookup::Host
            }
            [.., last] => {
                let l = match *last {
                    "icontains" => Some(SearchLookup::IContains),
                    "contains" => Some(SearchLookup::Contains),
                    "istartswith" => Some(SearchLookup::IStartsWith),
                    "exact" => Some(SearchLookup::Exact),
                    "net_contains_or_equals" => Some(SearchLookup::NetContainsOrEquals),
                    _ => None,
                };
                if l.is_some() {
                    path.pop();
                }
                l.unwrap_or(SearchLookup::Exact)
            }
            [] => SearchLookup::Exact,
        };
        SearchTerm { spec, path, lookup }
    }
}

/// A relation NetBox reaches from the other side of a foreign key, by its related name
/// (`members` of a virtual chassis: the devices whose `virtual_chassis` points at it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Related {
    /// The related name (`members`).
    pub name: &'static str,
    /// The model holding the foreign key (`dcim.device`).
    pub model: &'static str,
    /// Its foreign-key field (`virtual_chassis`).
    pub field: &'static str,
}

/// One step of a resolved `q` path, from the model before it.
#[derive(Debug, Clone)]
pub enum SearchHop<'a> {
    /// A foreign key of the model (its id column) to `target`.
    Fk {
        /// The FK's id column (`virtual_chassis_id`).
        col: String,
        /// The referenced model.
        target: &'a Model,
    },
    /// A many-to-many field through its link table.
    M2m {
        /// Link table.
        table: &'a str,
        /// Link column pointing at the model.
        this_col: &'a str,
        /// Link column pointing at `target`.
        other_col: &'a str,
        /// The linked model.
        target: &'a Model,
    },
    /// A reverse relation: rows of `source` whose FK column `col` points at the model.
    Reverse {
        /// The model holding the foreign key.
        source: &'a Model,
        /// Its FK id column.
        col: String,
    },
}

/// A `q` term resolved against the registry: the hops to the compared field's model, the field.
#[derive(Debug, Clone)]
pub struct SearchPath<'a> {
    /// Steps from the searched model, in order.
    pub hops: Vec<SearchHop<'a>>,
    /// The model holding the compared field (the searched model when there are no hops).
    pub model: &'a Model,
    /// The compared field.
    pub field: &'a Field,
}

/// Fields whose values must not repeat together, with NetBox's message.
#[derive(Debug, Clone)]
pub struct UniqueTogether {
    /// Field names.
    pub fields: Vec<&'static str>,
    /// The `__all__` message.
    pub msg: &'static str,
    /// Whether NULL counts as a value (no group = one global group).
    pub nulls_equal: bool,
}

/// A stored row: id plus columns by name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// Primary key.
    pub id: i64,
    /// Column values by column name. The names are shared by every row of one query (a
    /// reference count, not a string per column per row) and hashed with FxHash: a page of
    /// 1,000 rows of 50 columns is read and rendered many times over per request.
    pub cols: RowCols,
}

/// The columns of a [`Row`].
pub type RowCols =
    IndexMap<std::sync::Arc<str>, Value, std::hash::BuildHasherDefault<rustc_hash::FxHasher>>;

impl Row {
    /// The value of a column (Null when absent).
    pub fn get(&self, col: &str) -> &Value {
        static NULL: Value = Value::Null;
        self.cols.get(col).unwrap_or(&NULL)
    }
    /// A text column, "" when null.
    pub fn text(&self, col: &str) -> &str {
        self.get(col).as_str().unwrap_or("")
    }
    /// An integer column.
    pub fn int(&self, col: &str) -> Option<i64> {
        self.get(col).as_i64()
    }
    /// A numeric column as a float.
    pub fn float(&self, col: &str) -> Option<f64> {
        match self.get(col) {
            Value::Float(f) => Some(*f),
            Value::Int(i) => Some(*i as f64),
            _ => None,
        }
    }
}

/// How a model renders its `display` string.
pub type DisplayFn = fn(&Row) -> String;

/// One model.
#[derive(Debug, Clone)]
pub struct Model {
    /// App label (`ipam`).
    pub app: &'static str,
    /// Model name, lower case (`prefix`, `vlangroup`).
    pub model: &'static str,
    /// Class name for messages (`Prefix`, `VLANGroup`).
    pub class: &'static str,
    /// Human name (`prefix`, `VLAN group`).
    pub verbose: &'static str,
    /// Human plural.
    pub verbose_plural: &'static str,
    /// API path below `/api/` (`ipam/prefixes`).
    pub api: &'static str,
    /// Table name.
    pub table: &'static str,
    /// Fields in NetBox's serializer order (id/url/display are implicit).
    pub fields: Vec<Field>,
    /// Brief field names (besides id, url, display).
    pub brief: Vec<&'static str>,
    /// Nested* field names (besides id, url, display; may include `display_url`).
    pub nested: Vec<&'static str>,
    /// Fields `?brief=1` lists add to the Brief* set (NetBox adds counts there).
    pub brief_extra: Vec<&'static str>,
    /// `display` rendering.
    pub display: DisplayFn,
    /// Default ordering as `(field, descending)`; id is always the final tiebreak.
    pub ordering: Vec<(&'static str, bool)>,
    /// Fields of the default ordering whose NULLs sort first (NetBox's `nulls_first=True`);
    /// elsewhere NULLs sort as PostgreSQL sorts them: last ascending, first descending.
    pub nulls_first: Vec<&'static str>,
    /// Whether objects have a UI page (`display_url`).
    pub has_display_url: bool,
    /// Groups of fields that must be unique together, with the message NetBox gives.
    pub unique_together: Vec<UniqueTogether>,
    /// Self-parent field for tree models (regions, tenant groups): enables `_depth` and tree filters.
    pub tree_parent: Option<&'static str>,
    /// Records changes in the change log.
    pub changelog: bool,
    /// Accepts writes through the generic API (false for the change log).
    pub writable: bool,
    /// UI path when it differs from the API path.
    pub ui: &'static str,
    /// What `q` matches: the terms of NetBox's `search()` for the model's filterset, OR'ed. Empty
    /// when NetBox's `q` filters nothing (no `search()`, or none of its own).
    pub search: Vec<SearchTerm>,
    /// Reverse relations `q` paths may follow, by NetBox's related names.
    pub related: Vec<Related>,
}

fn display_name(r: &Row) -> String {
    r.text("name").to_string()
}

impl Model {
    /// A model with the standard trailer fields still to add.
    pub fn new(
        app: &'static str,
        model: &'static str,
        class: &'static str,
        api: &'static str,
        table: &'static str,
    ) -> Self {
        Model {
            app,
            model,
            class,
            verbose: model,
            verbose_plural: model,
            api,
            table,
            fields: Vec::new(),
            brief: Vec::new(),
            nested: Vec::new(),
            brief_extra: Vec::new(),
            display: display_name,
            ordering: vec![("name", false)],
            nulls_first: Vec::new(),
            has_display_url: true,
            unique_together: Vec::new(),
            tree_parent: None,
            changelog: true,
            writable: true,
            ui: api,
            search: Vec::new(),
            related: Vec::new(),
        }
    }
    /// Human names.
    pub fn verbose(mut self, one: &'static str, many: &'static str) -> Self {
        self.verbose = one;
        self.verbose_plural = many;
        self
    }
    /// Adds a field.
    pub fn field(mut self, f: Field) -> Self {
        self.fields.push(f);
        self
    }
    /// Sets the brief fields.
    pub fn brief(mut self, b: &[&'static str]) -> Self {
        self.brief = b.to_vec();
        self
    }
    /// Fields `?brief=1` adds to the brief set.
    pub fn brief_extra(mut self, b: &[&'static str]) -> Self {
        self.brief_extra = b.to_vec();
        self
    }
    /// Sets the Nested* fields.
    pub fn nested(mut self, n: &[&'static str]) -> Self {
        self.nested = n.to_vec();
        self
    }
    /// Sets the display function.
    pub fn display(mut self, d: DisplayFn) -> Self {
        self.display = d;
        self
    }
    /// Sets the default ordering.
    pub fn ordering(mut self, o: &[(&'static str, bool)]) -> Self {
        self.ordering = o.to_vec();
        self
    }
    /// Fields of the default ordering whose NULLs come first.
    pub fn nulls_first(mut self, f: &[&'static str]) -> Self {
        self.nulls_first = f.to_vec();
        self
    }
    /// Adds a unique-together rule.
    pub fn unique_together(mut self, fields: &[&'static str], msg: &'static str) -> Self {
        self.unique_together.push(UniqueTogether {
            fields: fields.to_vec(),
            msg,
            nulls_equal: false,
        });
        self
    }
    /// A unique-together rule in which NULL equals NULL (NetBox's "unique per group, and globally
    /// unique without a group").
    pub fn unique_per(mut self, fields: &[&'static str], msg: &'static str) -> Self {
        self.unique_together.push(UniqueTogether {
            fields: fields.to_vec(),
            msg,
            nulls_equal: true,
        });
        self
    }
    /// Marks a tree model by its parent field.
    pub fn tree(mut self, parent: &'static str) -> Self {
        self.tree_parent = Some(parent);
        self
    }
    /// No UI page.
    pub fn no_display_url(mut self) -> Self {
        self.has_display_url = false;
        self
    }
    /// Not change-logged.
    pub fn no_changelog(mut self) -> Self {
        self.changelog = false;
        self
    }
    /// Read-only through the API.
    pub fn read_only_api(mut self) -> Self {
        self.writable = false;
        self
    }
    /// `app.model`.
    pub fn key(&self) -> String {
        format!("{}.{}", self.app, self.model)
    }
    /// A field by API name.
    pub fn field_named(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
    /// The columns that sort by `(field, descending)` terms (IP fields sort by key then mask
    /// length; unsortable kinds are skipped); `id` always closes the list as the tiebreak.
    pub fn order_columns(&self, terms: &[(String, bool)]) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for (name, desc) in terms {
            if name == "id" {
                out.push(("id".to_string(), *desc));
                continue;
            }
            // Names sort naturally through their hidden `_name` key where the model keeps one.
            let f = match name.as_str() {
                "name" => self
                    .field_named("_name_nat")
                    .or_else(|| self.field_named("_name"))
                    .or_else(|| self.field_named(name)),
                _ => self
                    .field_named(name)
                    .or_else(|| name.strip_suffix("_id").and_then(|b| self.field_named(b))),
            };
            let Some(f) = f else {
                continue;
            };
            match &f.kind {
                Kind::Prefix | Kind::Interface => {
                    out.push((format!("{}_key", f.col), *desc));
                    out.push((format!("{}_len", f.col), *desc));
                }
                Kind::M2m { .. }
                | Kind::Tags
                | Kind::Count { .. }
                | Kind::Computed
                | Kind::GenericFk { .. }
                | Kind::Json
                | Kind::CustomFields => {}
                _ => {
                    if let Some(c) = f.column() {
                        out.push((c, *desc));
                    }
                }
            }
        }
        if !out.iter().any(|(c, _)| c == "id") {
            out.push(("id".to_string(), false));
        }
        out
    }

    /// The default ordering's columns.
    pub fn default_order_columns(&self) -> Vec<(String, bool)> {
        let terms: Vec<(String, bool)> = self
            .ordering
            .iter()
            .map(|(f, d)| (f.to_string(), *d))
            .collect();
        self.order_columns(&terms)
    }

    /// Every stored column except `id`, in order.
    pub fn columns(&self) -> Vec<(String, ColType)> {
        let mut v: Vec<(String, ColType)> = self.fields.iter().flat_map(|f| f.columns()).collect();
        v.dedup_by(|a, b| a.0 == b.0);
        v
    }
    /// Sets the UI path.
    pub fn ui(mut self, ui: &'static str) -> Self {
        self.ui = ui;
        self
    }
    /// Sets what `q` matches: NetBox's lookups of the model's `search()`, as NetBox writes them
    /// (`name__icontains`, `asns__asn`, `prefix__net_contains_or_equals`), OR'ed together.
    pub fn search(mut self, terms: &[&'static str]) -> Self {
        self.search = terms.iter().map(|t| SearchTerm::parse(t)).collect();
        self
    }
    /// Declares a reverse relation `q` paths may follow: `name` reaches the rows of `model`
    /// whose foreign key `field` points here.
    pub fn related(mut self, name: &'static str, model: &'static str, field: &'static str) -> Self {
        self.related.push(Related { name, model, field });
        self
    }
}

/// One key a list sorts by: a column of the model, or of a row reached through foreign keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortKey {
    /// The column (of the last table in `via`, or of the model itself).
    pub col: String,
    /// Descending.
    pub desc: bool,
    /// Where NULLs go: `Some(true)` first, `Some(false)` last, `None` for a column without NULLs.
    pub nulls_first: Option<bool>,
    /// Foreign-key hops from the model: `(target table, FK column of the previous table)`.
    pub via: Vec<(&'static str, String)>,
}

impl SortKey {
    /// A column of the model itself.
    pub fn column(col: &str, desc: bool) -> Self {
        Self::plain(col, desc, &[])
    }
    fn plain(col: &str, desc: bool, via: &[(&'static str, String)]) -> Self {
        SortKey {
            col: col.into(),
            desc,
            nulls_first: None,
            via: via.to_vec(),
        }
    }
}

/// The id column of a foreign-key field (`<col>_id`).
fn fk_col(f: &Field) -> String {
    format!("{}_id", f.col)
}

/// All models, looked up by key (`ipam.prefix`) or API path (`ipam/prefixes`).
#[derive(Debug, Default)]
pub struct Registry {
    models: Vec<Model>,
    by_key: HashMap<String, usize>,
    by_api: HashMap<&'static str, usize>,
}

impl Registry {
    /// Builds a registry from models.
    pub fn new(models: Vec<Model>) -> Self {
        let mut r = Registry::default();
        for m in models {
            r.by_key.insert(m.key(), r.models.len());
            r.by_api.insert(m.api, r.models.len());
            r.models.push(m);
        }
        r
    }
    /// Every foreign key pointing at the model `key`, with the model that holds it.
    pub fn referencing<'a>(&'a self, key: &'a str) -> impl Iterator<Item = (&'a Model, &'a Field)> {
        self.models.iter().flat_map(move |m| {
            m.fields
                .iter()
                .filter(move |f| matches!(&f.kind, Kind::Fk { target, .. } if *target == key))
                .map(move |f| (m, f))
        })
    }

    /// The attribute an FK's by-name filter (`?tenant=acme`) matches: its declared slug
    /// attribute, when the target model has that field. Without one the filter does not exist,
    /// and the parameter is ignored as NetBox ignores parameters it has no filter for (a
    /// client asking power feeds for `power_panel=1` gets every feed, not an error).
    pub fn fk_name_attr(&self, f: &Field) -> Option<&'static str> {
        let Kind::Fk { target, slug, .. } = &f.kind else {
            return None;
        };
        let attr = (*slug)?;
        self.get(target)?.field_named(attr).map(|_| attr)
    }

    /// Resolves one `q` term of `m`: the relation hops its path takes and the compared field,
    /// checking that the lookup applies to that field's kind. An error names what is wrong.
    pub fn search_path<'a>(
        &'a self,
        m: &'a Model,
        term: &SearchTerm,
    ) -> std::result::Result<SearchPath<'a>, String> {
        let Some((last, hops)) = term.path.split_last() else {
            return Err(format!("{}: `{}` names no field", m.key(), term.spec));
        };
        let mut here = m;
        let mut out = Vec::new();
        for name in hops {
            let target = |key: &str| {
                self.get(key)
                    .ok_or_else(|| format!("{}: `{}` reaches {key}, no model", m.key(), term.spec))
            };
            match here.field_named(name).map(|f| (f, &f.kind)) {
                Some((f, Kind::Fk { target: t, .. })) => {
                    let t = target(t)?;
                    out.push(SearchHop::Fk {
                        col: fk_col(f),
                        target: t,
                    });
                    here = t;
                }
                Some((
                    _,
                    Kind::M2m {
                        target: t,
                        table,
                        this_col,
                        other_col,
                    },
                )) => {
                    let t = target(t)?;
                    out.push(SearchHop::M2m {
                        table,
                        this_col,
                        other_col,
                        target: t,
                    });
                    here = t;
                }
                _ => {
                    let Some(rel) = here.related.iter().find(|r| r.name == *name) else {
                        return Err(format!(
                            "{}: `{}`: {} has no relation `{name}`",
                            m.key(),
                            term.spec,
                            here.key()
                        ));
                    };
                    let source = target(rel.model)?;
                    let fk = source
                        .field_named(rel.field)
                        .filter(
                            |f| matches!(&f.kind, Kind::Fk { target, .. } if *target == here.key()),
                        )
                        .ok_or_else(|| {
                            format!(
                                "{}: `{}`: {}.{} is no foreign key to {}",
                                m.key(),
                                term.spec,
                                rel.model,
                                rel.field,
                                here.key()
                            )
                        })?;
                    out.push(SearchHop::Reverse {
                        source,
                        col: fk_col(fk),
                    });
                    here = source;
                }
            }
        }
        let Some(field) = here.field_named(last) else {
            return Err(format!(
                "{}: `{}`: {} has no field `{last}`",
                m.key(),
                term.spec,
                here.key()
            ));
        };
        let fits = match term.lookup {
            SearchLookup::IContains => matches!(
                field.kind,
                Kind::Text { .. } | Kind::Slug | Kind::Choice(_) | Kind::PlainChoice(_)
            ),
            // Text forms that are lower case by construction, so the case-sensitive match is
            // the case-insensitive one of a lower-case value.
            SearchLookup::Contains => matches!(
                field.kind,
                Kind::Prefix | Kind::Interface | Kind::Int { .. }
            ),
            SearchLookup::IStartsWith => matches!(
                field.kind,
                Kind::Text { .. } | Kind::Slug | Kind::Prefix | Kind::Interface
            ),
            SearchLookup::Exact => matches!(
                field.kind,
                Kind::Text { .. } | Kind::Slug | Kind::Int { .. } | Kind::Interface
            ),
            SearchLookup::NetContainsOrEquals => matches!(field.kind, Kind::Prefix),
            SearchLookup::Host => matches!(field.kind, Kind::Interface),
        };
        if !fits {
            return Err(format!(
                "{}: `{}`: {:?} does not apply to {}.{} ({:?})",
                m.key(),
                term.spec,
                term.lookup,
                here.key(),
                field.name,
                field.kind
            ));
        }
        Ok(SearchPath {
            hops: out,
            model: here,
            field,
        })
    }

    /// How a list of `m` sorts by `(field, descending)` terms, as Django sorts a queryset: a
    /// foreign key sorts by the target's own default ordering (through the relation, two levels
    /// deep), then by its id; unknown fields are skipped; `id` closes the list. `default` applies
    /// the model's `nulls_first` fields. An empty `terms` means the default ordering.
    pub fn sort_keys(&self, m: &Model, terms: &[(String, bool)]) -> Vec<SortKey> {
        self.sort_keys_as(m, terms, terms.is_empty())
    }

    /// The sort keys of part of the model's default ordering (terms taken from `m.ordering`),
    /// which keeps the default ordering's own rules (`nulls_first` fields).
    pub fn default_sort_keys(&self, m: &Model, terms: &[(String, bool)]) -> Vec<SortKey> {
        self.sort_keys_as(m, terms, true)
    }

    fn sort_keys_as(&self, m: &Model, terms: &[(String, bool)], default: bool) -> Vec<SortKey> {
        let terms: Vec<(String, bool)> = if terms.is_empty() {
            m.ordering
                .iter()
                .map(|(f, d)| (f.to_string(), *d))
                .collect()
        } else {
            terms.to_vec()
        };
        let mut out = Vec::new();
        self.sort_keys_into(m, &terms, default, &[], 0, &mut out);
        if !out.iter().any(|k| k.via.is_empty() && k.col == "id") {
            out.push(SortKey {
                col: "id".into(),
                desc: terms.last().is_some_and(|t| t.0 == "id" && t.1),
                nulls_first: None,
                via: Vec::new(),
            });
        }
        out
    }

    fn sort_keys_into(
        &self,
        m: &Model,
        terms: &[(String, bool)],
        default: bool,
        via: &[(&'static str, String)],
        depth: usize,
        out: &mut Vec<SortKey>,
    ) {
        for (name, desc) in terms {
            let f = match name.as_str() {
                "id" => {
                    out.push(SortKey::plain("id", *desc, via));
                    continue;
                }
                "name" => m
                    .field_named("_name_nat")
                    .or_else(|| m.field_named("_name"))
                    .or_else(|| m.field_named(name)),
                _ => m.field_named(name),
            };
            // `<fk>_id` sorts by the stored id itself (Django's `device_type__id`).
            if f.is_none()
                && let Some(fk) = name.strip_suffix("_id").and_then(|b| m.field_named(b))
                && matches!(fk.kind, Kind::Fk { .. })
                && let Some(c) = fk.column()
            {
                out.push(SortKey {
                    col: c,
                    desc: *desc,
                    nulls_first: (fk.nullable || !via.is_empty()).then_some(*desc),
                    via: via.to_vec(),
                });
                continue;
            }
            let Some(f) = f else { continue };
            // NULLs: PostgreSQL's defaults unless the model asks for them first.
            let nullable = f.nullable || !via.is_empty();
            let nulls_first = if !nullable {
                None
            } else if default && via.is_empty() && m.nulls_first.contains(&f.name) {
                Some(true)
            } else {
                Some(*desc)
            };
            match &f.kind {
                Kind::Prefix | Kind::Interface => {
                    for c in [format!("{}_key", f.col), format!("{}_len", f.col)] {
                        out.push(SortKey {
                            col: c,
                            desc: *desc,
                            nulls_first,
                            via: via.to_vec(),
                        });
                    }
                }
                // NetBox's `F('vrf').asc(nulls_first=True)` in a default ordering sorts by the
                // stored id, not by the target's ordering (which `?ordering=vrf` follows).
                Kind::Fk { .. } if nulls_first == Some(true) && default && via.is_empty() => {
                    let Some(col) = f.column() else { continue };
                    out.push(SortKey {
                        col,
                        desc: *desc,
                        nulls_first,
                        via: Vec::new(),
                    });
                }
                Kind::Fk { target, .. } if !f.flat && depth < 2 => {
                    let Some(col) = f.column() else { continue };
                    if let Some(t) = self.get(target) {
                        let mut deeper = via.to_vec();
                        deeper.push((t.table, col.clone()));
                        let sub: Vec<(String, bool)> = t
                            .ordering
                            .iter()
                            .filter(|(n, _)| *n != "id")
                            .map(|(n, d)| (n.to_string(), d != desc))
                            .collect();
                        self.sort_keys_into(t, &sub, false, &deeper, depth + 1, out);
                    }
                    out.push(SortKey {
                        col,
                        desc: *desc,
                        nulls_first: if f.nullable || !via.is_empty() {
                            Some(nulls_first.unwrap_or(*desc))
                        } else {
                            None
                        },
                        via: via.to_vec(),
                    });
                }
                Kind::M2m { .. }
                | Kind::Tags
                | Kind::Count { .. }
                | Kind::Computed
                | Kind::GenericFk { .. }
                | Kind::Json
                | Kind::CustomFields => {}
                _ => {
                    if let Some(c) = f.column() {
                        out.push(SortKey {
                            col: c,
                            desc: *desc,
                            nulls_first,
                            via: via.to_vec(),
                        });
                    }
                }
            }
        }
    }

    /// Whether any of `terms` names a field of `m` that sorts (what DRF's ordering filter keeps).
    pub fn sorts_by_any(&self, m: &Model, terms: &[(String, bool)]) -> bool {
        terms.iter().any(|(n, _)| {
            n == "id"
                || m.field_named(n).is_some_and(|f| {
                    !matches!(
                        f.kind,
                        Kind::M2m { .. }
                            | Kind::Tags
                            | Kind::Count { .. }
                            | Kind::Computed
                            | Kind::GenericFk { .. }
                            | Kind::Json
                            | Kind::CustomFields
                    )
                })
        })
    }

    /// A model by key.
    pub fn get(&self, key: &str) -> Option<&Model> {
        self.by_key.get(key).map(|&i| &self.models[i])
    }
    /// A model by API path.
    pub fn by_api(&self, api: &str) -> Option<&Model> {
        self.by_api.get(api).map(|&i| &self.models[i])
    }
    /// Every model in declaration order.
    pub fn all(&self) -> &[Model] {
        &self.models
    }
}

#[cfg(test)]
mod tests {
    use super::{SearchLookup as L, SearchTerm};

    #[test]
    fn search_terms_read_as_netbox_writes_them() {
        let t = |s| {
            let t = SearchTerm::parse(s);
            (t.path, t.lookup)
        };
        assert_eq!(t("name__icontains"), (vec!["name"], L::IContains));
        assert_eq!(
            t("virtual_chassis__name__icontains"),
            (vec!["virtual_chassis", "name"], L::IContains)
        );
        assert_eq!(t("asns__asn"), (vec!["asns", "asn"], L::Exact));
        assert_eq!(t("key"), (vec!["key"], L::Exact));
        assert_eq!(t("prefix__contains"), (vec!["prefix"], L::Contains));
        assert_eq!(
            t("prefix__net_contains_or_equals"),
            (vec!["prefix"], L::NetContainsOrEquals)
        );
        assert_eq!(t("address__istartswith"), (vec!["address"], L::IStartsWith));
        assert_eq!(
            t("primary_ip4__address__host__inet"),
            (vec!["primary_ip4", "address"], L::Host)
        );
    }
}
