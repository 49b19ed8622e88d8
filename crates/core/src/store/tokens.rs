//! The school's stock of hardware OATH tokens.

use crate::audit::AuditRecord;
use crate::clock::Timestamp;
use crate::error::Error;
use crate::otp::OtpParams;
use crate::types::LoginId;

/// A hardware token in the school's stock (imported from a seed file), bound or free.
#[derive(Clone)]
pub struct HardwareToken {
    pub serial: String,
    pub secret_sealed: Vec<u8>,
    pub hotp: bool,
    pub params: OtpParams,
    /// An HOTP token's next counter to expect: the seed file's, then moved up with every code
    /// its holder's authenticator takes (kept when it goes back to the stock); 0 for TOTP.
    pub counter: u64,
    pub imported_at: Timestamp,
    /// The account it is enrolled on, if any.
    pub bound_to: Option<LoginId>,
    /// Wrong codes typed while enrolling it since it was last free (the serial locks at
    /// `twofactor::TOKEN_ENROLMENT_TRIES` until an administrator frees it).
    pub failed_codes: u32,
}

/// What a backend stores for this area (see the module documentation).
pub trait TokenStore {
    /// Adds hardware tokens to the stock, all or none (a serial already there is a conflict).
    fn import_hardware_tokens(&self, tokens: &[HardwareToken], audit: AuditRecord) -> Result<usize, Error>;

    fn hardware_token(&self, serial: &str) -> Result<Option<HardwareToken>, Error>;

    fn hardware_tokens(&self) -> Result<Vec<HardwareToken>, Error>;

    /// Spends one enrolment try of a free token before its code is checked: returns the tries
    /// spent since it was last free, or `None` when `limit` were already spent (it is locked).
    /// Enrolling the token, or deleting the authenticator it was enrolled as, clears the count.
    fn spend_token_try(&self, serial: &str, limit: u32) -> Result<Option<u32>, Error>;

    /// Clears a token's count of wrong enrolment codes (an administrator frees a locked token).
    fn free_hardware_token(&self, serial: &str, audit: AuditRecord) -> Result<(), Error>;

    /// Moves an HOTP token's stock counter forward to `counter`, never back (the codes below it
    /// were given). The stores keep it up with the counter of the authenticator it is enrolled
    /// as, and a token going back to the stock keeps the counter its holder reached.
    fn set_hardware_counter(&self, serial: &str, counter: u64) -> Result<(), Error>;
}
