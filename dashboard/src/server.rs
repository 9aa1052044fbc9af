//! `netstate dashboard`: read-only pages about one society, rendered on the server with maud
//! (HTML checked at compile time, every value escaped), no script. Every page reads the
//! cluster through `netstate-client` when it is asked for.

use std::sync::Arc;

use anchor_lang::prelude::Pubkey;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use netstate_client::describe;
use netstate_client::history::Direction;
use netstate_client::proposals::ProposalState;
use netstate_client::{NetstateClient, Society};

use crate::data;

/// Members shown per page.
pub const PAGE_SIZE: usize = 50;

/// Treasury transactions read for "Recent movements".
pub const RECENT_MOVEMENTS: usize = 50;

/// How to run the dashboard.
#[derive(Debug)]
pub struct DashboardConfig {
    /// The client the pages read through: its cluster, its netstate deployment (a society
    /// on a build at another address is read there) and its commitment.
    pub client: NetstateClient,
    /// The society's name.
    pub society: String,
    /// `Some("devnet")`, `Some("testnet")` or `Some("mainnet-beta")` on public clusters:
    /// addresses link to the Solana explorer there; elsewhere to these pages.
    pub explorer_cluster: Option<String>,
}

/// The dashboard's state.
#[derive(Debug)]
pub struct Dashboard {
    client: NetstateClient,
    society: String,
    explorer_cluster: Option<String>,
}

/// A page that could not be made: a status and a sentence.
struct Failure(StatusCode, String);

impl From<netstate_client::ClientError> for Failure {
    fn from(e: netstate_client::ClientError) -> Self {
        match e {
            netstate_client::ClientError::AccountNotFound(_) => Failure(
                StatusCode::NOT_FOUND,
                "no such account on this cluster".into(),
            ),
            e => Failure(
                StatusCode::BAD_GATEWAY,
                format!("the cluster answered: {e}"),
            ),
        }
    }
}

impl Dashboard {
    /// A dashboard for `config.society`, read through `config.client`.
    pub fn new(config: DashboardConfig) -> Arc<Self> {
        Arc::new(Dashboard {
            client: config.client,
            society: config.society,
            explorer_cluster: config.explorer_cluster,
        })
    }

    /// The routes.
    pub fn router(self: &Arc<Self>) -> axum::Router {
        use axum::routing::get;
        axum::Router::new()
            .route("/", get(society_page))
            .route("/map", get(map_page))
            .route("/map.svg", get(map_svg))
            .route("/members", get(members_page))
            .route("/hubs", get(hubs_page))
            .route("/hubs/{code}", get(hub_page))
            .route("/proposals", get(proposals_page))
            .route("/proposals/{index}", get(proposal_page))
            .route("/treasury", get(treasury_page))
            .with_state(self.clone())
    }

    /// Serves on `listener` until `shutdown` completes.
    pub async fn serve(
        self: &Arc<Self>,
        listener: tokio::net::TcpListener,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(listener, self.router())
            .with_graceful_shutdown(shutdown)
            .await
    }

    async fn society(&self) -> Result<(Pubkey, Society), Failure> {
        Ok(self.client.society(&self.society).await?)
    }

    /// A link for an address: the explorer on public clusters, else this dashboard's search.
    fn address_link(&self, address: &Pubkey) -> Markup {
        self.link(address, true)
    }

    /// An address that is no member's wallet (a hub's key, a mint, a counterparty): the
    /// explorer's page on public clusters, plain text on a local one (a members search
    /// would find nothing).
    fn account_link(&self, address: &Pubkey) -> Markup {
        self.link(address, false)
    }

    fn link(&self, address: &Pubkey, member: bool) -> Markup {
        let text = address.to_string();
        let href = match &self.explorer_cluster {
            Some(cluster) if cluster == "mainnet-beta" => {
                Some(format!("https://explorer.solana.com/address/{text}"))
            }
            Some(cluster) => Some(format!(
                "https://explorer.solana.com/address/{text}?cluster={cluster}"
            )),
            None if member => Some(format!("/members?q={text}")),
            None => None,
        };
        // In a table on a phone, the first and last characters stand for the address (the
        // whole of it in the title and the link).
        let short = format!("{}…{}", &text[..4], &text[text.len() - 4..]);
        let both = html! { span.full { (text) } span.short { (short) } };
        match href {
            Some(href) => html! { a.address href=(href) title=(text) { (both) } },
            None => html! { span.address title=(text) { (both) } },
        }
    }
}

