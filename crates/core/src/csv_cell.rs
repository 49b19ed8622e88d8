//! Spreadsheet-safe CSV cells (issue 11, item 5; OWASP "CSV Injection"). Administrators open
//! Gatehouse's CSV files (temporary passwords, the audit export) in a spreadsheet, which runs a
//! cell that starts like a formula: a name such as `=HYPERLINK("http://x","y")` would become a
//! live link. Every cell Gatehouse writes goes through [`neutralise`]; every cell it reads from a
//! file it may have written goes through [`restore`], so `restore(neutralise(s)) == s` for every
//! string.
//!
//! The rule: a cell is *formula-like* when, after any run of leading single quotes, it starts
//! with `=`, `+`, `-`, `@`, a tab or a carriage return. The writer puts one `'` before a
//! formula-like cell (a spreadsheet shows the rest as text); the reader takes one `'` off a cell
//! that is formula-like after it. So `=1` is written `'=1` and read back `=1`; `'=1` is written
//! `''=1` and read back `'=1`; `'quoted` is not formula-like and passes both ways unchanged.
//!
//! A spreadsheet that opens the file with `;` as its separator (the locales whose decimal mark
//! is a comma) or with tabs starts a cell after each of them, and Gatehouse's quoting does not
//! stop it: in such a reading a quote in the middle of a field is plain text. So the same rule
//! holds after every `;` and tab inside a cell: `Tan;=X()` is written `Tan;'=X()`. Only such a
//! cell changes, by one character, so the file stays as readable as before (quoting every cell
//! holding a `;` would change more and protect nothing).

use std::borrow::Cow;
use std::io::Write;

/// The first characters that make a spreadsheet treat a cell as a formula (OWASP).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The characters after which a spreadsheet reading the file with another separator starts a
/// new cell.
const OTHER_SEPARATORS: [char; 2] = [';', '\t'];

fn formula_like(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// Where a spreadsheet may start a cell within `cell`: its start and after each other separator.
fn cell_starts(cell: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(cell.match_indices(OTHER_SEPARATORS).map(|(i, _)| i + 1))
}

/// The cell as written: with one more `'` at its start and after each `;` or tab where what
/// follows is formula-like.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let mut quotes = cell_starts(cell).filter(|&i| formula_like(&cell[i..])).peekable();
    if quotes.peek().is_none() {
        return Cow::Borrowed(cell);
    }
    let mut out = String::with_capacity(cell.len() + 1);
    let mut from = 0;
    for at in quotes {
        out.push_str(&cell[from..at]);
        out.push('\'');
        from = at;
    }
    out.push_str(&cell[from..]);
    Cow::Owned(out)
}

/// The text of a cell as read: without the `'`s that [`neutralise`] added.
pub fn restore(cell: &str) -> Cow<'_, str> {
    let added = |i: &usize| cell[*i..].strip_prefix('\'').is_some_and(formula_like);
    let mut quotes = cell_starts(cell).filter(added).peekable();
    if quotes.peek().is_none() {
        return Cow::Borrowed(cell);
    }
    let mut out = String::with_capacity(cell.len());
    let mut from = 0;
    for at in quotes {
        out.push_str(&cell[from..at]);
        from = at + 1;
    }
    out.push_str(&cell[from..]);
    Cow::Owned(out)
}

/// The field separator of a CSV file from its first line (`head`, the file's first bytes): `;`
/// when the line has more semicolons than commas outside quotes — as Excel saves "CSV" in the
/// locales whose decimal mark is a comma — else `,`. A byte-order mark and CRLF line ends are
/// read either way.
pub fn delimiter(head: &[u8]) -> u8 {
    let head = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
    let line = head.split(|b| *b == b'\n').next().unwrap_or(head);
    let (mut quoted, mut commas, mut semicolons) = (false, 0usize, 0usize);
    for b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas {
        b';'
    } else {
        b','
    }
}

/// Writes one record with every cell neutralised.
pub fn write_record<W: Write, S: AsRef<str>>(
    w: &mut csv::Writer<W>,
    cells: impl IntoIterator<Item = S>,
) -> csv::Result<()> {
    for cell in cells {
        w.write_field(neutralise(cell.as_ref()).as_bytes())?;
    }
    w.write_record(None::<&[u8]>)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn written(cells: &[String]) -> Vec<u8> {
        let mut w = csv::Writer::from_writer(Vec::new());
        write_record(&mut w, cells).unwrap();
        w.into_inner().unwrap()
    }

    fn read(bytes: &[u8]) -> Vec<String> {
        let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(bytes);
        let record = r.records().next().expect("one record").unwrap();
        record.iter().map(|c| restore(c).into_owned()).collect()
    }

    #[test]
    fn a_cell_a_spreadsheet_would_run_is_written_after_a_quote() {
        for (cell, out) in [
            ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
            ("@SUM(1)", "'@SUM(1)"),
            ("-2+3", "'-2+3"),
            ("+65", "'+65"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=1", "''=1"),
            ("''-1", "'''-1"),
        ] {
            assert_eq!(neutralise(cell), out);
            assert_eq!(restore(out), cell);
        }
    }

    #[test]
    fn a_formula_after_a_semicolon_or_a_tab_inside_a_cell_is_written_after_a_quote_too() {
        // A spreadsheet that splits lines at `;` (or tabs) starts a cell after each one.
        for (cell, out) in [
            ("Tan;=WEBSERVICE(\"http://x\")", "Tan;'=WEBSERVICE(\"http://x\")"),
            ("a;b;@SUM(1)", "a;b;'@SUM(1)"),
            ("a;'-1", "a;''-1"),
            ("a\t+65", "a\t'+65"),
            ("=1;=2", "'=1;'=2"),
            ("a;\t=1", "a;'\t'=1"),
        ] {
            assert_eq!(neutralise(cell), out);
            assert_eq!(restore(out), cell);
        }
    }

    #[test]
    fn other_cells_are_written_and_read_as_they_are() {
        for cell in
            ["", "Ada Lim", "'quoted", "''", "'", "a=b", " =1", "2026-01-05T09:00:00Z", "42", "a;b", "a; =1", "a;'b"]
        {
            assert_eq!(neutralise(cell), cell);
            assert_eq!(restore(cell), cell);
        }
    }

    proptest! {
        #[test]
        fn any_text_written_to_csv_reads_back_the_same(
            cells in proptest::collection::vec(prop_oneof![any::<String>(), "['=+@;\t\r\n\",a -]{0,6}"], 1..4),
        ) {
            let bytes = written(&cells);
            prop_assert_eq!(read(&bytes), cells);
            let text = String::from_utf8(bytes).unwrap();
            for cell in csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes()).records() {
                for c in cell.unwrap().iter() {
                    prop_assert!(!c.starts_with(FORMULA_STARTS), "no written cell starts a formula: {:?}", c);
                    for part in c.split(OTHER_SEPARATORS).skip(1) {
                        prop_assert!(!part.starts_with(FORMULA_STARTS), "nor after a ; or a tab: {:?}", c);
                    }
                }
            }
        }
    }
}
