//! The URL edits the harness needs: the same server and credentials, another database; and a
//! URL as gatehouse.toml's `[storage]` takes it, the password apart.

/// `url` with its database (the path) replaced by `dbname`; the query (`?sslmode=…`) is kept.
/// `dbname` is one of ours (`gh_<pid>_<n>`), so it needs no percent-encoding.
pub(crate) fn with_dbname(url: &str, dbname: &str) -> String {
    let authority_start = url.find("://").map_or(0, |i| i + 3);
    let rest = &url[authority_start..];
    let authority_end = authority_start + rest.find(['/', '?']).unwrap_or(rest.len());
    let query = url[authority_end..].find('?').map_or("", |i| &url[authority_end + i..]);
    format!("{}/{dbname}{query}", &url[..authority_end])
}

/// `postgres://user:password@host/db` → (`postgres://user@host/db?sslmode=disable`, password):
/// the test server listens on loopback only, without TLS, and Gatehouse refuses a password in
/// its `[storage] url` (it goes in a file).
pub(crate) fn split_password(url: &str) -> (String, Option<String>) {
    let (scheme, rest) = url.split_once("://").unwrap_or(("postgres", url));
    let (userinfo, host_and_path) = rest.rsplit_once('@').map_or(("", rest), |(u, h)| (u, h));
    let (user, password) = userinfo.split_once(':').map_or((userinfo, None), |(u, p)| (u, Some(p.to_owned())));
    let at = if user.is_empty() { String::new() } else { format!("{user}@") };
    let sep = if host_and_path.contains('?') { '&' } else { '?' };
    (format!("{scheme}://{at}{host_and_path}{sep}sslmode=disable"), password)
}

#[cfg(test)]
mod tests {
    use super::{split_password, with_dbname};

    #[test]
    fn the_password_is_taken_out_of_a_url_and_tls_switched_off_for_loopback() {
        assert_eq!(
            split_password("postgres://postgres:s3cret@127.0.0.1:5433/gh_1"),
            ("postgres://postgres@127.0.0.1:5433/gh_1?sslmode=disable".into(), Some("s3cret".into()))
        );
        assert_eq!(split_password("postgres://h/db?x=1"), ("postgres://h/db?x=1&sslmode=disable".into(), None));
    }

    #[test]
    fn the_database_of_a_url_is_replaced_and_the_rest_kept() {
        let cases = [
            ("postgres://u:p@127.0.0.1:5433/postgres", "postgres://u:p@127.0.0.1:5433/gh_1"),
            ("postgres://u:p@h:1/db?sslmode=disable", "postgres://u:p@h:1/gh_1?sslmode=disable"),
            ("postgres://h", "postgres://h/gh_1"),
            ("postgres://h/", "postgres://h/gh_1"),
            ("postgres://h?connect_timeout=3", "postgres://h/gh_1?connect_timeout=3"),
            ("postgresql:///db?host=/run/postgresql", "postgresql:///gh_1?host=/run/postgresql"),
        ];
        for (url, expected) in cases {
            assert_eq!(with_dbname(url, "gh_1"), expected, "{url}");
        }
    }
}
