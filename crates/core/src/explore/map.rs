//! The map's geometry, computed once per boundary file: one SVG path per municipality,
//! projected into a viewport whose height follows the shape of the area.

use crate::topology::{
    bbox, centroid, features, property_key, svg_path, Projection, Topology, TopologyError,
};

/// One municipality on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct MapShape {
    /// NIS code.
    pub nis: String,
    /// SVG path data in viewport pixels.
    pub d: String,
    /// Centroid in viewport pixels (for a locator marker or a label).
    pub centroid: [f64; 2],
}

/// Every municipality's shape, and the viewport they fill.
#[derive(Clone, Debug, PartialEq)]
pub struct MapLayout {
    /// Viewport width in pixels.
    pub width: f64,
    /// Viewport height in pixels (follows the area's aspect).
    pub height: f64,
    /// The shapes, in file order.
    pub shapes: Vec<MapShape>,
}

/// Lays out `object` of `topology` (features keyed by a `nis` property) `width` pixels wide.
pub fn map_layout(
    topology: &Topology,
    object: &str,
    width: f64,
) -> Result<MapLayout, TopologyError> {
    let decoded = features(topology, object)?;
    let boxes: Vec<[f64; 4]> = decoded
        .features
        .iter()
        .filter_map(|f| bbox(&f.polygons))
        .collect();
    let Some(area) = boxes.iter().copied().reduce(|a, b| {
        [
            a[0].min(b[0]),
            a[1].min(b[1]),
            a[2].max(b[2]),
            a[3].max(b[3]),
        ]
    }) else {
        return Ok(MapLayout {
            width,
            height: width / 2.0,
            shapes: Vec::new(),
        });
    };
    // Aspect from a first fit into a square, then the real fit.
    let probe = Projection::fit(area, 1000.0, 1000.0, 0.0);
    let corners = [
        [area[0], area[1]],
        [area[2], area[3]],
        [area[0], area[3]],
        [area[2], area[1]],
    ];
    let projected: Vec<[f64; 2]> = corners.iter().map(|&c| probe.project(c)).collect();
    let span = |i: usize| {
        let (lo, hi) = projected.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
            (lo.min(p[i]), hi.max(p[i]))
        });
        (hi - lo).max(1.0)
    };
    let height = (width * span(1) / span(0))
        .clamp(width * 0.3, width * 1.5)
        .round();
    let projection = Projection::fit(area, width, height, 4.0);
    let shapes = decoded
        .features
        .iter()
        .filter_map(|f| {
            let nis = property_key(&f.properties, "nis")?;
            let c = centroid(&f.polygons)
                .map(|c| projection.project(c))
                .unwrap_or([0.0, 0.0]);
            Some(MapShape {
                nis,
                d: svg_path(&f.polygons, &projection),
                centroid: c,
            })
        })
        .collect();
    Ok(MapLayout {
        width,
        height,
        shapes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lays_out_each_feature_inside_a_viewport_of_the_area_s_aspect() {
        // Two squares side by side: twice as wide as tall.
        let topology = Topology::from_json(
            r#"{"type":"Topology","arcs":[[[4.0,50.0],[4.1,50.0],[4.1,50.1],[4.0,50.1],[4.0,50.0]],
            [[4.1,50.0],[4.2,50.0],[4.2,50.1],[4.1,50.1],[4.1,50.0]]],
            "objects":{"m":{"type":"GeometryCollection","geometries":[
            {"type":"Polygon","arcs":[[0]],"properties":{"nis":"11111"}},
            {"type":"Polygon","arcs":[[1]],"properties":{"nis":"22222"}},
            {"type":"Polygon","arcs":[[1]],"properties":{}}]}}}"#,
        )
        .unwrap();
        let layout = map_layout(&topology, "m", 800.0).unwrap();
        assert_eq!(layout.shapes.len(), 2, "a feature without nis is left out");
        assert_eq!(layout.shapes[0].nis, "11111");
        assert!(layout.shapes[0].d.starts_with('M'));
        // 0.2° of longitude × cos 50° ≈ 0.128 against 0.1° of latitude.
        let aspect = layout.width / layout.height;
        assert!((1.1..1.5).contains(&aspect), "aspect {aspect}");
        for shape in &layout.shapes {
            assert!(shape.centroid[0] > 0.0 && shape.centroid[0] < layout.width);
            assert!(shape.centroid[1] > 0.0 && shape.centroid[1] < layout.height);
        }
        assert!(
            layout.shapes[0].centroid[0] < layout.shapes[1].centroid[0],
            "west is left"
        );
        assert!(map_layout(&topology, "missing", 800.0).is_err());
    }
}