/// The page frame: title, language, navigation, phone-width layout.
fn frame(title: &str, society: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { @if title == society { (society) } @else { (title) " · " (society) } }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    p.society { (society) }
                    nav aria-label="Sections" {
                        a href="/" { "Society" } " "
                        a href="/map" { "Map" } " "
                        a href="/members" { "Members" } " "
                        a href="/hubs" { "Hubs" } " "
                        a href="/proposals" { "Proposals" } " "
                        a href="/treasury" { "Treasury" }
                    }
                }
                main { h1 { (title) } (body) }
            }
        }
    }
}

const STYLE: &str = "body{margin:0;font-family:system-ui,sans-serif;background:#f4f1ea;color:#1d1d1b;line-height:1.45}header{background:#1d1d1b;color:#f4f1ea;padding:.6rem 1rem}header a{color:#f4f1ea;margin-right:.8rem}.society{margin:0 0 .3rem;font-weight:600}main{max-width:62rem;margin:0 auto;padding:1rem}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #d8d2c4;vertical-align:top}.address{font-family:ui-monospace,monospace;font-size:.85rem;word-break:break-all}.map svg{width:100%;height:auto}.chart{margin:0;max-width:48rem}.chart svg{width:100%;height:5rem;display:block;border-bottom:1px solid #55524a}.chart-dates{display:flex;justify-content:space-between;font-size:.8rem;color:#55524a}.chart-scale,.chart figcaption{font-size:.9rem;color:#55524a}.hub-list{columns:2 14rem}.nowrap{white-space:nowrap}.bar{background:#e6e0d2;height:.8rem;position:relative;border-radius:.2rem}.bar span{display:block;height:100%;border-radius:.2rem}.mark{position:absolute;top:-.2rem;width:2px;height:1.2rem;background:#1d1d1b}dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dt{font-weight:600}.short{display:none}@media(max-width:40rem){dl{grid-template-columns:1fr}td,th{padding:.25rem}.map svg text{display:none}table .full{display:none}table .short{display:inline;white-space:nowrap}}";

