//! Plain coordinate types and cheap measures over decoded polygons.

/// A position `[x, y]`: `[longitude, latitude]` in degrees once decoded.
pub type Point = [f64; 2];
/// A closed ring: first and last points are equal.
pub type Ring = Vec<Point>;
/// A polygon: its exterior ring first, then its holes.
pub type Polygon = Vec<Ring>;

/// `[min_x, min_y, max_x, max_y]` of all points of the polygons, `None` when empty.
pub fn bbox(polygons: &[Polygon]) -> Option<[f64; 4]> {
    bbox_of(polygons.iter().flatten().flatten())
}

pub(crate) fn bbox_of<'a>(points: impl IntoIterator<Item = &'a Point>) -> Option<[f64; 4]> {
    points.into_iter().fold(None, |acc, p| {
        Some(match acc {
            None => [p[0], p[1], p[0], p[1]],
            Some([a, b, c, d]) => [a.min(p[0]), b.min(p[1]), c.max(p[0]), d.max(p[1])],
        })
    })
}

/// Signed area (shoelace, positive when counter-clockwise with y up) and area-weighted
/// centroid of a ring.
fn ring_moments(ring: &[Point]) -> (f64, [f64; 2]) {
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for w in ring.windows(2) {
        let cross = w[0][0] * w[1][1] - w[1][0] * w[0][1];
        a += cross;
        cx += (w[0][0] + w[1][0]) * cross;
        cy += (w[0][1] + w[1][1]) * cross;
    }
    let area = a / 2.0;
    if area == 0.0 {
        (0.0, [0.0, 0.0])
    } else {
        (area, [cx / (6.0 * area), cy / (6.0 * area)])
    }
}

/// Area-weighted centroid of the polygons (holes subtracted, whatever their winding), in
/// planar degrees, good enough for placing a label on a small area; falls back to the mean
/// of the vertices when the area is zero. `None` when there is no point. The centroid of a
/// concave shape may lie outside it.
pub fn centroid(polygons: &[Polygon]) -> Option<Point> {
    // Moments relative to a point of the shape, to keep precision with large coordinates.
    let origin = *polygons.iter().flatten().flatten().next()?;
    let (mut area, mut mx, mut my) = (0.0, 0.0, 0.0);
    for polygon in polygons {
        for (i, ring) in polygon.iter().enumerate() {
            let shifted: Vec<Point> = ring
                .iter()
                .map(|p| [p[0] - origin[0], p[1] - origin[1]])
                .collect();
            let (a, c) = ring_moments(&shifted);
            let weight = if i == 0 { a.abs() } else { -a.abs() };
            area += weight;
            mx += c[0] * weight;
            my += c[1] * weight;
        }
    }
    if area.abs() > f64::EPSILON * 1e3 {
        return Some([origin[0] + mx / area, origin[1] + my / area]);
    }
    let (mut n, mut sx, mut sy) = (0.0, 0.0, 0.0);
    for p in polygons.iter().flatten().flatten() {
        n += 1.0;
        sx += p[0];
        sy += p[1];
    }
    Some([sx / n, sy / n])
}
