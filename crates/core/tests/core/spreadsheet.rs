//! Issue 11, item 5: a cell a spreadsheet would run as a formula (OWASP "CSV Injection") is
//! written after a single quote in every CSV Gatehouse writes, and Gatehouse's own import reads
//! such a file back to the original text.

use std::sync::atomic::AtomicBool;

use gatehouse_core::audit;
use gatehouse_core::csv_cell;

use crate::common::*;

/// What a spreadsheet would run: a live link, a function call, arithmetic.
const FORMULAS: [&str; 3] = ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(1)", "-2+3"];

fn cells(csv: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn a_formula_typed_as_a_login_id_starts_its_audit_csv_cell_with_a_quote() {
    let env = Env::new();
    for f in FORMULAS {
        env.session().sign_in(f, WRONG_PASSWORD);
    }
    let mut out = Vec::new();
    audit::write_csv(&env.all_events(), &mut out).unwrap();
    let rows = cells(&out);
    assert_eq!(rows[0][3], "subject");
    for f in FORMULAS {
        let typed = f.to_ascii_lowercase();
        let row = rows.iter().find(|r| csv_cell::restore(&r[3]) == typed).unwrap_or_else(|| panic!("{f}: {rows:?}"));
        assert_eq!(row[3], format!("'{typed}"), "the subject cell");
        assert_eq!(row[2], format!("'{typed}"), "the actor cell (the ID as typed)");
    }
    for row in &rows {
        for cell in row {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "a cell a spreadsheet would run: {cell:?}");
        }
    }
}

#[test]
fn an_import_file_with_quoted_formula_names_as_gatehouse_writes_them_creates_the_original_names() {
    let env = Env::new();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["login", "name", "kind", "level", "location"]).unwrap();
    let logins = ["Hy_Link@students.edu.sg", "Sum_One@students.edu.sg", "Two_Three@students.edu.sg"];
    for (login, name) in logins.iter().zip(FORMULAS) {
        // Exactly the cell Gatehouse writes for this name.
        w.write_record([login, &*format!("'{name}"), "student", "p4_6", "S5521"]).unwrap();
    }
    // A name that begins with a quote of its own is not touched.
    w.write_record(["Quote_Mark@students.edu.sg", "'Ah Beng", "student", "p4_6", "S5521"]).unwrap();
    let file = w.into_inner().unwrap();
    let report = env.admin().import_csv(&file[..], &mut |_| {}, &AtomicBool::new(false)).unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    for (login, name) in logins.iter().zip(FORMULAS) {
        assert_eq!(env.admin().show(login).unwrap().name, name);
    }
    assert_eq!(env.admin().show("Quote_Mark@students.edu.sg").unwrap().name, "'Ah Beng");
}