/// An HTML response that is never cached.
fn page(markup: Markup) -> Response {
    let mut response = axum::response::Html(markup.into_string()).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn failure(dashboard: &Dashboard, Failure(status, message): Failure) -> Response {
    let mut response = page(frame(
        "Not available",
        &dashboard.society,
        html! { p { (message) } },
    ));
    *response.status_mut() = status;
    response
}

async fn society_page(State(d): State<Arc<Dashboard>>) -> Response {
    let result = async {
        let (address, s) = d.society().await?;
        let hubs = data::map_hubs(&d.client, &address, |code| Some(format!("/hubs/{code}"))).await?;
        let map = crate::map::render_svg(&format!("The hubs of {}", s.name), &hubs);
        let stage = match s.steward {
            Some(steward) => html! { "startup: the steward " (d.address_link(&steward)) " admits members and registers hubs" },
            None => html! { "self-governing: only proposals admit members, register hubs and spend" },
        };
        Ok::<_, Failure>(frame(&s.name, &s.name, html! {
            dl {
                dt { "Constitution" }
                dd { (uri_link(&s.constitution_uri)) br; span.address { "sha256 " (hex(&s.constitution_hash)) } }
                dt { "Admission" } dd { (describe::admission(&s.admission)) }
                dt { "Governance" } dd { (units_together(&describe::governance(&s.governance))) }
                dt { "Stage" } dd { (stage) }
                dt { "Members" } dd { (s.member_count) " (" (s.citizen_count) " citizens)" }
                dt { "Hubs" } dd { (s.active_node_count) " active of " (s.node_count) }
                dt { "Proposals" } dd { (s.proposal_count) }
                dt { "Founded" } dd { (describe::date(s.created_at)) }
                dt { "Account" } dd { (d.account_link(&address)) }
            }
            div.map { (PreEscaped(map)) }
        }))
    }
    .await;
    match result {
        Ok(markup) => page(markup),
        Err(e) => failure(&d, e),
    }
}

/// A URI from the chain as a link, only for schemes that cannot run code in the page
/// (`javascript:` and `data:` URIs stay text).
fn uri_link(uri: &str) -> Markup {
    const SAFE: [&str; 5] = ["https://", "http://", "ipfs://", "ipns://", "ar://"];
    let lower = uri.to_ascii_lowercase();
    html! {
        @if SAFE.iter().any(|scheme| lower.starts_with(scheme)) {
            a href=(uri) { (uri) }
        } @else {
            span.uri { (uri) }
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn map_svg(State(d): State<Arc<Dashboard>>) -> Response {
    let result = async {
        let (address, s) = d.society().await?;
        let hubs =
            data::map_hubs(&d.client, &address, |code| Some(format!("/hubs/{code}"))).await?;
        Ok::<_, Failure>(crate::map::render_svg(
            &format!("The hubs of {}", s.name),
            &hubs,
        ))
    }
    .await;
    match result {
        Ok(svg) => {
            let mut response = svg.into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("image/svg+xml"),
            );
            response
        }
        Err(e) => failure(&d, e),
    }
}

async fn map_page(State(d): State<Arc<Dashboard>>) -> Response {
    let result = async {
        let (address, s) = d.society().await?;
        let hubs = data::map_hubs(&d.client, &address, |code| Some(format!("/hubs/{code}"))).await?;
        let svg = crate::map::render_svg(&format!("The hubs of {}", s.name), &hubs);
        Ok::<_, Failure>(frame("Map", &s.name, html! {
            p { "Every hub at its place; the size of a marker is the people who have checked in there; hollow grey markers are retired hubs." }
            div.map { (PreEscaped(svg)) }
            ul.hub-list {
                @for hub in &hubs {
                    li {
                        a href=(format!("/hubs/{}", hub.code)) { (hub.name) }
                        " · " (hub.residents) " residents"
                        @if !hub.active { " · retired" }
                    }
                }
            }
            p { a href="/map.svg" { "The map as an SVG file" } }
        }))
    }
    .await;
    match result {
        Ok(markup) => page(markup),
        Err(e) => failure(&d, e),
    }
}

/// The query of the members page.
#[derive(Debug, serde::Deserialize)]
pub struct MemberQuery {
    /// A handle or wallet, or part of one.
    pub q: Option<String>,
    /// The page, from 1.
    pub page: Option<usize>,
    /// In a large society listed by wallet: the wallet the page starts after.
    pub after: Option<String>,
}

/// The shortest start of a wallet address the member search matches on.
const WALLET_PREFIX_MIN: usize = 4;

/// Whether a member matches a search: the handle anywhere, ignoring case; the
/// wallet only from its start, in its own case (base58 is case-sensitive), and
/// only from [`WALLET_PREFIX_MIN`] characters on, so that a short word never
/// matches by chance inside a random address.
fn member_matches(handle: &str, wallet: &Pubkey, needle: &str) -> bool {
    needle.is_empty()
        || handle.to_lowercase().contains(&needle.to_lowercase())
        || (needle.chars().count() >= WALLET_PREFIX_MIN && wallet.to_string().starts_with(needle))
}

/// What the members page shows: its members (whole accounts, only these), a sentence on
/// what was found, and the links to the pages before and after.
struct Listing {
    shown: Vec<(Pubkey, netstate_client::Member)>,
    summary: String,
    previous: Option<(String, &'static str)>,
    next: Option<String>,
}

/// A small society's members page: its roll (wallet, standing and handle of each member,
/// not their whole accounts) sorts and searches; only the page's members are read whole.
async fn roll_listing(
    d: &Dashboard,
    society: &Pubkey,
    query: &MemberQuery,
    needle: &str,
) -> Result<Listing, Failure> {
    let roll = d.client.member_roll(society).await?;
    let found: Vec<_> = roll
        .iter()
        .filter(|e| member_matches(&e.handle, &e.wallet, needle))
        .collect();
    let what = format!(
        "{} member(s){}",
        found.len(),
        if needle.is_empty() {
            String::new()
        } else {
            format!(" matching “{needle}”")
        }
    );
    search_page(
        d,
        &found,
        query.page,
        query.q.as_deref().unwrap_or_default(),
        what,
    )
    .await
}

/// Page `page` (from 1; the last when past it) of the roll lines `found`, their accounts
/// read whole, with `what` was found and the links to the pages around it (searching `q`).
async fn search_page(
    d: &Dashboard,
    found: &[&netstate_client::accounts::RollEntry],
    page: Option<usize>,
    q: &str,
    what: String,
) -> Result<Listing, Failure> {
    let pages = found.len().div_ceil(PAGE_SIZE).max(1);
    let page_number = page.unwrap_or(1).clamp(1, pages);
    let on_page: Vec<_> = found
        .iter()
        .skip((page_number - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|e| e.address)
        .collect();
    let q = url_encode(q);
    Ok(Listing {
        shown: d.client.members_at(&on_page).await?,
        summary: format!("{what}, page {page_number} of {pages}"),
        previous: (page_number > 1).then(|| {
            (
                format!("/members?q={q}&page={}", page_number - 1),
                "Previous",
            )
        }),
        next: (page_number < pages).then(|| format!("/members?q={q}&page={}", page_number + 1)),
    })
}

/// A large society's members page, reading only what it shows: without a search, a page in
/// wallet order from a cursor (`after`), read from the members whose wallets start with the
/// same byte; a wallet's full address, its one Member account; anything else, the members
/// whose handle starts with it (as typed, or in lower case), found by the node.
async fn large_listing(
    d: &Dashboard,
    society: &Pubkey,
    s: &Society,
    query: &MemberQuery,
    needle: &str,
) -> Result<Listing, Failure> {
    if needle.is_empty() {
        let after = match query.after.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(text.parse::<Pubkey>().map_err(|_| {
                Failure(
                    StatusCode::BAD_REQUEST,
                    format!("`after` is not a wallet address: {text:?}"),
                )
            })?),
        };
        let shown = d
            .client
            .members_after(society, after.as_ref(), PAGE_SIZE)
            .await?;
        let next = (shown.len() == PAGE_SIZE)
            .then(|| {
                shown
                    .last()
                    .map(|(_, m)| format!("/members?after={}", m.wallet))
            })
            .flatten();
        return Ok(Listing {
            summary: format!(
                "{} member(s), by wallet{}",
                s.member_count,
                if after.is_some() { ", continued" } else { "" }
            ),
            previous: after.map(|_| ("/members".to_string(), "First page")),
            shown,
            next,
        });
    }
    if let Ok(wallet) = needle.parse::<Pubkey>() {
        let shown: Vec<_> = d
            .client
            .member(society, &wallet)
            .await?
            .into_iter()
            .collect();
        return Ok(Listing {
            summary: format!("{} member(s) with the wallet {wallet}", shown.len()),
            shown,
            previous: None,
            next: None,
        });
    }
    let mut found = d.client.roll_by_handle_prefix(society, needle).await?;
    let lower = needle.to_lowercase();
    if lower != needle {
        found.extend(d.client.roll_by_handle_prefix(society, &lower).await?);
        found.sort_by(|a, b| a.handle.cmp(&b.handle).then(a.address.cmp(&b.address)));
    }
    let what = format!(
        "{} member(s) whose handle starts with “{needle}”",
        found.len()
    );
    let found: Vec<_> = found.iter().collect();
    search_page(d, &found, query.page, needle, what).await
}

async fn members_page(
    State(d): State<Arc<Dashboard>>,
    Query(query): Query<MemberQuery>,
) -> Response {
    let result = async {
        let (address, s) = d.society().await?;
        let today = d.client.today().await?;
        let needle = query.q.clone().unwrap_or_default().trim().to_string();
        let listing = if s.member_count >= netstate_client::accounts::LARGE_SOCIETY {
            large_listing(&d, &address, &s, &query, &needle).await?
        } else {
            roll_listing(&d, &address, &query, &needle).await?
        };
        let q = query.q.clone().unwrap_or_default();
        Ok::<_, Failure>(frame("Members", &s.name, html! {
            form method="get" action="/members" role="search" {
                label { "Handle or wallet " input type="search" name="q" value=(q); }
                " " button { "Search" }
            }
            p { (listing.summary) }
            table {
                thead { tr { th { "Handle" } th { "Standing" } th { "Days present (30)" } th { "Wallet" } } }
                tbody {
                    @for (_, m) in &listing.shown {
                        tr {
                            td { (m.handle) }
                            td { (netstate_client::describe::standing(m.status)) }
                            td { (m.days_within(today, 30)) }
                            td { (d.address_link(&m.wallet)) }
                        }
                    }
                }
            }
            nav aria-label="Pages" {
                @if let Some((href, label)) = &listing.previous { a rel="prev" href=(href) { (label) } " " }
                @if let Some(href) = &listing.next { a rel="next" href=(href) { "Next" } }
            }
        }))
    }
    .await;
    match result {
        Ok(markup) => page(markup),
        Err(e) => failure(&d, e),
    }
}

/// `text` encoded for a query string or a path segment.
fn url_encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

async fn hubs_page(State(d): State<Arc<Dashboard>>) -> Response {
    let result = async {
        let (address, s) = d.society().await?;
        let hubs = data::map_hubs(&d.client, &address, |code| Some(format!("/hubs/{code}"))).await?;
        Ok::<_, Failure>(frame("Hubs", &s.name, html! {
            table {
                thead { tr { th { "Hub" } th { "State" } th { "Residents" } } }
                tbody {
                    @for hub in &hubs {
                        tr {
                            td { a href=(format!("/hubs/{}", url_encode(&hub.code))) { (hub.name) } " (" (hub.code) ")" }
                            td { (if hub.active { "active" } else { "retired" }) }
                            td { (hub.residents) }
                        }
                    }
                }
            }
        }))
    }
    .await;
    match result {
        Ok(markup) => page(markup),
        Err(e) => failure(&d, e),
    }
}

/// Check-ins per day as a bar chart, oldest day first: the bars in SVG, as wide as the
/// page; the scale, the first, middle and last dates and the totals in HTML text, readable
/// at any width; each bar's date and count on hover.
fn chart(counts: &[u32], first_day: i64) -> Markup {
    const BAR: usize = 6;
    const HEIGHT: u32 = 60;
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let width = counts.len() * BAR;
    let total: u32 = counts.iter().sum();
    let busiest = counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .max_by_key(|(i, n)| (**n, *i));
    let day = |i: usize| describe::day(first_day + i as i64);
    let last = counts.len().saturating_sub(1);
    html! {
        figure.chart {
            div.chart-scale { "up to " (max) " a day" }
            svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {width} {HEIGHT}")) preserveAspectRatio="none" role="img" aria-label=(format!("{total} check-ins over {} days from {}", counts.len(), day(0))) {
                @for (i, n) in counts.iter().enumerate() {
                    @let h = HEIGHT * n / max;
                    rect x=(i * BAR) y=(HEIGHT - h) width=(BAR - 1) height=(h) fill="#c2410c" {
                        title { (day(i)) ": " (n) }
                    }
                }
            }
            div.chart-dates { span { (day(0)) } span { (day(last / 2)) } span { (day(last)) } }
            figcaption {
                (total) " check-ins in " (counts.len()) " days"
                @if let Some((i, n)) = busiest {
                    "; the busiest day, " (day(i)) ", had " (n)
                }
            }
        }
    }
}

async fn hub_page(State(d): State<Arc<Dashboard>>, Path(code): Path<String>) -> Response {
    let result = async {
        let (address, s) = d.society().await?;
        let (node_address, node) = d.client.node(&address, &code).await.map_err(|e| match e {
            netstate_client::ClientError::AccountNotFound(_) => Failure(StatusCode::NOT_FOUND, format!("no hub `{code}` in {}", s.name)),
            e => e.into(),
        })?;
        let today = d.client.today().await?;
        let residents = d.client.residents(&node_address).await?;
        let per_day = data::check_ins_per_day(&residents, today, 90);
        Ok::<_, Failure>(frame(&node.name, &s.name, html! {
            dl {
                dt { "Code" } dd { (node.code) }
                dt { "State" } dd { (if node.active { "active" } else { "retired" }) }
                dt { "Country" } dd { (String::from_utf8_lossy(&node.country)) }
                dt { "Location" } dd { (format!("{:.4}, {:.4}", f64::from(node.latitude_microdeg) / 1e6, f64::from(node.longitude_microdeg) / 1e6)) }
                dt { "Operator" } dd { (d.account_link(&node.operator)) }
                dt { "Check-ins" } dd { (node.check_in_count) " by " (node.resident_count) " people" }
                dt { "Present (30 days)" } dd { (data::present_within(&residents, today, 30)) }
                dt { "Registered" } dd { (describe::date(node.registered_at)) }
            }
            h2 { "Check-ins per day, last 90 days" }
            (chart(&per_day, i64::from(today) - 89))
        }))
    }
    .await;
    match result {
        Ok(markup) => page(markup),
        Err(e) => failure(&d, e),
    }
}

/// A bar: `part` of `whole`, with a mark at `threshold_bps`.
/// `text` with a no-break space between a number and its unit (`3 d`, `10 min`, `2.5 SOL`),
/// so that a narrow screen never puts the unit on the next line.
fn units_together(text: &str) -> String {
    const UNITS: [&str; 6] = ["d", "h", "min", "s", "w", "SOL"];
    let words: Vec<&str> = text.split(' ').collect();
    let mut out = String::with_capacity(text.len());
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            let after_number = words[i - 1]
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_digit());
            let unit = UNITS
                .iter()
                .any(|u| word.trim_end_matches([',', ';', '.', ')']) == *u);
            out.push(if after_number && unit { '\u{a0}' } else { ' ' });
        }
        out.push_str(word);
    }
    out
}

