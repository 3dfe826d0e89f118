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

/// How PostgreSQL's trigram index is asked for a multi-word term.
///
/// A GIN trigram index answers `col ILIKE '%term%'` by intersecting the posting lists of every
/// trigram of the term, and reads each list in full wherever the rarest list's entries lie: a
/// term that pairs a rare word with words most rows hold (`bench ip 42421`, `dc1-leaf-042`)
/// decodes the long lists of the common words for a handful of rows. So when the planner's own
/// sample of the column (`pg_stats`) shows that some words of the term are in many rows and
/// others in almost none, the index is given the rare words alone and the whole term is checked
/// on the rows they find, as an expression no index serves. Which rows match never depends on
/// the sample: it only decides what the index is asked.
pub mod sample {
    use crate::db::{Backend, Db};
    use ironbox_core::meta::{Model, Registry};
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    /// A word in at least this share of the sampled rows is common.
    const COMMON: f64 = 0.10;
    /// A word in at most this share of the sampled rows is rare: in two of the hundred values
    /// of a histogram with nothing common, or absent from it. Checking the whole term on the
    /// rows such a word finds costs less than decoding the common words' posting lists.
    const RARE: f64 = 0.02;
    /// How long a table's sample is reused before `pg_stats` is read again.
    const TTL: Duration = Duration::from_secs(60);

    /// Sampled values of some text columns of one table, lower-cased, each with the share of
    /// the table's rows it stands for.
    #[derive(Debug, Default)]
    pub struct TableSample {
        cols: HashMap<String, Vec<(String, f64)>>,
    }

    impl TableSample {
        /// Builds a column's sample from its statistics: the most common values with their
        /// frequencies, and the histogram bounds sharing what the common values leave.
        pub fn add_column(
            &mut self,
            col: &str,
            null_frac: f64,
            common: &[String],
            freqs: &[f64],
            histogram: &[String],
        ) {
            let mut vals: Vec<(String, f64)> = common
                .iter()
                .zip(freqs)
                .map(|(v, f)| (v.to_lowercase(), *f))
                .collect();
            let rest = (1.0 - null_frac - freqs.iter().sum::<f64>()).max(0.0);
            if !histogram.is_empty() {
                let each = rest / histogram.len() as f64;
                vals.extend(histogram.iter().map(|v| (v.to_lowercase(), each)));
            }
            if !vals.is_empty() {
                self.cols.insert(col.to_string(), vals);
            }
        }

        /// The estimated share of rows whose `col` contains `word` (lower-case).
        pub fn share(&self, col: &str, word: &str) -> Option<f64> {
            let vals = self.cols.get(col)?;
            Some(
                vals.iter()
                    .filter(|(v, _)| v.contains(word))
                    .map(|(_, w)| w)
                    .sum(),
            )
        }

        /// The words of `term` (lower-case) to hand the trigram index instead of the whole
        /// term, or None to hand it the term: Some only when the term has a common word and at
        /// least one rare word of three characters or more (a shorter word has no trigram of
        /// its own). Words are split as `pg_trgm` splits them, at anything not alphanumeric.
        pub fn index_words(&self, col: &str, term: &str) -> Option<Vec<String>> {
            let words: Vec<&str> = term
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            if words.len() < 2 {
                return None;
            }
            let mut common = false;
            let mut rare: Vec<String> = Vec::new();
            for w in words {
                let share = self.share(col, w)?;
                if share >= COMMON {
                    common = true;
                } else if share <= RARE && w.chars().count() >= 3 && !rare.iter().any(|r| r == w) {
                    rare.push(w.to_string());
                }
            }
            (common && !rare.is_empty()).then_some(rare)
        }
    }

    struct Slot {
        sample: Option<Arc<TableSample>>,
        at: Instant,
    }

    /// Column samples per table, read from `pg_stats` at most once a minute per table and
    /// shared by every request of this process (SQLite has none: its FTS5 index is asked
    /// differently, search.rs).
    #[derive(Default)]
    pub struct Samples {
        slots: Mutex<HashMap<&'static str, Slot>>,
    }

