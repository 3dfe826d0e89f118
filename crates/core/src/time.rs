//! Timestamps: one text format on every backend, sortable as text.
//!
//! Stored as `YYYY-MM-DDTHH:MM:SS.ffffffZ` (UTC, microseconds), which is also what NetBox 4.7
//! prints for `created`/`last_updated`, so values pass through unchanged.

use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset, format_description::well_known::Rfc3339};

const FMT: &[time::format_description::BorrowedFormatItem<'static>] = time::macros::format_description!(
    "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z"
);

/// Formats an instant in the stored format.
pub fn format(t: OffsetDateTime) -> String {
    t.to_offset(UtcOffset::UTC).format(FMT).unwrap_or_default()
}

/// The current time in the stored format.
pub fn now() -> String {
    format(OffsetDateTime::now_utc())
}

/// The current time.
pub fn now_dt() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// Parses what clients send for a timestamp (RFC 3339, a naive `YYYY-MM-DD[ T]HH:MM[:SS]` taken as
/// UTC, or a bare date) into the stored format.
pub fn parse(input: &str) -> Option<String> {
    parse_dt(input).map(format)
}

/// Parses a client timestamp into an instant.
pub fn parse_dt(input: &str) -> Option<OffsetDateTime> {
    let s = input.trim();
    if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
        return Some(t);
    }
    let norm = s.replace(' ', "T");
    for f in [
        time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond]"
        ),
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]"),
    ] {
        if let Ok(t) = PrimitiveDateTime::parse(&norm, f) {
            return Some(t.assume_utc());
        }
    }
    parse_date(s).map(|d| d.midnight().assume_utc())
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<time::Date> {
    time::Date::parse(
        s.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn naive_and_zoned_inputs_normalise_to_utc_micros() {
        assert_eq!(
            parse("2026-01-02").as_deref(),
            Some("2026-01-02T00:00:00.000000Z")
        );
        assert_eq!(
            parse("2026-01-02T03:04:05+01:00").as_deref(),
            Some("2026-01-02T02:04:05.000000Z")
        );
        assert_eq!(
            parse("2026-01-02 03:04").as_deref(),
            Some("2026-01-02T03:04:00.000000Z")
        );
        assert_eq!(parse("yesterday"), None);
    }
}
