//! Location transfer requests and their decisions.

use crate::audit::AuditRecord;
use crate::clock::Timestamp;
use crate::error::Error;
use crate::types::{AccountId, Location, LoginId, TransferId};

/// A location transfer request (DESIGN §1, §5): an LA asks for an account of their location to
/// move, the AO of the target location approves (the account moves) or rejects it. A decided
/// request is final.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    pub id: TransferId,
    pub account: AccountId,
    /// The account's login ID (as now stored).
    pub login: LoginId,
    pub from_location: Location,
    pub to_location: Location,
    /// The actor who asked (a login ID, or `cli:<user>` for the command line).
    pub requested_by: String,
    pub requested_at: Timestamp,
    pub decided_by: Option<String>,
    pub decided_at: Option<Timestamp>,
    /// `None` while pending.
    pub decision: Option<TransferDecision>,
}

/// How a transfer request was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TransferDecision {
    Approved,
    Rejected,
}

impl TransferDecision {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }
}

/// A transfer request to record.
#[derive(Debug, Clone)]
pub struct NewTransfer {
    pub account: AccountId,
    /// Where the account is when asked; the request is refused if it is elsewhere by then.
    pub from_location: Location,
    pub to_location: Location,
    pub requested_by: String,
    pub requested_at: Timestamp,
}

/// What a backend stores for this area (see the module documentation).
pub trait TransferStore {
    /// Records a transfer request. Refused (`Error::Refused`) when the account has a pending
    /// request already or is no longer at `from_location`.
    fn create_transfer(&self, transfer: &NewTransfer, audit: AuditRecord) -> Result<TransferId, Error>;

    fn transfer(&self, id: TransferId) -> Result<Option<Transfer>, Error>;

    /// Pending requests, oldest first; only those to `to` when given.
    fn pending_transfers(&self, to: Option<&Location>) -> Result<Vec<Transfer>, Error>;

    /// Decides a pending request in one transaction: the decision, the account's move (when
    /// approved) and the audit record commit together. A request already decided, or whose
    /// account has left `from_location` meanwhile, is `Error::Refused`; an unknown id is
    /// `Error::Invalid`.
    fn decide_transfer(
        &self,
        id: TransferId,
        decision: TransferDecision,
        decided_by: &str,
        at: Timestamp,
        audit: AuditRecord,
    ) -> Result<Transfer, Error>;
}
