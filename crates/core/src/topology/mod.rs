//! TopoJSON municipal boundaries: reading, decoding, topology-preserving simplification,
//! filtering and re-quantization for the data bundle, neighbours, and projection to SVG
//! paths for the map.
//!
//! Typical bundle pipeline (native, in `datakit`):
//! `Topology::from_json` → [`filter`] (one object, chosen features and properties) →
//! [`simplify`] (per arc, so shared borders stay shared) → [`quantize`] → `to_json`.
//! In the app: `Topology::from_json` → [`features`] → [`Projection::fit`] → [`svg_path`].

mod decode;
mod geometry;
mod neighbours;
mod projection;
mod simplify;
mod transform;
mod types;

pub use decode::{decode_arcs, features, Decoded, Feature, Skipped};
pub use geometry::{bbox, centroid, Point, Polygon, Ring};
pub use neighbours::{neighbours, property_key};
pub use projection::{svg_path, Projection};
pub use simplify::simplify;
pub use transform::{filter, quantize};
pub use types::{Geometry, GeometryCollection, Position, Properties, Shape, Topology, Transform};

/// Why a topology cannot be read or processed.
#[derive(Debug, thiserror::Error)]
pub enum TopologyError {
    /// The text is not JSON of the expected shape.
    #[error("invalid TopoJSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The `type` member is not `Topology`.
    #[error("expected type \"Topology\", found {0:?}")]
    NotATopology(String),
    /// The transform has non-finite numbers.
    #[error("invalid transform (non-finite scale or translate)")]
    InvalidTransform,
    /// An arc has fewer than two positions.
    #[error("arc {arc} has {len} position(s), at least 2 are required")]
    ShortArc {
        /// Index of the arc.
        arc: usize,
        /// Its number of positions.
        len: usize,
    },
    /// A ring lists no arc.
    #[error("object {object:?}, geometry {geometry}: empty ring")]
    EmptyRing {
        /// Object name.
        object: String,
        /// Index of the geometry in the object.
        geometry: usize,
    },
    /// A ring refers to an arc that does not exist.
    #[error(
        "object {object:?}, geometry {geometry}: arc index {index} out of range ({arcs} arcs)"
    )]
    ArcOutOfRange {
        /// Object name.
        object: String,
        /// Index of the geometry in the object.
        geometry: usize,
        /// The offending index (negative for a reversed arc).
        index: i64,
        /// Number of arcs in the topology.
        arcs: usize,
    },
    /// Decoded coordinates overflowed to infinity.
    #[error("arc {0} decodes to non-finite coordinates")]
    NonFinite(usize),
    /// The requested object is not in the topology.
    #[error("no object named {0:?}")]
    UnknownObject(String),
    /// A quantization needs at least two grid steps per axis.
    #[error("quantization needs at least 2 steps, got {0}")]
    InvalidSteps(u32),
    /// The text is larger than [`crate::import::limits::MAX_FILE_BYTES`].
    #[error("the TopoJSON is too large: {bytes} bytes, more than the {max} this app reads")]
    TooLarge {
        /// Size of the text, in bytes.
        bytes: usize,
        /// The bound.
        max: usize,
    },
    /// The rings of an object would decode to more than [`MAX_POINTS`] positions
    /// (rings may repeat arcs, so a small file can describe a huge geometry).
    #[error("object {object:?} decodes to more than {max} positions")]
    TooManyPoints {
        /// Object name.
        object: String,
        /// The bound.
        max: usize,
    },
}

/// Most positions [`features`] decodes for one object.
pub const MAX_POINTS: usize = 10_000_000;
