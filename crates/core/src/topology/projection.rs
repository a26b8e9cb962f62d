//! Projection of longitude/latitude to viewport pixels, and SVG path data.
//!
//! The projection is the Lambert conformal conic with the parameters of Belgian Lambert
//! 2008 (EPSG:3812: standard parallels 49°50' and 51°10', origin 50°47'52.134"N
//! 4°21'33.177"E), on a sphere. It is the projection of Belgium's official maps, so the
//! shapes look as people know them; being conformal, municipalities keep their shape
//! everywhere in the country, and meridians converge towards the north as they should (a
//! plain equirectangular map with a cos 50.5° x-scale would skew the east and west ends
//! by about 2°). The sphere instead of the GRS80 ellipsoid changes nothing visible once
//! the map is scaled to fit a viewport, and keeps the formulas short. Cost: a few
//! trigonometric calls per vertex, negligible for a few tens of thousands of vertices.

use super::geometry::{Point, Polygon};

const PARALLEL_1: f64 = 49.0 + 50.0 / 60.0;
const PARALLEL_2: f64 = 51.0 + 10.0 / 60.0;
const ORIGIN_LAT: f64 = 50.0 + 47.0 / 60.0 + 52.134 / 3600.0;
const ORIGIN_LON: f64 = 4.0 + 21.0 / 60.0 + 33.177 / 3600.0;

/// Maps `[longitude, latitude]` to viewport pixels `[x, y]` (y down), fitted so that a
/// bounding box fills a `width` × `height` viewport minus `padding` on each side, centred.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    n: f64,
    f: f64,
    rho0: f64,
    scale: f64,
    center: [f64; 2],
    width: f64,
    height: f64,
}

impl Projection {
    /// Fits the bounding box `[west, south, east, north]` (degrees) into the viewport:
    /// every point inside the box lands inside the viewport, at least `padding` pixels
    /// from its edges. A degenerate box (a point) is centred at scale 1.
    pub fn fit(bbox: [f64; 4], width: f64, height: f64, padding: f64) -> Self {
        let phi1 = PARALLEL_1.to_radians();
        let phi2 = PARALLEL_2.to_radians();
        let t = |phi: f64| (std::f64::consts::FRAC_PI_4 + phi / 2.0).tan();
        let n = (phi1.cos() / phi2.cos()).ln() / (t(phi2) / t(phi1)).ln();
        let f = phi1.cos() * t(phi1).powf(n) / n;
        let rho0 = f / t(ORIGIN_LAT.to_radians()).powf(n);
        let mut projection = Projection {
            n,
            f,
            rho0,
            scale: 1.0,
            center: [0.0, 0.0],
            width,
            height,
        };

        // The image of a longitude/latitude box is an annular sector: its extremes are at
        // the corners, or on the north and south edges at the central meridian.
        let [w, s, e, nth] = bbox;
        let mid = ORIGIN_LON.clamp(w.min(e), w.max(e));
        let samples = [[w, s], [w, nth], [e, s], [e, nth], [mid, s], [mid, nth]];
        let raw: Vec<Point> = samples.iter().map(|&p| projection.conic(p)).collect();
        let min_x = raw.iter().map(|p| p[0]).fold(f64::INFINITY, f64::min);
        let max_x = raw.iter().map(|p| p[0]).fold(f64::NEG_INFINITY, f64::max);
        let min_y = raw.iter().map(|p| p[1]).fold(f64::INFINITY, f64::min);
        let max_y = raw.iter().map(|p| p[1]).fold(f64::NEG_INFINITY, f64::max);
        let avail_w = (width - 2.0 * padding).max(0.0);
        let avail_h = (height - 2.0 * padding).max(0.0);
        let sx = if max_x > min_x {
            avail_w / (max_x - min_x)
        } else {
            f64::INFINITY
        };
        let sy = if max_y > min_y {
            avail_h / (max_y - min_y)
        } else {
            f64::INFINITY
        };
        let scale = sx.min(sy);
        projection.scale = if scale.is_finite() { scale } else { 1.0 };
        projection.center = [(min_x + max_x) / 2.0, (min_y + max_y) / 2.0];
        projection
    }

