//! The append-only audit log.

use crate::audit::{AuditEntry, AuditQuery, AuditRecord};
use crate::error::Error;
use crate::types::{AccountKind, Location};

/// Which audit events a scoped administrator reads: those they did (`actor`) since their own
/// account was made, and those whose subject is an account now at `location` of one of `kinds`
/// since that account was made (a login ID given again does not bring its former holder's).
#[derive(Debug, Clone)]
pub struct AuditVisibility {
    pub actor: String,
    pub location: Location,
    pub kinds: Vec<AccountKind>,
}

/// What a backend stores for this area (see the module documentation).
pub trait AuditStore {
    fn append_audit(&self, record: &AuditRecord) -> Result<(), Error>;

    fn audit(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>, Error>;

    /// As [`Store::audit`], limited (before `limit`/`offset` apply) to what `visible` allows.
    fn audit_visible(&self, query: &AuditQuery, visible: &AuditVisibility) -> Result<Vec<AuditEntry>, Error>;
}
