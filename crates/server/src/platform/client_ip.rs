//! The client's address, for the per-address budgets (lookup, complaints, login throttling).
//!
//! A bureau's portal usually sits behind a reverse proxy (nginx, a load balancer, the
//! government cloud's gateway): every connection then comes from the proxy, and budgets per
//! peer address would throttle all citizens together. The address the proxy saw is in
//! `X-Forwarded-For` — but anyone can send that header, so it is believed only from the
//! proxies the operator names (`serve --trusted-proxy`), and read from the right: the last
//! address that is not itself a trusted proxy is the one the outermost trusted proxy saw
//! (RFC 7239 §5.2 describes the same chain for `Forwarded`; nginx's `realip` module works the
//! same way with `real_ip_recursive on`).

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::AppState;
use crate::error::ApiError;

/// The client's address (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

/// The address a request with peer `peer` and `X-Forwarded-For` values `forwarded` comes
/// from, believing the header only from `trusted` peers.
pub fn client_ip<'a>(
    peer: IpAddr,
    forwarded: impl Iterator<Item = &'a str>,
    trusted: &[IpAddr],
) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let hops: Vec<&str> = forwarded.flat_map(|v| v.split(',')).collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !trusted.contains(&ip) {
                    break;
                }
            }
            // A hop that is not an address (a proxy that writes names, or garbage sent by
            // the client) ends what can be believed: the last good one stands.
            Err(_) => break,
        }
    }
    client
}

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
            .ok_or_else(|| ApiError::internal("the server runs without connection info"))?;
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok());
        Ok(ClientIp(client_ip(
            peer,
            forwarded,
            &state.config.trusted_proxies,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn the_header_counts_only_from_a_trusted_proxy() {
        let proxy = ip("10.0.0.2");
        let trusted = [proxy, ip("10.0.0.3")];
        let xff = |s: &'static str| std::iter::once(s);
        // Directly connected: the header is whatever the client wrote.
        assert_eq!(
            client_ip(ip("203.0.113.9"), xff("1.2.3.4"), &trusted),
            ip("203.0.113.9")
        );
        // Through the proxy: the address it appended, not what the client put before it.
        assert_eq!(
            client_ip(proxy, xff("1.2.3.4, 198.51.100.7"), &trusted),
            ip("198.51.100.7")
        );
        // Two trusted proxies in a row are skipped.
        assert_eq!(
            client_ip(proxy, xff("198.51.100.7, 10.0.0.3"), &trusted),
            ip("198.51.100.7")
        );
        // Several header lines read as one list; garbage stops the walk.
        let lines = ["198.51.100.7", "10.0.0.3"];
        assert_eq!(
            client_ip(proxy, lines.into_iter(), &trusted),
            ip("198.51.100.7")
        );
        assert_eq!(client_ip(proxy, xff("junk"), &trusted), proxy);
        assert_eq!(client_ip(proxy, std::iter::empty(), &trusted), proxy);
        // Nothing trusted: the peer, always.
        assert_eq!(client_ip(proxy, xff("1.2.3.4"), &[]), proxy);
    }
}
