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

#[test]
fn a_class_list_saved_by_excel_with_semicolons_a_byte_order_mark_and_crlf_imports_as_written() {
    let env = Env::new();
    // As Excel saves "CSV (semicolon delimited)" in a locale whose decimal mark is a comma.
    let file = "\u{feff}login;name;kind;level;location;class;roles;work_email\r\n\
                Ada_Lim@students.edu.sg;\"Lim; Ada\";student;p4_6;S5521;4A;;\r\n\
                Ben_Tan@students.edu.sg;Ben Tan;student;secondary;S5521;Sec 3;;\r\n\
                Grace_Lee@schools.gov.sg;Grace Lee;school_staff;;S5521;;\"sa;la\";grace.lee@ces.gov.sg\r\n";
    let report = env.admin().import_csv(file.as_bytes(), &mut |_| {}, &AtomicBool::new(false)).unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.created.len(), 3);
    let roles: Vec<&str> =
        env.admin().show("Grace_Lee@schools.gov.sg").unwrap().roles.iter().map(|r| r.as_str()).collect();
    assert_eq!(roles, ["sa", "la"], "a quoted roles cell keeps its semicolon");
    let ada = env.admin().show("Ada_Lim@students.edu.sg").unwrap();
    assert_eq!((ada.name.as_str(), ada.class.as_deref()), ("Lim; Ada", Some("4A")));
    assert_eq!(env.admin().show("Ben_Tan@students.edu.sg").unwrap().class.as_deref(), Some("Sec 3"));
    // The same with commas, CRLF and a byte-order mark.
    let file = "\u{feff}login,name,kind,level,location\r\nCara_Ong@students.edu.sg,Cara Ong,student,p1_3,S5521\r\n";
    let report = env.admin().import_csv(file.as_bytes(), &mut |_| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!((report.created.len(), report.errors.len()), (1, 0));
}

#[test]
fn a_token_list_saved_with_semicolons_imports_and_a_mixed_file_says_which_line_is_wrong() {
    let env = Env::with_data_key();
    let file = "\u{feff}serial;secret;digits;period\r\nT-1;JBSWY3DPEHPK3PXP;6;30\r\nT-2;JBSWY3DPEHPK3PXQ;8;60\r\n";
    assert_eq!(env.admin().import_tokens(file).unwrap(), 2);
    let stock: Vec<(String, u8)> = env.admin().tokens().unwrap().into_iter().map(|t| (t.serial, t.digits)).collect();
    assert_eq!(stock, [("T-1".to_owned(), 6), ("T-2".to_owned(), 8)]);
    // A comma line in a semicolon file is one field: refused with its line, nothing imported.
    let mixed = "serial;secret\nT-3;JBSWY3DPEHPK3PXP\nT-4,JBSWY3DPEHPK3PXP\n";
    let e = env.admin().import_tokens(mixed).unwrap_err();
    assert!(e.text().unwrap().english().starts_with("line 3:"), "{:?}", e.text().map(|t| t.english()));
    assert_eq!(env.admin().tokens().unwrap().len(), 2);
}