    impl std::fmt::Debug for Samples {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("Samples")
        }
    }

    impl Samples {
        /// The sample of the columns `q` reads by substring on `m`'s table
        /// (`filter::sampled_columns`), when the database is PostgreSQL and has analysed the
        /// table. The request that finds a sample stale reads it again; requests arriving
        /// meanwhile use the old one.
        pub async fn get(&self, db: &Db, reg: &Registry, m: &Model) -> Option<Arc<TableSample>> {
            if db.backend() != Backend::Postgres {
                return None;
            }
            let table = m.table;
            let now = Instant::now();
            {
                let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
                match slots.get_mut(table) {
                    Some(s) if now.duration_since(s.at) < TTL => return s.sample.clone(),
                    Some(s) => s.at = now,
                    None => {
                        slots.insert(
                            table,
                            Slot {
                                sample: None,
                                at: now,
                            },
                        );
                    }
                }
            }
            // A failed read leaves the term whole for the next minute: nothing else depends on it.
            let cols = crate::filter::sampled_columns(reg, m);
            let sample = if cols.is_empty() {
                None
            } else {
                load(db, table, &cols).await.ok().map(Arc::new)
            };
            let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(s) = slots.get_mut(table) {
                s.sample = sample.clone();
            }
            sample
        }
    }

    type StatsRow = (
        String,
        f64,
        Option<Vec<String>>,
        Option<Vec<f64>>,
        Option<Vec<String>>,
    );

    async fn load(db: &Db, table: &str, cols: &[&str]) -> ironbox_core::Result<TableSample> {
        let Db::Postgres(pool, _) = db else {
            return Ok(TableSample::default());
        };
        let cols: Vec<String> = cols.iter().map(|c| c.to_string()).collect();
        let rows: Vec<StatsRow> = sqlx::query_as(
            "SELECT attname::text, null_frac::float8, most_common_vals::text::text[], \
             most_common_freqs::float8[], histogram_bounds::text::text[] FROM pg_stats \
             WHERE schemaname = current_schema() AND tablename = $1 AND attname = ANY($2)",
        )
        .bind(table)
        .bind(&cols)
        .fetch_all(pool)
        .await
        .map_err(|e| ironbox_core::Error::Internal(e.to_string()))?;
        let mut s = TableSample::default();
        for (col, null_frac, common, freqs, hist) in rows {
            s.add_column(
                &col,
                null_frac,
                common.as_deref().unwrap_or_default(),
                freqs.as_deref().unwrap_or_default(),
                hist.as_deref().unwrap_or_default(),
            );
        }
        Ok(s)
    }

    #[cfg(test)]
    mod tests {
        use super::TableSample;

        fn bench_like() -> TableSample {
            let mut s = TableSample::default();
            let hist: Vec<String> = (0..100).map(|i| format!("Bench IP {}", i * 997)).collect();
            s.add_column("description", 0.0, &[], &[], &hist);
            s.add_column("dns_name", 0.0, &[String::new()], &[1.0], &[]);
            s
        }

        #[test]
        fn common_words_are_left_to_the_recheck() {
            let s = bench_like();
            assert_eq!(
                s.index_words("description", "bench ip 42421"),
                Some(vec!["42421".to_string()])
            );
            // one word, or no common word, or no rare word of three characters: the term whole
            assert_eq!(s.index_words("description", "42421"), None);
            assert_eq!(s.index_words("description", "uplink 42421"), None);
            assert_eq!(s.index_words("description", "bench ip 42"), None);
            // a column without a sample, or an empty one, keeps the term whole
            assert_eq!(s.index_words("comments", "bench ip 42421"), None);
            assert_eq!(s.index_words("dns_name", "bench ip 42421"), None);
        }

        #[test]
        fn shares_weigh_common_values_and_the_histogram() {
            let mut s = TableSample::default();
            let hist: Vec<String> = (0..10).map(|i| format!("x{i}")).collect();
            s.add_column("c", 0.1, &["Core".to_string()], &[0.5], &hist);
            assert!((s.share("c", "core").unwrap() - 0.5).abs() < 1e-9);
            assert!((s.share("c", "x1").unwrap() - 0.04).abs() < 1e-9);
            assert_eq!(s.share("c", "nothing"), Some(0.0));
        }
    }
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
