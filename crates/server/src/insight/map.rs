//! The map of China shaded by organizations per province, drawn on the server as SVG — no
//! script, no CDN. Outlines from `data/china-provinces.geojson` (echarts 4.9.0, Apache-2.0;
//! see `data/README.md`): every province-level division including 台湾、香港、澳门, and the
//! 南海诸岛 inset box as the file places it. Projected once per process (equirectangular with
//! the longitude scaled by cos 35°, which keeps China's shape recognisable at this size) and
//! simplified (Douglas–Peucker, one pixel), so the page carries about 40 KB of paths.
//! Labelled 示意图: a map shown to the public needs an approved base map (审图号).

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

const GEOJSON: &str = include_str!("../../../../data/china-provinces.geojson");
/// Drawing width in SVG units; the height follows from the extent.
const WIDTH: f64 = 640.0;
const WEST: f64 = 73.0;
const EAST: f64 = 136.0;
const NORTH: f64 = 54.0;
const SOUTH: f64 = 3.0;
/// Pixels of error allowed when simplifying an outline.
const TOLERANCE: f64 = 1.0;

#[derive(Deserialize)]
struct Collection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Props,
    geometry: Geometry,
}

#[derive(Deserialize)]
struct Props {
    #[serde(default)]
    code: String,
    name: String,
    #[serde(default)]
    inset: bool,
}

#[derive(Deserialize)]
#[serde(tag = "type", content = "coordinates")]
enum Geometry {
    Polygon(Vec<Vec<[f64; 2]>>),
    MultiPolygon(Vec<Vec<Vec<[f64; 2]>>>),
}

/// One province's outline as an SVG path.
struct Shape {
    code: String,
    name: String,
    inset: bool,
    path: String,
}

fn scale() -> (f64, f64) {
    let kx = WIDTH / ((EAST - WEST) * 35f64.to_radians().cos());
    (kx * 35f64.to_radians().cos(), kx)
}

fn height() -> f64 {
    (NORTH - SOUTH) * scale().1
}

fn project(p: [f64; 2]) -> (f64, f64) {
    let (sx, sy) = scale();
    ((p[0] - WEST) * sx, (NORTH - p[1]) * sy)
}

fn perpendicular(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt();
    if len == 0.0 {
        ((p.0 - a.0).powi(2) + (p.1 - a.1).powi(2)).sqrt()
    } else {
        ((p.0 - a.0) * dy - (p.1 - a.1) * dx).abs() / len
    }
}

/// Douglas–Peucker, iteratively (outlines have thousands of points).
fn simplify(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    if points.len() < 3 {
        return points.to_vec();
    }
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    let mut stack = vec![(0, points.len() - 1)];
    while let Some((a, b)) = stack.pop() {
        let mut worst = (0.0, 0);
        for i in a + 1..b {
            let d = perpendicular(points[i], points[a], points[b]);
            if d > worst.0 {
                worst = (d, i);
            }
        }
        if worst.0 > TOLERANCE {
            keep[worst.1] = true;
            stack.push((a, worst.1));
            stack.push((worst.1, b));
        }
    }
    points
        .iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(*p))
        .collect()
}

fn ring_path(out: &mut String, ring: &[[f64; 2]]) {
    let pts: Vec<(f64, f64)> = ring.iter().map(|p| project(*p)).collect();
    let pts = simplify(&pts);
    if pts.len() < 3 {
        return;
    }
    for (i, (x, y)) in pts.iter().enumerate() {
        let _ = write!(out, "{}{:.1} {:.1}", if i == 0 { "M" } else { "L" }, x, y);
    }
    out.push('Z');
}

fn shapes() -> &'static [Shape] {
    static SHAPES: OnceLock<Vec<Shape>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let Ok(c) = serde_json::from_str::<Collection>(GEOJSON) else {
            tracing::error!("the embedded map outlines do not parse; the home page shows no map");
            return vec![];
        };
        c.features
            .into_iter()
            .map(|f| {
                let mut path = String::new();
                let polygons = match f.geometry {
                    Geometry::Polygon(p) => vec![p],
                    Geometry::MultiPolygon(m) => m,
                };
                for poly in &polygons {
                    for ring in poly {
                        ring_path(&mut path, ring);
                    }
                }
                Shape {
                    code: f.properties.code,
                    name: f.properties.name,
                    inset: f.properties.inset,
                    path,
                }
            })
            .collect()
    })
}

/// Five shades, light to dark.
const SHADES: [&str; 5] = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];

/// The map as an SVG element: each province shaded by its count (its position among the
/// non-zero counts, in five steps), linked to its organizations and titled with its name and count (screen readers
/// and hover); provinces without data in grey, labelled 无数据.
pub fn svg(counts: &BTreeMap<String, u64>, link: impl Fn(&str) -> String) -> String {
    let mut values: Vec<u64> = counts.values().copied().filter(|n| *n > 0).collect();
    values.sort_unstable();
    let shade = |n: u64| {
        if n == 0 || values.is_empty() {
            return "#e9ecef";
        }
        // Position among the non-zero counts: the smallest lightest, the largest darkest.
        let rank = values.partition_point(|v| *v < n);
        let top = (values.len() - 1).max(1);
        SHADES[(rank * (SHADES.len() - 1) / top).min(SHADES.len() - 1)]
    };
    let mut out = format!(
        "<svg class=\"map\" viewBox=\"0 0 {WIDTH:.0} {:.0}\" role=\"img\" aria-labelledby=\"map-title\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"map-title\">各省份社会组织数量（示意图）</title>",
        height()
    );
    for s in shapes() {
        if s.inset {
            let _ = write!(
                out,
                "<path d=\"{}\" fill=\"none\" stroke=\"#6c757d\" stroke-width=\"0.6\"><title>{}</title></path>",
                s.path, s.name
            );
            continue;
        }
        let n = counts.get(&s.code).copied().unwrap_or(0);
        let label = if n > 0 {
            format!("{}：{} 家", s.name, n)
        } else {
            format!("{}：无数据", s.name)
        };
        let shape = format!(
            "<path d=\"{}\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"0.5\"><title>{label}</title></path>",
            s.path,
            shade(n)
        );
        if n > 0 {
            let _ = write!(out, "<a href=\"{}\">{shape}</a>", link(&s.code));
        } else {
            out.push_str(&shape);
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_province_is_drawn_small_enough_and_shaded_by_count() {
        assert_eq!(
            shapes().len(),
            35,
            "34 province-level divisions and the 南海诸岛 inset"
        );
        assert!(
            shapes()
                .iter()
                .any(|s| s.code == "710000" && !s.path.is_empty())
        );
        let counts = BTreeMap::from([("320000".to_string(), 900), ("540000".to_string(), 3)]);
        let svg = svg(&counts, |c| format!("/orgs?division={c}"));
        assert!(svg.len() < 80_000, "{} bytes", svg.len());
        assert!(svg.contains("<a href=\"/orgs?division=320000\">"));
        assert!(svg.contains("江苏：900 家") && svg.contains("台湾：无数据"));
        assert!(
            svg.contains("#08519c"),
            "the largest count gets the darkest shade"
        );
    }
}
