//! Python's `json` error messages for a body that does not parse.
//!
//! DRF answers a malformed body with `JSON parse error - <str(JSONDecodeError)>`; clients and
//! tests compare that text. serde_json finds the same faults with other words, so when it
//! refuses a body this scanner walks it the way Python's decoder does and reports the first
//! fault with Python's message and position (`line L column C (char N)`, characters counted as
//! code points).

/// The message Python's `json.loads` gives for `text`, or `None` when Python would accept it.
pub fn error(text: &str) -> Option<String> {
    let s: Vec<char> = text.chars().collect();
    let mut p = Scanner { s: &s };
    let start = p.ws(0);
    let end = match p.value(start) {
        Ok(end) => end,
        Err((msg, pos)) => return Some(p.format(&msg, pos)),
    };
    let end = p.ws(end);
    if end != s.len() {
        return Some(p.format("Extra data", end));
    }
    None
}

type Fault = (String, usize);

struct Scanner<'a> {
    s: &'a [char],
}

impl Scanner<'_> {
    fn at(&self, i: usize) -> Option<char> {
        self.s.get(i).copied()
    }

    /// The first index at or after `i` that is not JSON whitespace.
    fn ws(&self, mut i: usize) -> usize {
        while matches!(self.at(i), Some(' ' | '\t' | '\n' | '\r')) {
            i += 1;
        }
        i
    }

    fn format(&self, msg: &str, pos: usize) -> String {
        let before = &self.s[..pos.min(self.s.len())];
        let line = before.iter().filter(|c| **c == '\n').count() + 1;
        let col = match before.iter().rposition(|c| *c == '\n') {
            Some(nl) => pos - nl,
            None => pos + 1,
        };
        format!("{msg}: line {line} column {col} (char {pos})")
    }

    /// One value starting at `i` (no leading whitespace); the index after it.
    fn value(&mut self, i: usize) -> Result<usize, Fault> {
        let expecting = || ("Expecting value".to_string(), i);
        match self.at(i) {
            None => Err(expecting()),
            Some('"') => self.string(i + 1),
            Some('{') => self.object(i + 1),
            Some('[') => self.array(i + 1),
            Some(_) => {
                for word in ["null", "true", "false", "NaN", "Infinity", "-Infinity"] {
                    if self.matches(i, word) {
                        return Ok(i + word.chars().count());
                    }
                }
                self.number(i).ok_or_else(expecting)
            }
        }
    }

    fn matches(&self, i: usize, word: &str) -> bool {
        word.chars()
            .enumerate()
            .all(|(k, c)| self.at(i + k) == Some(c))
    }

    /// Python's number pattern `-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?`.
    fn number(&self, i: usize) -> Option<usize> {
        let digits = |mut j: usize| {
            let from = j;
            while self.at(j).is_some_and(|c| c.is_ascii_digit()) {
                j += 1;
            }
            (j > from).then_some(j)
        };
        let mut j = i;
        if self.at(j) == Some('-') {
            j += 1;
        }
        j = match self.at(j) {
            Some('0') => j + 1,
            Some('1'..='9') => digits(j)?,
            _ => return None,
        };
        if self.at(j) == Some('.')
            && let Some(k) = digits(j + 1)
        {
            j = k;
        }
        if matches!(self.at(j), Some('e' | 'E')) {
            let mut k = j + 1;
            if matches!(self.at(k), Some('+' | '-')) {
                k += 1;
            }
            if let Some(k) = digits(k) {
                j = k;
            }
        }
        Some(j)
    }

    /// The rest of a string whose opening quote is at `i - 1`.
    fn string(&self, i: usize) -> Result<usize, Fault> {
        let begin = i - 1;
        let mut j = i;
        loop {
            match self.at(j) {
                None => return Err(("Unterminated string starting at".into(), begin)),
                Some('"') => return Ok(j + 1),
                Some('\\') => match self.at(j + 1) {
                    None => return Err(("Unterminated string starting at".into(), begin)),
                    Some('"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't') => j += 2,
                    Some('u') => {
                        let hex =
                            (2..6).all(|k| self.at(j + k).is_some_and(|c| c.is_ascii_hexdigit()));
                        if !hex {
                            return Err(("Invalid \\uXXXX escape".into(), j + 1));
                        }
                        j += 6;
                    }
                    Some(_) => return Err(("Invalid \\escape".into(), j)),
                },
                Some(c) if (c as u32) < 0x20 => {
                    return Err(("Invalid control character at".into(), j));
                }
                Some(_) => j += 1,
            }
        }
    }

    /// The rest of an object whose `{` is at `i - 1`.
    fn object(&mut self, i: usize) -> Result<usize, Fault> {
        let property = |pos| {
            Err((
                "Expecting property name enclosed in double quotes".to_string(),
                pos,
            ))
        };
        let mut j = self.ws(i);
        match self.at(j) {
            Some('}') => return Ok(j + 1),
            Some('"') => {}
            _ => return property(j),
        }
        loop {
            j = self.string(j + 1)?;
            j = self.ws(j);
            if self.at(j) != Some(':') {
                return Err(("Expecting ':' delimiter".into(), j));
            }
            j = self.ws(j + 1);
            j = self.value(j)?;
            j = self.ws(j);
            match self.at(j) {
                Some('}') => return Ok(j + 1),
                Some(',') => {}
                _ => return Err(("Expecting ',' delimiter".into(), j)),
            }
            j = self.ws(j + 1);
            if self.at(j) != Some('"') {
                return property(j);
            }
        }
    }

    /// The rest of an array whose `[` is at `i - 1`.
    fn array(&mut self, i: usize) -> Result<usize, Fault> {
        let mut j = self.ws(i);
        if self.at(j) == Some(']') {
            return Ok(j + 1);
        }
        loop {
            j = self.value(j)?;
            j = self.ws(j);
            match self.at(j) {
                Some(']') => return Ok(j + 1),
                Some(',') => {}
                _ => return Err(("Expecting ',' delimiter".into(), j)),
            }
            j = self.ws(j + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::error;

    #[test]
    fn messages_and_positions_are_pythons() {
        let cases = [
            (
                "{not json",
                "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
            ),
            (
                r#"{"prefix": "10.0.0.0/8",}"#,
                "Expecting property name enclosed in double quotes: line 1 column 25 (char 24)",
            ),
            (
                "{",
                "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
            ),
            ("[1,", "Expecting value: line 1 column 4 (char 3)"),
            ("[1,]", "Expecting value: line 1 column 4 (char 3)"),
            (
                r#"{"a" 1}"#,
                "Expecting ':' delimiter: line 1 column 6 (char 5)",
            ),
            (
                r#"{"a": 1 "b": 2}"#,
                "Expecting ',' delimiter: line 1 column 9 (char 8)",
            ),
            (r#"{"a": }"#, "Expecting value: line 1 column 7 (char 6)"),
            (
                r#"{"a"#,
                "Unterminated string starting at: line 1 column 2 (char 1)",
            ),
            ("{}\n{}", "Extra data: line 2 column 1 (char 3)"),
            (
                "{\n  \"a\": tru\n}",
                "Expecting value: line 2 column 8 (char 9)",
            ),
            (r#"{"é": x}"#, "Expecting value: line 1 column 7 (char 6)"),
            ("\"a\\qb\"", "Invalid \\escape: line 1 column 3 (char 2)"),
            (
                "\"a\u{1}\"",
                "Invalid control character at: line 1 column 3 (char 2)",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(error(text).as_deref(), Some(want), "{text}");
        }
        for ok in [
            "{}",
            "[1, 2.5e3, -0, null, true]",
            r#"{"a": {"b": [""]}}"#,
            " 1 ",
        ] {
            assert_eq!(error(ok), None, "{ok}");
        }
    }
}
