//! A map of the archipelago: Natural Earth's 1:110m country outlines (the asset
//! `assets/world-110m.txt`, made by `examples/make_world_map.rs`) in the Equal Earth
//! projection, with every hub of the society at its coordinates, sized by the people who have
//! checked in there. Rendered as SVG, and as PNG for chat apps.

use std::fmt::Write as _;
use std::sync::OnceLock;

/// The outlines, as rings of (longitude, latitude) in degrees.
fn world() -> &'static [Vec<(f64, f64)>] {
    static WORLD: OnceLock<Vec<Vec<(f64, f64)>>> = OnceLock::new();
    WORLD.get_or_init(|| parse(include_str!("../assets/world-110m.txt")))
}

/// Reads the asset's rings (first point absolute, then differences, in 0.01°).
fn parse(text: &str) -> Vec<Vec<(f64, f64)>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let mut at = (0i64, 0i64);
            line.split_whitespace()
                .filter_map(|pair| {
                    let (x, y) = pair.split_once(',')?;
                    at = (at.0 + x.parse::<i64>().ok()?, at.1 + y.parse::<i64>().ok()?);
                    Some((at.0 as f64 / 100.0, at.1 as f64 / 100.0))
                })
                .collect()
        })
        .collect()
}

/// Equal Earth's constants (Šavrič, Patterson and Jenny, 2018).
const A1: f64 = 1.340_264;
const A2: f64 = -0.081_106;
const A3: f64 = 0.000_893;
const A4: f64 = 0.003_796;

/// Equal Earth: (longitude, latitude) in degrees to plane units (the world spans about
/// ±2.7 by ±1.3).
pub fn equal_earth(lon: f64, lat: f64) -> (f64, f64) {
    let lambda = lon.to_radians();
    let phi = lat.to_radians();
    let m = 3f64.sqrt() / 2.0;
    let theta = (m * phi.sin()).asin();
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let x = lambda * theta.cos() / (m * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)));
    let y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    (x, y)
}

/// The SVG canvas.
pub const WIDTH: f64 = 960.0;
/// The SVG canvas.
pub const HEIGHT: f64 = 470.0;
/// Half the projected world's width in plane units (longitude 180° on the equator).
const HALF_WIDTH: f64 = 2.706_66;

/// Plane units to canvas pixels (north up).
fn to_canvas((x, y): (f64, f64)) -> (f64, f64) {
    let scale = (WIDTH / 2.0 - 10.0) / HALF_WIDTH;
    (WIDTH / 2.0 + x * scale, HEIGHT / 2.0 - y * scale * 1.0)
}

/// A hub as the map draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct MapHub {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Latitude, degrees.
    pub latitude: f64,
    /// Longitude, degrees.
    pub longitude: f64,
    /// False once retired.
    pub active: bool,
    /// The people who have checked in there.
    pub residents: u32,
    /// Where its marker links to, if anywhere.
    pub href: Option<String>,
}

/// Text safe in SVG and HTML.
pub fn escape(text: &str) -> String {
    // maud's escaping, the one the dashboard's pages use.
    maud::html! { (text) }.into_string()
}

/// One ring as SVG path data, longitudes shifted by `shift` degrees.
fn ring_path(ring: &[(f64, f64)], shift: f64) -> String {
    let mut d = String::new();
    for (i, (lon, lat)) in ring.iter().enumerate() {
        let (x, y) = to_canvas(equal_earth(lon + shift, *lat));
        let _ = write!(d, "{}{x:.1} {y:.1}", if i == 0 { "M" } else { "L" });
    }
    d.push('Z');
    d
}

/// The outline of the whole globe in this projection, as SVG path data.
fn sphere_path() -> String {
    let mut points: Vec<(f64, f64)> = (-90..=90).map(|lat| (180.0, f64::from(lat))).collect();
    points.extend((-90..=90).rev().map(|lat| (-180.0, f64::from(lat))));
    ring_path(&points, 0.0)
}

