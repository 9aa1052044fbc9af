//! Converts Natural Earth's 1:110m country outlines, as TopoJSON (`countries-110m.json` of
//! the `world-atlas` npm package), into `assets/world-110m.txt`, the compact form the map
//! reads. Run once, when the asset is made:
//!
//! ```sh
//! npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
//! cargo run -p netstate-dashboard --example make_world_map -- package/countries-110m.json > dashboard/assets/world-110m.txt
//! ```
//!
//! Output: a comment header, then one polygon ring per line: the first point as
//! `lon,lat` in hundredths of a degree, the next ones as differences from the one before.

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: make_world_map countries-110m.json")?;
    let topology: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let scale = &topology["transform"]["scale"];
    let translate = &topology["transform"]["translate"];
    let (sx, sy) = (
        scale[0].as_f64().ok_or("scale")?,
        scale[1].as_f64().ok_or("scale")?,
    );
    let (tx, ty) = (
        translate[0].as_f64().ok_or("translate")?,
        translate[1].as_f64().ok_or("translate")?,
    );
    // Every arc decoded to absolute degrees.
    let arcs: Vec<Vec<(f64, f64)>> = topology["arcs"]
        .as_array()
        .ok_or("arcs")?
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0i64, 0i64);
            arc.as_array()
                .map(|points| {
                    points
                        .iter()
                        .map(|p| {
                            x += p[0].as_i64().unwrap_or(0);
                            y += p[1].as_i64().unwrap_or(0);
                            (x as f64 * sx + tx, y as f64 * sy + ty)
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    let ring = |indices: &serde_json::Value| -> Vec<(f64, f64)> {
        let mut points = Vec::new();
        for index in indices.as_array().into_iter().flatten() {
            let i = index.as_i64().unwrap_or(0);
            let mut arc = if i >= 0 {
                arcs[i as usize].clone()
            } else {
                let mut reversed = arcs[(!i) as usize].clone();
                reversed.reverse();
                reversed
            };
            if !points.is_empty() {
                arc.remove(0);
            }
            points.extend(arc);
        }
        points
    };
    let mut rings = Vec::new();
    for geometry in topology["objects"]["countries"]["geometries"]
        .as_array()
        .ok_or("geometries")?
    {
        let polygons: Vec<&serde_json::Value> = match geometry["type"].as_str() {
            Some("Polygon") => vec![&geometry["arcs"]],
            Some("MultiPolygon") => geometry["arcs"].as_array().into_iter().flatten().collect(),
            _ => continue,
        };
        for polygon in polygons {
            for r in polygon.as_array().into_iter().flatten() {
                rings.push(ring(r));
            }
        }
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "# Natural Earth 1:110m country outlines (public domain, naturalearthdata.com), from the"
    )?;
    writeln!(
        out,
        "# TopoJSON of world-atlas 2.0.2 (ISC licence, Copyright 2013-2019 Michael Bostock),"
    )?;
    writeln!(
        out,
        "# converted by dashboard/examples/make_world_map.rs: one ring per line, lon,lat in"
    )?;
    writeln!(
        out,
        "# hundredths of a degree, the first point absolute, the next ones as differences."
    )?;
    for ring in rings {
        let mut previous: Option<(i64, i64)> = None;
        let mut fields = Vec::with_capacity(ring.len());
        for (lon, lat) in ring {
            let point = ((lon * 100.0).round() as i64, (lat * 100.0).round() as i64);
            match previous {
                None => fields.push(format!("{},{}", point.0, point.1)),
                Some(p) if p == point => continue,
                Some(p) => fields.push(format!("{},{}", point.0 - p.0, point.1 - p.1)),
            }
            previous = Some(point);
        }
        if fields.len() >= 3 {
            writeln!(out, "{}", fields.join(" "))?;
        }
    }
    Ok(())
}
