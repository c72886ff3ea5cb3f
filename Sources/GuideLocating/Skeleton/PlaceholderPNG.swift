/// A small placeholder image, made without an image library: an 8-bit RGB PNG whose pixel rows
/// are stored in uncompressed ("stored") deflate blocks inside a zlib stream, with each chunk's
/// CRC-32 and the stream's Adler-32 computed here.
public enum PlaceholderPNG {
  /// A `width` × `height` image: a light grey field with a darker frame and a diagonal cross,
  /// the usual sign for "a picture goes here".
  public static func make(width: Int = 160, height: Int = 90) -> [UInt8] {
    let width = max(width, 2)
    let height = max(height, 2)
    var raw: [UInt8] = []
    raw.reserveCapacity(height * (1 + 3 * width))
    for y in 0..<height {
      raw.append(0)  // filter type 0 (none) for each row
      for x in 0..<width {
        let frame = x < 2 || y < 2 || x >= width - 2 || y >= height - 2
        let onDiagonal =
          abs(x * (height - 1) - y * (width - 1)) < width
          || abs(x * (height - 1) - (height - 1 - y) * (width - 1)) < width
        let shade: UInt8 = frame ? 0x8C : onDiagonal ? 0xB4 : 0xE6
        raw += [shade, shade, shade]
      }
    }
    var header: [UInt8] = []
    header += bigEndian(UInt32(width))
    header += bigEndian(UInt32(height))
    header += [8, 2, 0, 0, 0]  // bit depth 8, colour type 2 (RGB), deflate, adaptive filters, no interlace
    var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    png += chunk("IHDR", header)
    png += chunk("IDAT", zlibStored(raw))
    png += chunk("IEND", [])
    return png
  }

  /// A zlib stream of `data` in stored (uncompressed) deflate blocks of at most 65,535 bytes.
  static func zlibStored(_ data: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [0x78, 0x01]
    var offset = 0
    repeat {
      let length = min(65_535, data.count - offset)
      let isLast = offset + length == data.count
      out.append(isLast ? 1 : 0)
      out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
      out += data[offset..<(offset + length)]
      offset += length
    } while offset < data.count
    out += bigEndian(adler32(data))
    return out
  }

  /// One PNG chunk: length, type, data and the CRC-32 of type and data.
  static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
    let typeBytes = Array(type.utf8)
    return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(crc32(typeBytes + data))
  }

  /// CRC-32 (ISO 3309, polynomial 0xEDB88320), as PNG uses it.
  static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }

  /// Adler-32, as zlib uses it.
  static func adler32(_ bytes: [UInt8]) -> UInt32 {
    var a: UInt32 = 1
    var b: UInt32 = 0
    for byte in bytes {
      a = (a + UInt32(byte)) % 65_521
      b = (b + a) % 65_521
    }
    return (b << 16) | a
  }

  static func bigEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
  }
}
