//! A throw-away PostgreSQL server for `make run-server`: starts one (as the tests do), creates a
//! database, writes its password to the file named by the first argument, prints the URL for
//! gatehouse.toml's `[storage] url` on one line, and runs until killed; the server and its
//! directory go with it (the harness's reaper), also on `kill -9`.

fn main() {
    let Some(password_file) = std::env::args().nth(1) else {
        eprintln!("usage: postgres PASSWORD_FILE");
        std::process::exit(2);
    };
    let server = gatehouse_testpg::TestPostgres::new().unwrap_or_else(|e| {
        eprintln!("cannot start PostgreSQL: {e}");
        std::process::exit(1);
    });
    let database = server.database();
    let (url, password) = database.storage_url();
    gatehouse_testpg::write_password_file(password_file.as_ref(), &password.unwrap_or_default())
        .expect("write the password file");
    println!("{url}");
    loop {
        std::thread::park();
    }
}
