//! The one URL edit the harness needs: the same server and credentials, another database.

/// `url` with its database (the path) replaced by `dbname`; the query (`?sslmode=…`) is kept.
/// `dbname` is one of ours (`gh_<pid>_<n>`), so it needs no percent-encoding.
pub(crate) fn with_dbname(url: &str, dbname: &str) -> String {
    let authority_start = url.find("://").map_or(0, |i| i + 3);
    let rest = &url[authority_start..];
    let authority_end = authority_start + rest.find(['/', '?']).unwrap_or(rest.len());
    let query = url[authority_end..].find('?').map_or("", |i| &url[authority_end + i..]);
    format!("{}/{dbname}{query}", &url[..authority_end])
}

#[cfg(test)]
mod tests {
    use super::with_dbname;

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
