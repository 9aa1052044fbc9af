//! The kiosk page a hub shows at its door: its name, today's check-ins and the QR code
//! that any Solana wallet scans to check in. Rendered on the server (the QR code as SVG), no
//! script; it reloads itself.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

use crate::Door;

/// Seconds between reloads of the kiosk page.
pub const REFRESH_SECS: u32 = 15;

/// Smallest side of the QR code on the page, in CSS pixels: readable by a phone at arm's
/// length.
const QR_PIXELS: u32 = 420;

/// `data` as an SVG QR code (medium error correction, with its quiet zone), or `None` when
/// it is too long for a QR code.
pub fn qr_svg(data: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).ok()?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(QR_PIXELS, QR_PIXELS)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build();
    // Inline in HTML: the XML declaration has no place there.
    image.find("<svg").map(|start| image[start..].to_string())
}

/// The style of the kiosk page.
fn kiosk_style() -> String {
    format!("body {{ margin: 0; font-family: system-ui, sans-serif; background: #f4f1ea; color: #1d1d1b; }}
main {{ max-width: 36rem; margin: 0 auto; padding: 1.5rem; text-align: center; }}
h1 {{ font-size: 2.2rem; margin: 0.2rem 0; }}
.society {{ font-size: 1.2rem; margin: 0 0 1rem; color: #55524a; }}
.qr {{ background: #ffffff; display: inline-block; padding: 0.5rem; border-radius: 0.5rem; }}
.qr {{ max-width: 100%; box-sizing: border-box; }}
.qr svg {{ display: block; width: min({QR_PIXELS}px, calc(100vw - 4rem)); height: auto; }}
input {{ max-width: 100%; box-sizing: border-box; font-size: 1rem; }}
.hint {{ font-size: 1.2rem; }}
.count strong {{ font-size: 1.6rem; }}
.offline {{ color: #9a2a16; }}
.link {{ font-family: ui-monospace, monospace; font-size: 0.8rem; color: #55524a; word-break: break-all; }}")
}

/// The style of the ticket pages.
fn ticket_style() -> String {
    format!(
        "body {{ font-family: system-ui, sans-serif; background: #f4f1ea; text-align: center; overflow-wrap: anywhere; padding: 0 0.5rem; }} .qr svg {{ width: min({QR_PIXELS}px, calc(100vw - 2rem)); height: auto; }} input {{ max-width: 100%; box-sizing: border-box; font-size: 1rem; }} .ticket-text {{ font-family: ui-monospace, monospace; word-break: break-all; max-width: 36rem; margin: 1rem auto; }}"
    )
}

/// The page's HTML for the door, given today's check-ins (or why they cannot be read).
///
/// Online, the page shows the Solana Pay QR code a wallet scans to check in, and today's
/// count. Offline (the chain cannot be read), a check-in cannot land, so the page says so in
/// plain words and offers only what works: a ticket the door signs, taken on the member's
/// phone (a QR code the camera opens: the phone pastes its own address) or typed here. The
/// door redeems its tickets by itself once the chain answers again. Why the chain could not
/// be read goes to the door's log, not to the public. Built with maud, as the dashboard's
/// pages are: every text from the chain or the request is escaped by construction.
pub fn render(door: &Door, today: Result<crate::Today, crate::DoorError>) -> String {
    let (code, hub_name, society) = door.names();
    let now = crate::token::now();
    let (qr_link, hint, status) = match today {
        Ok(today) => (
            door.solana_pay_url_at(now),
            "Scan with any Solana wallet to check in.",
            html! {
                p class="count" { strong { (today.check_ins) } " checked in today (" (today.day) ")" }
            },
        ),
        Err(e) => {
            eprintln!("door {code}: the chain cannot be read ({e}); offering tickets");
            let screen = door.code_at(now);
            (
                format!("{}/ticket?k={screen}", door.public_url()),
                "Scan with your phone's camera to take your ticket there.",
                html! {
                    p class="offline" { "This door cannot reach the Solana network right now, so it cannot check you in. Your visit still counts: take a ticket signed by the door, and the door redeems it for you when the network is back." }
                    form class="ticket" action="/ticket" method="get" {
                        label { "Or type your wallet address here " input name="wallet" size="44" required autocomplete="off"; }
                        input type="hidden" name="k" value=(screen);
                        button { "Get a signed ticket" }
                    }
                },
            )
        }
    };
    let qr = match qr_svg(&qr_link) {
        Some(svg) => PreEscaped(svg),
        None => PreEscaped("<p>The door's URL is too long for a QR code.</p>".to_string()),
    };
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="refresh" content=(REFRESH_SECS);
                title { (hub_name) " · check in" }
                style { (PreEscaped(kiosk_style())) }
            }
            body {
                main {
                    h1 { (hub_name) }
                    p class="society" { (society) " · hub " code { (code) } }
                    div class="qr" role="img" aria-label=(hint) { (qr) }
                    p class="hint" { (hint) }
                    (status)
                    p class="link" { (qr_link) }
                }
            }
        }
    };
    page.into_string()
}

/// A ticket page of the door's hub `hub_name` with `body` in it.
fn ticket_page(hub_name: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (hub_name) " · ticket" }
                style { (PreEscaped(ticket_style())) }
            }
            body {
                main {
                    h1 { (hub_name) }
                    (body)
                    p { a href="/" { "Back" } }
                }
            }
        }
    }
    .into_string()
}

/// `GET /`: the kiosk page.
pub async fn page(State(door): State<Arc<Door>>) -> Response {
    let today = door.today_at_hub().await;
    let mut response = Html(render(&door, today)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The query of `GET /ticket`.
#[derive(Debug, serde::Deserialize)]
pub struct TicketRequest {
    /// The member's wallet.
    pub wallet: Option<String>,
    /// The code on the screen.
    pub k: Option<String>,
    /// The code of a ticket form opened on a phone (lasts long enough to paste an address).
    pub f: Option<String>,
}

/// `GET /ticket?wallet=W&k=CODE`: signs an offline ticket for `W` (the code proves the
/// request comes from someone who sees the door's screen) and shows it as a QR code and
/// text, to redeem with `netstate check-in redeem` (the door also queues it for
/// `netstate door sync`).
pub async fn ticket(
    State(door): State<Arc<Door>>,
    axum::extract::Query(request): axum::extract::Query<TicketRequest>,
) -> Response {
    use std::str::FromStr;
    let page = |status: axum::http::StatusCode, body: Markup| {
        let (_, hub_name, _) = door.names();
        let mut response = (status, Html(ticket_page(hub_name, body))).into_response();
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    };
    if let Err(e) = door.require_ticket_code(request.k.as_deref(), request.f.as_deref()) {
        return page(e.status(), html! { p { (e.to_string()) } });
    }
    // Opened from the kiosk's QR code on a phone: a form to paste the wallet's address in.
    if request
        .wallet
        .as_deref()
        .is_none_or(|w| w.trim().is_empty())
    {
        return page(
            axum::http::StatusCode::OK,
            html! {
                p { "Paste your wallet's address (in your wallet app: copy address) to take a ticket the door signs for today." }
                form class="ticket" action="/ticket" method="get" {
                    label { "Wallet address" br; input name="wallet" size="44" required autocomplete="off" autofocus; }
                    input type="hidden" name="f" value=(door.form_code_at(crate::token::now()));
                    br;
                    button { "Get my ticket" }
                }
            },
        );
    }
    let Some(wallet) = request
        .wallet
        .as_deref()
        .and_then(|w| anchor_lang::prelude::Pubkey::from_str(w.trim()).ok())
    else {
        return page(
            axum::http::StatusCode::BAD_REQUEST,
            html! { p { "That is not a wallet address: copy it from your wallet and try again." } },
        );
    };
    match door.issue_ticket(&wallet).await {
        Ok(signed) => {
            let text = signed.to_base58();
            let qr = qr_svg(&text).unwrap_or_default();
            page(
                axum::http::StatusCode::OK,
                html! {
                    p { "Ticket for " (wallet) " on " (crate::day_text(i64::from(signed.ticket.day))) "." }
                    div class="qr" { (PreEscaped(qr)) }
                    p class="ticket-text" { (text) }
                    p { "Your visit is kept: the door redeems this ticket by itself when the network is back. You may keep it too (a photo will do): anyone can redeem it for up to 30 days with " code { "netstate check-in redeem TICKET" } "; it counts once." }
                },
            )
        }
        Err(e) => page(e.status(), html! { p { (e.to_string()) } }),
    }
}

/// `GET /icon.svg`: the icon wallets show beside the label.
pub async fn icon() -> Response {
    const ICON: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#1d1d1b"/><rect x="20" y="12" width="24" height="42" rx="2" fill="#f4f1ea"/><circle cx="38" cy="34" r="2.5" fill="#1d1d1b"/></svg>"##;
    let mut response = ICON.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_the_chain_cannot_write_markup() {
        let hostile = r#"<script>alert("x")</script> & 'y'"#;
        let page = ticket_page(hostile, html! { p { (hostile) } });
        assert!(!page.contains("<script>"), "{page}");
        assert_eq!(
            page.matches("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 'y'")
                .count(),
            3,
            "title, heading and body: {page}"
        );
    }

    #[test]
    fn the_qr_code_is_inline_svg() {
        let svg = qr_svg("solana:https://door.example.org/check-in").unwrap();
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(!svg.contains("<?xml"));
        assert!(qr_svg(&"x".repeat(5_000)).is_none());
    }
}