/// `part` of `whole` in whole percent (0 of nothing).
fn percent(part: u32, whole: u32) -> u64 {
    if whole == 0 {
        0
    } else {
        u64::from(part) * 100 / u64::from(whole)
    }
}

fn bar(part: u32, whole: u32, threshold_bps: u16, label: &str, color: &str) -> Markup {
    let percent = percent(part, whole);
    let mark = u64::from(threshold_bps) / 100;
    html! {
        div.bar role="img" aria-label=(format!("{label}: {part} of {whole}, threshold {mark}%")) {
            span style=(format!("width:{percent}%;background:{color}")) {}
            div.mark style=(format!("left:{mark}%")) {}
        }
    }
}

async fn proposals_page(State(d): State<Arc<Dashboard>>) -> Response {
    let result = async {
        let (address, s) = d.society().await?;
        let now = d.client.unix_time().await?;
        let proposals = d.client.proposals(&address, None).await?;
        Ok::<_, Failure>(frame("Proposals", &s.name, html! {
            @if proposals.is_empty() { p { "No proposals yet." } }
            table {
                thead { tr { th { "#" } th { "Title" } th { "Status" } th { "Yes / no / abstain" } } }
                tbody {
                    @for (_, p) in &proposals {
                        tr {
                            td { (p.index) }
                            td { a href=(format!("/proposals/{}", p.index)) { (p.title) } }
                            td { (ProposalState::of(p, now).name()) }
                            td { (p.tally.yes) " / " (p.tally.no) " / " (p.tally.abstain) }
                        }
                    }
                }
            }
        }))
    }
    .await;
    match result {
        Ok(markup) => page(markup),
        Err(e) => failure(&d, e),
    }
}

