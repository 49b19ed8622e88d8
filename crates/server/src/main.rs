//! `gatehouse-server --config FILE`: see the library's documentation.

fn main() -> std::process::ExitCode {
    gatehouse_server::main()
}
