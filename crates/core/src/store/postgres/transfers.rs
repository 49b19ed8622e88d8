//! PostgreSQL: location transfer requests and their decisions.

use super::rows::TRANSFER_SELECT;
use super::*;

impl TransferStore for PgStore {
    fn create_transfer(&self, t: &NewTransfer, audit: AuditRecord) -> Result<TransferId, Error> {
        self.write(|tx| {
            // The account's row is locked until commit: a decision moving it, or another request
            // for it, waits, so "still at from_location" and "none pending" hold when inserting.
            let at: Option<String> = tx
                .query_opt("SELECT location FROM accounts WHERE id = $1 FOR UPDATE", &[&t.account.0])?
                .map(|r| r.try_get(0))
                .transpose()?;
            match at {
                None => return Err(Error::NotFound(format!("#{}", t.account.0))),
                Some(l) if l != t.from_location.as_str() => {
                    let text =
                        Text::new("transfer-account-moved").arg("location", l).arg("from", t.from_location.as_str());
                    return Err(Error::Refused(text));
                }
                Some(_) => {}
            }
            let pending = tx.query_opt(
                "SELECT id, to_location FROM transfers WHERE account_id = $1 AND decision IS NULL",
                &[&t.account.0],
            )?;
            if let Some(row) = pending {
                let (id, to): (i64, String) = (row.try_get(0)?, row.try_get(1)?);
                return Err(Error::Refused(Text::new("transfer-pending").arg("id", id).arg("location", to)));
            }
            let id: i64 = tx
                .query_one(
                    "INSERT INTO transfers (account_id, from_location, to_location, requested_by, requested_at) \
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    &[
                        &t.account.0,
                        &t.from_location.as_str(),
                        &t.to_location.as_str(),
                        &t.requested_by,
                        &t.requested_at,
                    ],
                )?
                .try_get(0)?;
            insert_audit(tx, &audit)?;
            Ok(TransferId(id))
        })
    }

    fn transfer(&self, id: TransferId) -> Result<Option<Transfer>, Error> {
        transfer_in(&mut self.conn()?.client, id, "")
    }

    fn pending_transfers(&self, to: Option<&Location>) -> Result<Vec<Transfer>, Error> {
        let sql = format!(
            "{TRANSFER_SELECT} WHERE t.decision IS NULL AND ($1::text IS NULL OR t.to_location = $1) ORDER BY t.id"
        );
        self.conn()?.query(&sql, &[&to.map(Location::as_str)])?.iter().map(rows::transfer).collect()
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
            // The request's row is locked until commit: a second decision waits and then reads
            // the first one's outcome.
            let t = rows::undecided(transfer_in(tx, id, "FOR UPDATE OF t")?, id)?;
            if decision == TransferDecision::Approved {
                let moved = tx.execute(
                    "UPDATE accounts SET location = $3 WHERE id = $1 AND location = $2",
                    &[&t.account.0, &t.from_location.as_str(), &t.to_location.as_str()],
                )?;
                if moved != 1 {
                    return Err(rows::account_left(&t));
                }
            }
            let n = tx.execute(
                "UPDATE transfers SET decision = $2, decided_by = $3, decided_at = $4 WHERE id = $1 AND decision IS NULL",
                &[&id.0, &decision.as_str(), &decided_by, &at],
            )?;
            if n != 1 {
                return Err(Error::Refused(Text::new("transfer-decided-meanwhile").arg("id", id)));
            }
            insert_audit(tx, &audit)?;
            transfer_in(tx, id, "")?.ok_or_else(|| Error::Storage(format!("transfer request #{id} vanished")))
        })
    }
}

/// The request `id`, read with `lock` (`""` or a `FOR UPDATE` clause).
fn transfer_in(client: &mut impl GenericClient, id: TransferId, lock: &str) -> Result<Option<Transfer>, Error> {
    let sql = format!("{TRANSFER_SELECT} WHERE t.id = $1 {lock}");
    client.query_opt(&sql, &[&id.0])?.map(|r| rows::transfer(&r)).transpose()
}
