//! One module per noun.

pub mod census;
pub mod check_in;
pub mod dashboard;
pub mod demo;
pub mod door;
pub mod genesis;
pub mod localnet;
pub mod lookup;
pub mod map;
pub mod member;
pub mod node;
pub mod proposal;
pub mod society;
pub mod treasury;
pub mod treaty;
pub mod wallet;

/// Listens on `bind` (`ADDRESS:PORT`, port 0 for a free one) for a long-running command;
/// the listener and the address it got.
pub async fn listen(
    bind: &str,
) -> Result<(tokio::net::TcpListener, std::net::SocketAddr), crate::CliError> {
    let refuse = |e: std::io::Error| {
        let error = crate::CliError::new(format!("cannot listen on {bind}: {e}"));
        if e.kind() == std::io::ErrorKind::AddrInUse {
            error.named("AddressInUse").with_hint(
                "something else listens there (another door or dashboard?): choose another port with --bind 127.0.0.1:PORT, or port 0 for any free one",
            )
        } else {
            error
        }
    };
    let listener = tokio::net::TcpListener::bind(bind).await.map_err(refuse)?;
    let bound = listener.local_addr().map_err(refuse)?;
    Ok((listener, bound))
}
