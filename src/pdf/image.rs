//! Decodes the drawn signature (PNG) into plain RGB pixels on white, with the
//! small `png` crate rather than printpdf's `images` feature.

/// An 8-bit RGB image, rows top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct Rgb8Image {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width × height × 3` bytes.
    pub pixels: Vec<u8>,
}

/// Signatures larger than this (in pixels, either side) are refused.
const MAX_SIDE: u32 = 4096;

/// Decodes a PNG, flattening any transparency onto white. `None` when the bytes
/// are not a PNG this can read, or the image is empty or huge.
pub fn decode_png(bytes: &[u8]) -> Option<Rgb8Image> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().ok()?;
    let (width, height) = {
        let info = reader.info();
        (info.width, info.height)
    };
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return None;
    }
    let mut buf = vec![0; reader.output_buffer_size()?];
    let frame = reader.next_frame(&mut buf).ok()?;
    let data = buf.get(..frame.buffer_size())?;
    let channels = frame.color_type.samples();
    let mut pixels = Vec::with_capacity(width as usize * height as usize * 3);
    for row in data.chunks(frame.line_size).take(height as usize) {
        for px in row.chunks_exact(channels).take(width as usize) {
            let (rgb, alpha) = match px {
                [g] => ([*g; 3], 255),
                [g, a] => ([*g; 3], *a),
                [r, g, b] => ([*r, *g, *b], 255),
                [r, g, b, a] => ([*r, *g, *b], *a),
                _ => return None,
            };
            let a = u16::from(alpha);
            for c in rgb {
                // Over white: c·a + 255·(1 − a).
                pixels.push(((u16::from(c) * a + 255 * (255 - a)) / 255) as u8);
            }
        }
    }
    if pixels.len() != width as usize * height as usize * 3 {
        return None;
    }
    Some(Rgb8Image {
        width,
        height,
        pixels,
    })
}
