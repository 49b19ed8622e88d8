//! SQLite: copying every table out and in (`gatehouse-cli migrate`).

use rusqlite::types::Value as SqlValue;

use super::*;
use crate::store::dump::{countable, known, DumpStore, Table, Value};

impl DumpStore for SqliteStore {
    fn dump_tables(&self, tables: &[&'static str]) -> Result<Vec<Table>, Error> {
        let conn = self.lock();
        // One read transaction: every table from the same snapshot (rolled back when dropped).
        let tx = conn.unchecked_transaction()?;
        tables.iter().map(|t| dump(&tx, t)).collect()
    }

    fn load_tables(&self, tables: &[Table], highest_account_id: i64) -> Result<(), Error> {
        self.write(|tx| {
            for t in tables {
                let table = known(t.name)?;
                let marks: Vec<String> = (1..=t.columns.len()).map(|i| format!("?{i}")).collect();
                let sql = format!("INSERT INTO {table} ({}) VALUES ({})", t.columns.join(", "), marks.join(", "));
                let mut stmt = tx.prepare(&sql)?;
                for row in &t.rows {
                    let values = row.iter().map(|v| match v {
                        Value::Null => SqlValue::Null,
                        Value::Int(n) => SqlValue::Integer(*n),
                        Value::Text(s) => SqlValue::Text(s.clone()),
                        Value::Blob(b) => SqlValue::Blob(b.clone()),
                    });
                    stmt.execute(rusqlite::params_from_iter(values))?;
                }
            }
            tx.execute("UPDATE account_ids SET highest = max(highest, ?1)", [highest_account_id])?;
            Ok(())
        })
    }

    fn highest_account_id(&self) -> Result<i64, Error> {
        Ok(self.lock().query_row("SELECT highest FROM account_ids", [], |r| r.get(0))?)
    }

    fn count_rows(&self, table: &'static str) -> Result<u64, Error> {
        let table = countable(table)?;
        let conn = self.lock();
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        Ok(n as u64)
    }
}

/// Every row of `table`, ordered by its key so that two dumps compare row by row.
fn dump(conn: &Connection, table: &'static str) -> Result<Table, Error> {
    let table = known(table)?;
    let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))?;
    let columns: Vec<String> = stmt.column_names().map(str::to_owned).collect();
    let width = columns.len();
    let rows = stmt
        .query_map([], |r| {
            (0..width)
                .map(|i| {
                    Ok(match r.get::<_, SqlValue>(i)? {
                        SqlValue::Null => Value::Null,
                        SqlValue::Integer(n) => Value::Int(n),
                        SqlValue::Real(f) => Value::Text(f.to_string()),
                        SqlValue::Text(s) => Value::Text(s),
                        SqlValue::Blob(b) => Value::Blob(b),
                    })
                })
                .collect::<rusqlite::Result<Vec<_>>>()
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Table { name: table, columns, rows })
}
