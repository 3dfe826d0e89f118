//! Indexes behind `q` on the largest tables.
//!
//! `q` is each model's NetBox `search()` (`Model::search`): mostly a term inside a text column
//! (`icontains`), inside a network's text (`prefix__contains`) or at the start of an address
//! (`address__istartswith`). These are substring matches that no B-tree index serves, so
//! without help every search reads the whole table. PostgreSQL gets trigram GIN indexes
//! (`pg_trgm`, migrations 0005 and 0006); SQLite gets one FTS5 table per indexed model with the
//! `trigram` tokenizer, kept in step with its table by triggers (migration 0006). A trigram phrase
//! query finds exactly the rows containing the phrase as a substring, case-insensitively, so the
//! index replaces the scan without changing which rows match. Terms shorter than three
//! characters have no trigram and still scan.

/// A model table whose searched columns have an FTS5 trigram index on SQLite. A search queries
/// only the columns its model's `q` reads (`fts_query` takes the column list), so an indexed
/// column that `q` does not read (`comments` of addresses and prefixes, which NetBox's
/// `search()` leaves out) is simply not queried.
#[derive(Debug, Clone, Copy)]
pub struct SearchIndex {
    /// The model's table.
    pub table: &'static str,
    /// The FTS5 table (`<table>_search`), rowid = the row's id.
    pub fts: &'static str,
    /// The indexed columns: every text column `q` reads on this model, and possibly more.
    pub columns: &'static [&'static str],
}

/// The indexed tables (migration `0006_search_index` creates exactly these).
pub const SQLITE_SEARCH: &[SearchIndex] = &[
    SearchIndex {
        table: "ipam_ipaddress",
        fts: "ipam_ipaddress_search",
        columns: &["address", "dns_name", "description", "comments"],
    },
    SearchIndex {
        table: "ipam_prefix",
        fts: "ipam_prefix_search",
        columns: &["prefix", "description", "comments"],
    },
    SearchIndex {
        table: "dcim_device",
        fts: "dcim_device_search",
        columns: &["name", "serial", "asset_tag", "description", "comments"],
    },
    SearchIndex {
        table: "dcim_interface",
        fts: "dcim_interface_search",
        columns: &["name", "label", "description"],
    },
];

/// The SQLite search index of a table.
pub fn sqlite_index(table: &str) -> Option<&'static SearchIndex> {
    SQLITE_SEARCH.iter().find(|s| s.table == table)
}

/// True when the trigram index can answer a search for `term` (three characters or more).
pub fn indexable(term: &str) -> bool {
    term.chars().count() >= 3
}

/// An FTS5 query matching `term` as a substring of any of `columns`: a column filter and one
/// quoted phrase (quotes doubled), so no character of the term is read as query syntax.
pub fn fts_query(columns: &[&str], term: &str) -> String {
    format!(
        "{{{}}} : \"{}\"",
        columns.join(" "),
        term.replace('"', "\"\"")
    )
}

/// The statements that create a table's index, its triggers and its initial contents.
pub fn sqlite_ddl(s: &SearchIndex) -> String {
    let cols = s.columns.join(", ");
    let new: Vec<String> = s.columns.iter().map(|c| format!("new.{c}")).collect();
    let old: Vec<String> = s.columns.iter().map(|c| format!("old.{c}")).collect();
    let (t, f) = (s.table, s.fts);
    format!(
        "CREATE VIRTUAL TABLE {f} USING fts5({cols}, content='{t}', content_rowid='id', tokenize='trigram');\n\
         CREATE TRIGGER {f}_insert AFTER INSERT ON {t} BEGIN\n    \
         INSERT INTO {f}(rowid, {cols}) VALUES (new.id, {new});\nEND;\n\
         CREATE TRIGGER {f}_delete AFTER DELETE ON {t} BEGIN\n    \
         INSERT INTO {f}({f}, rowid, {cols}) VALUES ('delete', old.id, {old});\nEND;\n\
         CREATE TRIGGER {f}_update AFTER UPDATE OF {cols} ON {t} BEGIN\n    \
         INSERT INTO {f}({f}, rowid, {cols}) VALUES ('delete', old.id, {old});\n    \
         INSERT INTO {f}(rowid, {cols}) VALUES (new.id, {new});\nEND;\n\
         INSERT INTO {f}({f}) VALUES ('rebuild');\n",
        new = new.join(", "),
        old = old.join(", "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_quoted() {
        assert_eq!(
            fts_query(&["a", "b"], r#"x "y" OR z*"#),
            r#"{a b} : "x ""y"" OR z*""#
        );
        assert!(indexable("abc") && !indexable("ab") && indexable("ääb"));
    }

    #[test]
    fn migration_is_what_the_module_declares() {
        let sql = crate::migrate::MIGRATIONS
            .iter()
            .find(|m| m.1 == "search_index")
            .map(|m| m.2)
            .expect("migration 6");
        let want: String = SQLITE_SEARCH.iter().map(sqlite_ddl).collect();
        let body: String =
            sql.lines()
                .filter(|l| !l.starts_with("--"))
                .fold(String::new(), |mut acc, l| {
                    acc.push_str(l);
                    acc.push('\n');
                    acc
                });
        assert_eq!(body.trim(), want.trim());
    }
}