async fn proposal_page(State(d): State<Arc<Dashboard>>, Path(index): Path<String>) -> Response {
    let result = async {
        let (address, s) = d.society().await?;
        let index: u64 = index.parse().map_err(|_| Failure(StatusCode::NOT_FOUND, format!("no proposal {index:?}")))?;
        let (_, p) = d.client.proposal(&address, index).await.map_err(|e| match e {
            netstate_client::ClientError::AccountNotFound(_) => Failure(StatusCode::NOT_FOUND, format!("no proposal {index} in {} (or it was closed)", s.name)),
            e => e.into(),
        })?;
        let now = d.client.unix_time().await?;
        let state = ProposalState::of(&p, now);
        let cast = p.tally.yes + p.tally.no + p.tally.abstain;
        Ok::<_, Failure>(frame(&format!("#{} {}", p.index, p.title), &s.name, html! {
            p.status { (state.text(&p)) }
            dl {
                dt { "Action" } dd { (units_together(&describe::action(&p.action, None))) }
                dt { "Proposer" } dd { (d.address_link(&p.proposer)) }
                @if !p.description_uri.is_empty() { dt { "Description" } dd { (uri_link(&p.description_uri)) } }
            }
            h2 { "Votes" }
            p { (p.tally.yes) " yes, " (p.tally.no) " no, " (p.tally.abstain) " abstain of " (p.eligible_count) " eligible" }
            p { "Turnout: " (cast) " of " (p.eligible_count) " eligible (" (percent(cast, p.eligible_count)) "%); the quorum is " (p.quorum_bps / 100) "%" }
            (bar(cast, p.eligible_count, p.quorum_bps, "turnout", "#1d4ed8"))
            p { "Yes: " (p.tally.yes) " of " (p.tally.yes + p.tally.no) " yes and no (" (percent(p.tally.yes, p.tally.yes + p.tally.no)) "%); passing needs " (p.approval_bps / 100) "%" }
            (bar(p.tally.yes, p.tally.yes + p.tally.no, p.approval_bps, "approval", "#15803d"))
            h2 { "Timeline" }
            ol.timeline {
                li { "Created " (describe::date(p.created_at)) }
                li { "Voting ends " (describe::date(p.voting_ends_at)) }
                li { "Executable from " (describe::date(p.executable_at)) }
                li { "Deadline " (describe::date(p.execution_deadline)) }
                @if p.executed_at != 0 { li { "Executed " (describe::date(p.executed_at)) } }
            }
        }))
    }
    .await;
    match result {
        Ok(markup) => page(markup),
        Err(e) => failure(&d, e),
    }
}

