//! SQLite: location transfer requests and their decisions.

use super::rows::TRANSFER_SELECT;
use super::*;

impl TransferStore for SqliteStore {
    fn create_transfer(&self, t: &NewTransfer, audit: AuditRecord) -> Result<TransferId, Error> {
        self.write(|tx| {
            let at: Option<String> =
                tx.query_row("SELECT location FROM accounts WHERE id = ?1", [t.account.0], |r| r.get(0)).optional()?;
            match at {
                None => return Err(Error::NotFound(format!("#{}", t.account.0))),
                Some(l) if l != t.from_location.as_str() => {
                    let text =
                        Text::new("transfer-account-moved").arg("location", l).arg("from", t.from_location.as_str());
                    return Err(Error::Refused(text));
                }
                Some(_) => {}
            }
            let pending: Option<(i64, String)> = tx
                .query_row(
                    "SELECT id, to_location FROM transfers WHERE account_id = ?1 AND decision IS NULL",
                    [t.account.0],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((id, to)) = pending {
                return Err(Error::Refused(Text::new("transfer-pending").arg("id", id).arg("location", to)));
            }
            tx.execute(
                "INSERT INTO transfers (account_id, from_location, to_location, requested_by, requested_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![t.account.0, t.from_location.as_str(), t.to_location.as_str(), t.requested_by, t.requested_at],
            )?;
            let id = TransferId(tx.last_insert_rowid());
            insert_audit(tx, &audit)?;
            Ok(id)
        })
    }

    fn transfer(&self, id: TransferId) -> Result<Option<Transfer>, Error> {
        transfer_in(&self.lock(), id)
    }

    fn pending_transfers(&self, to: Option<&Location>) -> Result<Vec<Transfer>, Error> {
        let conn = self.lock();
        let sql =
            format!("{TRANSFER_SELECT} WHERE t.decision IS NULL AND (?1 IS NULL OR t.to_location = ?1) ORDER BY t.id");
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map([to.map(Location::as_str)], |r| rows::transfer(r))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    fn decide_transfer(
        &self,
        id: TransferId,
        decision: TransferDecision,
        decided_by: &str,
        at: Timestamp,
        audit: AuditRecord,
    ) -> Result<Transfer, Error> {
        self.write(|tx| {
            let t = rows::undecided(transfer_in(tx, id)?, id)?;
            if decision == TransferDecision::Approved {
                let moved = tx.execute(
                    "UPDATE accounts SET location = ?3 WHERE id = ?1 AND location = ?2",
                    params![t.account.0, t.from_location.as_str(), t.to_location.as_str()],
                )?;
                if moved != 1 {
                    return Err(rows::account_left(&t));
                }
            }
            let n = tx.execute(
                "UPDATE transfers SET decision = ?2, decided_by = ?3, decided_at = ?4 WHERE id = ?1 AND decision IS NULL",
                params![id.0, decision.as_str(), decided_by, at],
            )?;
            if n != 1 {
                return Err(Error::Refused(Text::new("transfer-decided-meanwhile").arg("id", id)));
            }
            insert_audit(tx, &audit)?;
            transfer_in(tx, id)?.ok_or_else(|| Error::Storage(format!("transfer request #{id} vanished")))
        })
    }
}

fn transfer_in(conn: &Connection, id: TransferId) -> Result<Option<Transfer>, Error> {
    let sql = format!("{TRANSFER_SELECT} WHERE t.id = ?1");
    Ok(conn.query_row(&sql, [id.0], |r| rows::transfer(r)).optional()?)
}