/// The map as an SVG document: land, then every hub (retired ones hollow and grey), with
/// `title` on top.
pub fn render_svg(title: &str, hubs: &[MapHub]) -> String {
    let mut land = String::new();
    for ring in world() {
        let crosses = ring.windows(2).any(|w| (w[0].0 - w[1].0).abs() > 180.0);
        if crosses {
            // A ring across the antimeridian is drawn twice, on either side, and clipped
            // to the globe.
            let east: Vec<(f64, f64)> = ring
                .iter()
                .map(|(lon, lat)| (if *lon < 0.0 { lon + 360.0 } else { *lon }, *lat))
                .collect();
            land.push_str(&ring_path(&east, 0.0));
            land.push_str(&ring_path(&east, -360.0));
        } else {
            land.push_str(&ring_path(ring, 0.0));
        }
    }
    let sphere = sphere_path();
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="map-title" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif">
<title id="map-title">{title}</title>
<defs><clipPath id="globe"><path d="{sphere}"/></clipPath></defs>
<rect width="{WIDTH}" height="{HEIGHT}" fill="#f4f1ea"/>
<path d="{sphere}" fill="#dde7ee" stroke="#9fb3c2" stroke-width="0.8"/>
<path class="land" d="{land}" fill="#cfc6b0" stroke="#fbfaf6" stroke-width="0.4" fill-rule="evenodd" clip-path="url(#globe)"/>
"##,
        title = escape(title),
    );
    let mut ordered: Vec<&MapHub> = hubs.iter().collect();
    // Big markers first, so small ones stay visible on top.
    ordered.sort_by_key(|hub| std::cmp::Reverse(hub.residents));
    for hub in ordered {
        let (x, y) = to_canvas(equal_earth(hub.longitude, hub.latitude));
        let radius = 4.0 + 2.5 * f64::from(hub.residents).sqrt().min(12.0);
        let (fill, stroke, state) = if hub.active {
            ("#c2410c", "#7c2d12", "active")
        } else {
            ("none", "#6b7280", "retired")
        };
        let label = format!("{} ({}, {} residents)", hub.name, state, hub.residents);
        let marker = format!(
            r##"<g class="hub hub-{state}" data-code="{code}"><title>{label}</title><circle cx="{x:.1}" cy="{y:.1}" r="{radius:.1}" fill="{fill}" fill-opacity="0.85" stroke="{stroke}" stroke-width="1.5"/><text x="{tx:.1}" y="{ty:.1}" font-size="12" fill="#1d1d1b" stroke="#f4f1ea" stroke-width="3" paint-order="stroke">{name}</text></g>"##,
            code = escape(&hub.code),
            label = escape(&label),
            name = escape(&hub.name),
            tx = x + radius + 3.0,
            ty = y + 4.0,
        );
        match &hub.href {
            Some(href) => {
                let _ = write!(svg, r#"<a href="{}">{marker}</a>"#, escape(href));
            }
            None => svg.push_str(&marker),
        }
        svg.push('\n');
    }
    svg.push_str("</svg>\n");
    svg
}

/// The SVG as a PNG (for chat apps), twice its size; the labels use the system's fonts.
pub fn render_png(svg: &str) -> Result<Vec<u8>, String> {
    use resvg::{tiny_skia, usvg};
    let mut options = usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| format!("not an SVG: {e}"))?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(2.0)
        .ok_or("the map has no size")?;
    let mut pixmap =
        tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("cannot allocate the image")?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(2.0, 2.0),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode the PNG: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Half the projected world's height (latitude 90°).
    const HALF_HEIGHT: f64 = 1.317_37;

    #[test]
    fn the_projection_keeps_its_landmarks() {
        assert_eq!(equal_earth(0.0, 0.0), (0.0, 0.0));
        let (x, _) = equal_earth(180.0, 0.0);
        assert!((x - HALF_WIDTH).abs() < 1e-3, "{x}");
        let (_, y) = equal_earth(0.0, 90.0);
        assert!((y - HALF_HEIGHT).abs() < 1e-3, "{y}");
        // East is right, north is up on the canvas.
        let lisbon = to_canvas(equal_earth(-9.14, 38.72));
        let bali = to_canvas(equal_earth(115.19, -8.41));
        assert!(lisbon.0 < bali.0 && lisbon.1 < bali.1);
    }

    #[test]
    fn the_world_asset_is_read_whole() {
        let rings = world();
        assert!(rings.len() > 250, "{}", rings.len());
        let points: usize = rings.iter().map(Vec::len).sum();
        assert!(points > 9_000, "{points}");
        assert!(
            rings
                .iter()
                .flatten()
                .all(|(lon, lat)| lon.abs() <= 180.0 && lat.abs() <= 90.0)
        );
    }

    #[test]
    fn hubs_are_markers_with_escaped_names() {
        let svg = render_svg(
            "The Solar State",
            &[
                MapHub {
                    code: "lisbon".into(),
                    name: "Lisbon <House>".into(),
                    latitude: 38.72,
                    longitude: -9.14,
                    active: true,
                    residents: 4,
                    href: Some("/hubs/lisbon".into()),
                },
                MapHub {
                    code: "old".into(),
                    name: "Old Farm".into(),
                    latitude: -41.0,
                    longitude: 174.0,
                    active: false,
                    residents: 0,
                    href: None,
                },
            ],
        );
        assert_eq!(svg.matches(r#"<g class="hub "#).count(), 2);
        assert!(svg.contains("hub-retired") && svg.contains("hub-active"));
        assert!(svg.contains("Lisbon &lt;House&gt;") && !svg.contains("<House>"));
        assert!(svg.contains(r#"<a href="/hubs/lisbon">"#));
        let png = render_png(&svg).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        if let Some(keep) = std::env::var_os("NETSTATE_MAP_PNG") {
            std::fs::write(keep, &png).unwrap();
        }
    }
}
