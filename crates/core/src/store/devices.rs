//! The machines registered with a school's server (issue 14 §2): one-time enrolment codes an
//! administrator issues, and the devices that exchanged one for a credential of their own. Both
//! are kept only as SHA-256 of the secret (the code and the credential are long random strings,
//! so a plain hash is enough and lets the server find a device in one indexed lookup).

use crate::audit::AuditRecord;
use crate::clock::Timestamp;
use crate::error::Error;

/// SHA-256 of an enrolment code or a device credential.
pub type SecretHash = [u8; 32];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct DeviceId(pub i64);

/// A registered machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub id: DeviceId,
    /// The name the audit log gives the machine (unique, case-insensitively).
    pub name: String,
    /// Registered as a kiosk: it may open kiosk sessions.
    pub kiosk: bool,
    pub created_at: Timestamp,
    /// Who issued the enrolment code it used.
    pub enrolled_by: String,
    pub revoked_at: Option<Timestamp>,
}

/// An enrolment code as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEnrolmentCode {
    pub code_hash: SecretHash,
    /// How many machines may still register with it.
    pub uses: u32,
    pub expires_at: Timestamp,
    pub created_by: String,
    /// For kiosks, or for other machines: a machine registers only as what its code is for.
    pub kiosk: bool,
}

/// A machine asking to register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDevice<'a> {
    pub code_hash: &'a SecretHash,
    pub name: &'a str,
    pub kiosk: bool,
    pub credential_hash: &'a SecretHash,
}

/// What a backend stores for this area (see the module documentation).
pub trait DeviceStore {
    /// Adds an enrolment code, with its audit record.
    fn add_enrolment_code(&self, code: &NewEnrolmentCode, now: Timestamp, audit: &AuditRecord) -> Result<(), Error>;

    /// Spends one use of the code and adds the device, in one transaction with `audit`. `None`:
    /// the code is unknown, used up, expired at `now` or for the other kind of machine (a
    /// kiosk's code for a laptop, or the other way round; nothing is written). A name already
    /// taken is [`Error::Conflict`] and the code's use is not spent.
    fn enrol_device(
        &self,
        device: &NewDevice<'_>,
        now: Timestamp,
        audit: &AuditRecord,
    ) -> Result<Option<Device>, Error>;

    /// The device holding this credential, revoked or not.
    fn device_by_credential(&self, credential_hash: &SecretHash) -> Result<Option<Device>, Error>;

    /// Every registered device, by name.
    fn list_devices(&self) -> Result<Vec<Device>, Error>;

    /// Revokes the device named `name` (case-insensitively) at `now`, with `audit`, and ends the
    /// sessions it opened (a window's, and with it the browser sessions handed from it); `None`
    /// when there is no such device; a device revoked before keeps its first revocation time.
    fn revoke_device(&self, name: &str, now: Timestamp, audit: &AuditRecord) -> Result<Option<Device>, Error>;
}
