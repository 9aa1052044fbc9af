//! The kiosk page as a person sees it: Chromium (headless) opens it, takes a screenshot,
//! and the QR code decoded from the screenshot's pixels is the door's Solana Pay link.
//! `.ci/run` installs Chromium from the distribution's packages.

mod common;

use common::world;

/// Runs headless Chromium on `url` with `args`; its standard output.
fn headless(url: &str, args: &[&str]) -> String {
    netstate_testkit::browser::headless(url, args).unwrap()
}

/// The texts of the QR codes found in a PNG screenshot.
fn qr_codes(png_path: &std::path::Path) -> Vec<String> {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_path).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut pixels).unwrap();
    let channels = frame.color_type.samples();
    let (width, height) = (frame.width as usize, frame.height as usize);
    let luma = |x: usize, y: usize| -> u8 {
        let i = (y * width + x) * channels;
        match channels {
            1 | 2 => pixels[i],
            _ => {
                let (r, g, b) = (
                    u32::from(pixels[i]),
                    u32::from(pixels[i + 1]),
                    u32::from(pixels[i + 2]),
                );
                ((r * 299 + g * 587 + b * 114) / 1000) as u8
            }
        }
    };
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, luma);
    image
        .detect_grids()
        .into_iter()
        .filter_map(|grid| grid.decode().ok().map(|(_, text)| text))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_kiosk_page_shows_a_qr_code_a_phone_reads_back_to_the_door() {
    let w = world().await;
    let ana = w.member("ana").await;
    let (door, base) = w.door(None).await;

    let dir = tempfile::tempdir().unwrap();
    let shot = dir.path().join("kiosk.png");
    let page = base.clone();
    let shot_arg = format!("--screenshot={}", shot.display());
    tokio::task::spawn_blocking(move || headless(&page, &[&shot_arg, "--window-size=900,1100"]))
        .await
        .unwrap();
    assert!(shot.is_file(), "no screenshot was written");
    if let Some(keep) = std::env::var_os("NETSTATE_KIOSK_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }
    let codes = qr_codes(&shot);
    assert_eq!(codes.len(), 1, "one QR code in the screenshot: {codes:?}");
    // A Solana Pay transaction request: `solana:` and the URL-encoded endpoint with the
    // code on the screen, which the door accepts.
    let link =
        netstate_door::token::percent_decode(codes[0].strip_prefix("solana:").unwrap()).unwrap();
    let code = link
        .strip_prefix(&format!("{base}/check-in?k="))
        .unwrap_or_else(|| panic!("not this door's endpoint: {link}"));
    assert!(door.require_code(Some(code)).is_ok(), "the code is current");

    // What the page says, as the browser built it: the hub (its name escaped, not markup),
    // the society, and today's check-ins, which count a check-in made through the door.
    let page = base.clone();
    let dom = tokio::task::spawn_blocking(move || headless(&page, &["--dump-dom"]))
        .await
        .unwrap();
    assert!(dom.contains("Lisbon &lt;House&gt;"), "{dom}");
    assert!(dom.contains(common::SOCIETY), "{dom}");
    assert!(dom.contains("<strong>0</strong> checked in today"), "{dom}");
    // The phone POSTs to the link it read from the screen.
    let answer = reqwest::Client::new()
        .post(&link)
        .json(&serde_json::json!({ "account": solana_signer::Signer::pubkey(&ana).to_string() }))
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    common::sign_and_send(&w.client, &answer, &ana)
        .await
        .unwrap();
    let page = base.clone();
    let dom = tokio::task::spawn_blocking(move || headless(&page, &["--dump-dom"]))
        .await
        .unwrap();
    assert!(dom.contains("<strong>1</strong> checked in today"), "{dom}");
    w.node.stop().await;
}

/// A screenshot of `url` at `width` pixels, kept as `name`.png under
/// `target/kiosk-screenshots/`; its path.
fn shoot(url: &str, name: &str, width: u32) -> std::path::PathBuf {
    let shots =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/kiosk-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let shot = shots.join(format!("{name}-{width}.png"));
    let _ = std::fs::remove_file(&shot);
    headless(
        url,
        &[
            &format!("--screenshot={}", shot.display()),
            &format!("--window-size={width},1100"),
        ],
    );
    assert!(shot.is_file(), "no screenshot of {url}");
    shot
}

/// Offline, the kiosk as a person sees it, on the door's screen and on a phone: no check-in
/// code (a check-in cannot land), plain words, and a QR code the phone's camera opens to the
/// ticket form; the ticket page shows the ticket as a QR code that decodes to a ticket the
/// door signed. Screenshots of the kiosk online and offline and of the ticket pages, at 390
/// and 1280 pixels, land in `target/kiosk-screenshots/`.
#[tokio::test(flavor = "multi_thread")]
async fn offline_the_kiosk_offers_a_ticket_on_the_phone() {
    let w = world().await;
    let ana = w.member("ana").await;
    let dir = tempfile::tempdir().unwrap();
    let (door, base) = w.door_with(None, Some(dir.path().join("queue.txt"))).await;
    for width in [390, 1280] {
        let page = base.clone();
        tokio::task::spawn_blocking(move || shoot(&page, "kiosk-online", width))
            .await
            .unwrap();
    }

    // The chain goes away; the door stays up.
    w.node.stop().await;
    let page = base.clone();
    let dom = tokio::task::spawn_blocking(move || headless(&page, &["--dump-dom"]))
        .await
        .unwrap();
    assert!(dom.contains("cannot reach the Solana network"), "{dom}");
    assert!(!dom.contains("solana:"), "a check-in link offline: {dom}");
    assert!(!dom.contains("error sending request"), "{dom}");
    let mut phone_links = Vec::new();
    for width in [390, 1280] {
        let page = base.clone();
        let shot = tokio::task::spawn_blocking(move || shoot(&page, "kiosk-offline", width))
            .await
            .unwrap();
        phone_links.extend(qr_codes(&shot));
    }
    assert_eq!(
        phone_links.len(),
        2,
        "one QR code at each width: {phone_links:?}"
    );
    let code = phone_links[0]
        .strip_prefix(&format!("{base}/ticket?k="))
        .unwrap_or_else(|| panic!("not the ticket form: {}", phone_links[0]));
    assert!(door.require_code(Some(code)).is_ok());

    // The phone opens the form, pastes its address, and gets its ticket.
    let form_url = phone_links[0].clone();
    let form = tokio::task::spawn_blocking(move || {
        shoot(&form_url, "ticket-form", 390);
        headless(&form_url, &["--dump-dom"])
    })
    .await
    .unwrap();
    let form_code = door.form_code_at(netstate_door::token::now());
    assert!(form.contains(&form_code), "{form}");
    let ticket_url = format!(
        "{base}/ticket?wallet={}&f={form_code}",
        solana_signer::Signer::pubkey(&ana)
    );
    let shot = tokio::task::spawn_blocking(move || {
        shoot(&ticket_url, "ticket", 1280);
        shoot(&ticket_url, "ticket", 390)
    })
    .await
    .unwrap();
    let tickets = qr_codes(&shot);
    assert_eq!(tickets.len(), 1, "{tickets:?}");
    let ticket = netstate_client::tickets::SignedTicket::from_base58(&tickets[0]).unwrap();
    assert!(ticket.verify());
    assert_eq!(ticket.ticket.wallet, solana_signer::Signer::pubkey(&ana));
    assert_eq!(ticket.signer, solana_signer::Signer::pubkey(&w.operator));
}
