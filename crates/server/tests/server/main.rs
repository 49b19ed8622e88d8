//! The real `gatehouse-server` binary over HTTPS, on a PostgreSQL database of the tests' own
//! server (`gatehouse-testpg`), with a certificate made for the run. One test binary, one module
//! per concern.

mod console;
mod deploy;
mod devices;
mod handoff;
mod kiosks;
mod limits;
mod oidc;
mod outage;
mod remote_console;
mod saml;
mod sessions;
mod support;
mod web;