async fn treasury_page(State(d): State<Arc<Dashboard>>) -> Response {
    let result = async {
        let (address, s) = d.society().await?;
        let t = d.client.treasury(&address).await?;
        let reserve = d
            .client
            .rpc()
            .get_minimum_balance_for_rent_exemption(0)
            .await
            .map_err(|e| Failure(StatusCode::BAD_GATEWAY, e.to_string()))?
            .min(t.lamports);
        let flows = d.client.treasury_flows(&address, RECENT_MOVEMENTS).await?;
        let decimals = |mint: &Pubkey| t.tokens.iter().find(|(m, ..)| m == mint).map(|(.., d)| *d);
        Ok::<_, Failure>(frame("Treasury", &s.name, html! {
            dl {
                dt { "Account" } dd { (d.account_link(&t.address)) }
                dt { "Spendable" } dd { (netstate_client::amounts::sol(t.lamports - reserve)) }
                dt { "Rent reserve (never spent)" } dd { (netstate_client::amounts::sol(reserve)) }
            }
            @if !t.tokens.is_empty() {
                h2 { "Tokens" }
                table {
                    thead { tr { th { "Mint" } th { "Balance" } } }
                    tbody {
                        @for (mint, _, amount, decimals) in &t.tokens {
                            tr { td { (d.account_link(mint)) } td { (netstate_client::amounts::units(*amount, *decimals)) } }
                        }
                    }
                }
            }
            h2 { "Recent movements" }
            @if flows.is_empty() { p { "None yet." } } @else {
                table.flows {
                    thead { tr { th { "When" } th { "" } th { "Amount" } th { "From or to" } } }
                    tbody {
                        @for flow in &flows {
                            tr {
                                td { (describe::date(flow.block_time.unwrap_or(0))) }
                                td { (match flow.direction { Direction::In => "in", Direction::Out => "out" }) }
                                td {
                                    @match flow.mint {
                                        None => { (netstate_client::amounts::sol(flow.amount)) }
                                        Some(mint) => @match decimals(&mint) {
                                            Some(dec) => { (netstate_client::amounts::units(flow.amount, dec)) " of " (d.account_link(&mint)) }
                                            None => { (flow.amount) " base units of " (d.address_link(&mint)) }
                                        },
                                    }
                                }
                                td { (d.account_link(&flow.counterparty)) }
                            }
                        }
                    }
                }
            }
        }))
    }
    .await;
    match result {
        Ok(markup) => page(markup),
        Err(e) => failure(&d, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_matches_handles_in_any_case_and_wallets_only_by_their_start() {
        let text = "EHtMsBYtFQLAn3dJzGjNcu6UjtC2nASw5HmZeruxhHak";
        let wallet: &Pubkey = &text.parse().expect("an address");
        assert!(member_matches("ana", wallet, ""));
        assert!(member_matches("ana", wallet, "AN"));
        assert!(!member_matches("bo", wallet, "AN"), "not inside an address");
        assert!(!member_matches("bo", wallet, "an3d"), "not in the middle");
        assert!(!member_matches("bo", wallet, "EHT"), "too short a start");
        assert!(
            !member_matches("bo", wallet, "ehtm"),
            "base58 keeps its case"
        );
        assert!(member_matches("bo", wallet, "EHtM"));
        assert!(member_matches("bo", wallet, text));
    }

    #[test]
    fn only_harmless_schemes_become_links() {
        assert!(
            uri_link("ipfs://Qm")
                .into_string()
                .starts_with("<a href=\"ipfs://Qm\"")
        );
        assert!(uri_link("HTTPS://x.org").into_string().starts_with("<a "));
        let script = uri_link("javascript:alert(1)").into_string();
        assert!(!script.contains("href"), "{script}");
        assert!(!uri_link("data:text/html,x").into_string().contains("href"));
    }
}
