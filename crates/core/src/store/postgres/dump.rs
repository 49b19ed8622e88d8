//! PostgreSQL: copying every table out and in (`gatehouse-cli migrate`). Values travel as plain
//! integers, text and bytes; BOOLEAN columns read as 0/1 and are written from them.

use ::postgres::types::Type;

use super::*;
use crate::store::dump::{countable, known, DumpStore, Table, Value};

/// Tables whose `id` comes from a sequence: after a load with explicit ids the sequence moves
/// past the highest, so the next row does not collide.
const SERIAL_TABLES: &[&str] = &["accounts", "audit", "authenticators", "transfers"];

fn value_of(row: &Row, i: usize) -> Result<Value, Error> {
    let ty = row.columns()[i].type_();
    let v = if *ty == Type::BOOL {
        row.try_get::<_, Option<bool>>(i)?.map(|b| Value::Int(i64::from(b)))
    } else if *ty == Type::INT8 {
        row.try_get::<_, Option<i64>>(i)?.map(Value::Int)
    } else if *ty == Type::INT4 {
        row.try_get::<_, Option<i32>>(i)?.map(|n| Value::Int(n.into()))
    } else if *ty == Type::BYTEA {
        row.try_get::<_, Option<Vec<u8>>>(i)?.map(Value::Blob)
    } else {
        row.try_get::<_, Option<String>>(i)?.map(Value::Text)
    };
    Ok(v.unwrap_or(Value::Null))
}

/// `value` as a parameter of a column of type `ty`.
fn param(value: &Value, ty: &Type) -> Result<Box<dyn ToSql + Sync>, Error> {
    let wrong = || Error::Storage(format!("a copied value does not fit a {ty} column"));
    Ok(match value {
        Value::Null if *ty == Type::BOOL => Box::new(None::<bool>),
        Value::Null if *ty == Type::INT8 => Box::new(None::<i64>),
        Value::Null if *ty == Type::BYTEA => Box::new(None::<Vec<u8>>),
        Value::Null => Box::new(None::<String>),
        Value::Int(n) if *ty == Type::BOOL => Box::new(*n != 0),
        Value::Int(n) if *ty == Type::INT8 => Box::new(*n),
        Value::Int(n) if *ty == Type::INT4 => Box::new(i32::try_from(*n).map_err(|_| wrong())?),
        Value::Text(s) if *ty != Type::BYTEA && *ty != Type::INT8 && *ty != Type::BOOL => Box::new(s.clone()),
        Value::Blob(b) if *ty == Type::BYTEA => Box::new(b.clone()),
        _ => return Err(wrong()),
    })
}

impl DumpStore for PgStore {
    fn dump_tables(&self, tables: &[&'static str]) -> Result<Vec<Table>, Error> {
        let mut conn = self.conn()?;
        // One snapshot for every table: a read-only transaction at REPEATABLE READ.
        let mut tx = conn
            .build_transaction()
            .isolation_level(::postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let mut out = Vec::with_capacity(tables.len());
        for table in tables {
            let table = known(table)?;
            // Ordered by the key so that two dumps compare row by row.
            let stmt = tx.prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))?;
            let columns = stmt.columns().iter().map(|c| c.name().to_owned()).collect();
            let rows = tx
                .query(&stmt, &[])?
                .iter()
                .map(|r| (0..r.len()).map(|i| value_of(r, i)).collect::<Result<Vec<_>, _>>())
                .collect::<Result<Vec<_>, _>>()?;
            out.push(Table { name: table, columns, rows });
        }
        tx.commit()?;
        Ok(out)
    }

    fn load_tables(&self, tables: &[Table], highest_account_id: i64) -> Result<(), Error> {
        self.write(|tx| {
            for t in tables {
                let table = known(t.name)?;
                let marks: Vec<String> = (1..=t.columns.len()).map(|i| format!("${i}")).collect();
                let sql = format!("INSERT INTO {table} ({}) VALUES ({})", t.columns.join(", "), marks.join(", "));
                let stmt = tx.prepare(&sql)?;
                for row in &t.rows {
                    let params =
                        row.iter().zip(stmt.params()).map(|(v, ty)| param(v, ty)).collect::<Result<Vec<_>, _>>()?;
                    let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p.as_ref()).collect();
                    tx.execute(&stmt, &refs)?;
                }
            }
            for table in SERIAL_TABLES {
                // Accounts are numbered after the source's highest id ever given too.
                let floor = if *table == "accounts" { highest_account_id } else { 0 };
                tx.execute(
                    &format!(
                        "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                         GREATEST(COALESCE((SELECT max(id) FROM {table}), 0), $1::BIGINT) + 1, false)"
                    ),
                    &[&floor],
                )?;
            }
            Ok(())
        })
    }

    fn highest_account_id(&self) -> Result<i64, Error> {
        // The sequence's last value given (`NULL` before the first), or the ids there.
        let row = self.conn()?.query_one(
            "SELECT GREATEST(COALESCE(pg_sequence_last_value(pg_get_serial_sequence('accounts', 'id')::regclass), 0), \
             COALESCE((SELECT max(id) FROM accounts), 0))",
            &[],
        )?;
        Ok(row.try_get(0)?)
    }

    fn count_rows(&self, table: &'static str) -> Result<u64, Error> {
        let table = countable(table)?;
        let n: i64 = self.conn()?.query_one(&format!("SELECT count(*) FROM {table}"), &[])?.try_get(0)?;
        Ok(n as u64)
    }
}