    /// Width of the viewport, in pixels.
    pub fn width(&self) -> f64 {
        self.width
    }

    /// Height of the viewport, in pixels.
    pub fn height(&self) -> f64 {
        self.height
    }

    /// Viewport pixels `[x, y]` (y down) of `[longitude, latitude]` in degrees.
    pub fn project(&self, lon_lat: Point) -> Point {
        let [x, y] = self.conic(lon_lat);
        [
            self.width / 2.0 + (x - self.center[0]) * self.scale,
            self.height / 2.0 - (y - self.center[1]) * self.scale,
        ]
    }

    /// Lambert conformal conic on the unit sphere, y up, origin at the Lambert 2008 origin.
    fn conic(&self, [lon, lat]: Point) -> Point {
        let lat = lat.clamp(-89.9, 89.9).to_radians();
        let rho = self.f / (std::f64::consts::FRAC_PI_4 + lat / 2.0).tan().powf(self.n);
        let theta = self.n * (lon - ORIGIN_LON).to_radians();
        [rho * theta.sin(), self.rho0 - rho * theta.cos()]
    }
}

/// SVG path data (`d`) of the polygons: per ring an absolute `M` then relative `l`
/// steps and `z`, coordinates rounded to 0.1 px (deltas are taken between rounded points,
/// so no error accumulates). Repeated points are skipped, and rings smaller than a pixel
/// tenth are left out. Holes are separate subpaths: draw with `fill-rule="evenodd"`.
pub fn svg_path(polygons: &[Polygon], projection: &Projection) -> String {
    let mut d = String::new();
    for ring in polygons.iter().flatten() {
        let mut tenths: Vec<[i64; 2]> = Vec::with_capacity(ring.len());
        for &p in ring {
            let [x, y] = projection.project(p);
            let q = [(x * 10.0).round() as i64, (y * 10.0).round() as i64];
            if tenths.last() != Some(&q) {
                tenths.push(q);
            }
        }
        if tenths.len() > 1 && tenths.first() == tenths.last() {
            tenths.pop();
        }
        if tenths.len() < 3 {
            continue;
        }
        let mut previous = [0, 0];
        for (i, q) in tenths.iter().enumerate() {
            let (v, command) = if i == 0 {
                (*q, 'M')
            } else {
                ([q[0] - previous[0], q[1] - previous[1]], 'l')
            };
            if i <= 1 {
                d.push(command);
                push_number(&mut d, v[0], true);
            } else {
                push_number(&mut d, v[0], false);
            }
            push_number(&mut d, v[1], false);
            previous = *q;
        }
        d.push('z');
    }
    d
}

/// Appends tenths as a compact decimal (`12`, `1.5`, `.5`, `-.5`), with a space before
/// it unless it follows a command letter or starts with `-`.
fn push_number(d: &mut String, tenths: i64, after_command: bool) {
    if !after_command && tenths >= 0 {
        d.push(' ');
    }
    if tenths < 0 {
        d.push('-');
    }
    let (units, tenth) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
    if units != 0 || tenth == 0 {
        push_digits(d, units);
    }
    if tenth != 0 {
        d.push('.');
        d.push(char::from(b'0' + tenth as u8));
    }
}

/// Appends the decimal digits of `n`. Written out rather than with `write!`: the
/// map's paths hold some 100,000 numbers, and the formatting machinery was the
/// largest part of drawing the map at start-up.
fn push_digits(d: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    d.extend(digits[at..].iter().map(|&b| char::from(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_compact() {
        let mut d = String::new();
        for (v, after) in [
            (123, true),
            (-5, false),
            (5, false),
            (0, false),
            (-120, false),
            (7, true),
        ] {
            push_number(&mut d, v, after);
        }
        assert_eq!(d, "12.3-.5 .5 0-12.7");
        let mut d = String::new();
        for tenths in [0, 10, 1234560, 99_990, i64::MIN + 1] {
            push_number(&mut d, tenths, false);
        }
        assert_eq!(d, " 0 1 123456 9999-922337203685477580.7");
    }
}
