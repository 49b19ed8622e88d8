//! What the command line says to a person at a terminal — confirmations, tables, listings — from
//! its own catalogue `locales/<language>/cli.ftl`, in the language of this run (`--language`,
//! else the configuration's `[locale] default_language`, else English). `--json` output and the
//! wizard's JSON lines stay language-free.

use gatehouse_core::clock::{iso_text, Timestamp, Zone};
use gatehouse_core::text::{Catalogue, Language, Text};
use unicode_width::UnicodeWidthStr;

/// The command line's sentences in the four languages, compiled in.
pub static CLI: Catalogue = Catalogue::new(
    "cli.ftl",
    [
        include_str!("../../../locales/en/cli.ftl"),
        include_str!("../../../locales/zh-Hans/cli.ftl"),
        include_str!("../../../locales/ms/cli.ftl"),
        include_str!("../../../locales/ta/cli.ftl"),
    ],
);

/// The language of this run's human output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Words(pub Language);

impl Words {
    /// A message of `cli.ftl` with its arguments.
    pub fn say(self, text: Text) -> String {
        CLI.format(&text, self.0)
    }

    /// A message of `cli.ftl` without arguments (a label, a column's header).
    pub fn word(self, id: &'static str) -> String {
        self.say(Text::new(id))
    }

    /// `yes` or `no`.
    pub fn yes_no(self, yes: bool) -> String {
        self.word(if yes { "cli-yes" } else { "cli-no" })
    }

    /// Prints `text` with its argument `name` standing for `secret` (a temporary password, an
    /// enrolment code), which goes straight to the terminal: no formatted message holds a copy.
    pub fn print_secret(self, text: Text, name: &'static str, secret: &str) {
        const MARK: char = '\u{1}';
        let said = self.say(text.arg(name, MARK));
        let (before, after) = said.split_once(MARK).unwrap_or((said.as_str(), ""));
        println!("{before}{secret}{after}");
    }

    /// An engine's sentence (an error, an import row's fault).
    pub fn engine(self, text: &Text) -> String {
        text.format(self.0)
    }

    /// A time of the JSON output (ISO 8601 with the school's offset) as a person reads it.
    pub fn time(self, iso: &str) -> String {
        iso_text(iso, self.0.code())
    }

    /// A moment in the school's time zone.
    pub fn at(self, zone: &Zone, t: Timestamp) -> String {
        zone.text(t, self.0.code())
    }

    /// `label: value` lines with the values in one column, whatever the language's label widths.
    pub fn fields(self, rows: &[(String, String)]) {
        let width = rows.iter().map(|(label, _)| label.width()).max().unwrap_or(0) + 1;
        for (label, value) in rows {
            println!("{}{value}", pad(&format!("{label}:"), width + 1));
        }
    }
}

/// `s` followed by spaces to `width` terminal columns: a Chinese character takes two, a Tamil
/// vowel sign none, so columns line up in every language.
pub fn pad(s: &str, width: usize) -> String {
    let mut out = s.to_owned();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(s.width())));
    out
}

/// A table for the terminal: the headers by message id, each column as wide as its widest cell
/// (in terminal columns), the last one unpadded.
pub struct Table {
    header: Vec<String>,
    hidden: bool,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(words: Words, columns: &[&'static str]) -> Self {
        Self { header: columns.iter().map(|id| words.word(id)).collect(), hidden: false, rows: Vec::new() }
    }

    /// Only the rows: the columns line up, no header says what they are.
    pub fn header_hidden(&mut self) {
        self.hidden = true;
    }

    pub fn row(&mut self, cells: Vec<String>) {
        debug_assert_eq!(cells.len(), self.header.len(), "a row of the table's width");
        self.rows.push(cells);
    }

    /// Writes the table to `out` cell by cell, trailing spaces left out.
    pub fn write_to(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        let shown = if self.hidden { &[][..] } else { std::slice::from_ref(&self.header) };
        let mut widths: Vec<usize> = shown.iter().flatten().map(|h| h.width()).collect();
        widths.resize(self.header.len(), 0);
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.width());
            }
        }
        for cells in shown.iter().chain(&self.rows) {
            // Up to the last cell with anything in it; the padding before it only.
            let used = cells.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
            for (i, cell) in cells[..used].iter().enumerate() {
                out.write_all(cell.as_bytes())?;
                if i + 1 < used {
                    write!(out, "{:1$}", "", (widths[i] + 2).saturating_sub(cell.width()))?;
                }
            }
            writeln!(out)?;
        }
        Ok(())
    }

    /// The table as lines of text.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.write_to(&mut out).expect("writing to memory");
        String::from_utf8_lossy(&out).lines().map(str::to_owned).collect()
    }

    /// Prints the table on stdout (a cell may hold a temporary password: it is written, not
    /// copied into a line).
    pub fn print(&self) {
        let _ = self.write_to(&mut std::io::stdout().lock());
    }
}

impl Drop for Table {
    /// Cells may hold temporary passwords: they are wiped with the table.
    fn drop(&mut self) {
        for row in &mut self.rows {
            row.iter_mut().for_each(zeroize::Zeroize::zeroize);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_in_terminal_columns_whatever_the_script() {
        let mut table =
            Table::new(Words(Language::Chinese), &["cli-column-login", "cli-column-name", "cli-column-state"]);
        table.row(vec!["Ada_Lim@students.edu.sg".into(), "林爱达".into(), "active".into()]);
        table.row(vec!["Dev_Kumar@students.edu.sg".into(), "தேவ் குமார்".into(), "locked".into()]);
        let lines = table.lines();
        // The third column starts at the same terminal column on every line.
        let starts: Vec<usize> = lines
            .iter()
            .map(|l| {
                let third = ["active", "locked"].iter().find_map(|w| l.find(w)).unwrap_or_else(|| {
                    l.char_indices().rev().find(|(_, c)| c.is_whitespace()).map(|(i, _)| i + 1).unwrap()
                });
                l[..third].width()
            })
            .collect();
        assert!(starts.windows(2).all(|w| w[0] == w[1]), "{lines:#?}");
        assert_eq!(pad("林", 4), "林  ", "a Chinese character is two columns wide");
    }

    #[test]
    fn a_missing_translation_falls_back_to_english_and_every_language_has_its_own_words() {
        let text = || Text::new("cli-token-unbound").arg("serial", "HW-0042");
        assert_eq!(Words(Language::English).say(text()), "The hardware token HW-0042 is free again.");
        for language in &Language::ALL[1..] {
            let said = Words(*language).say(text());
            assert!(said.contains("HW-0042") && !said.contains("is free again"), "{language}: {said}");
        }
    }

    #[test]
    fn plurals_choose_by_the_count() {
        let words = Words(Language::English);
        assert_eq!(words.say(Text::new("cli-account-count").num("count", 1)), "1 account");
        assert_eq!(words.say(Text::new("cli-account-count").num("count", 3)), "3 accounts");
    }

    #[test]
    fn every_demo_account_is_described_in_the_catalogue() {
        for login in gatehouse_core::demo::logins() {
            for part in ["state", "try"] {
                let id = crate::demo_message(login, part);
                assert!(CLI.has(&id), "{id} is not in locales/en/cli.ftl");
            }
        }
    }
}
