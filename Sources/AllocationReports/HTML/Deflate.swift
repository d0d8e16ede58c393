import CZlib

/// zlib's deflate (RFC 1950 stream), which browsers inflate with `DecompressionStream("deflate")`.
enum Deflate {
    /// The bytes deflated at the best compression, nil if zlib reports an error.
    static func zlib(_ bytes: [UInt8]) -> [UInt8]? {
        var length = compressBound(uLong(bytes.count))
        var packed = [UInt8](repeating: 0, count: Int(length))
        let status = packed.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                compress2(out.baseAddress, &length, input.baseAddress, uLong(bytes.count), Z_BEST_COMPRESSION)
            }
        }
        guard status == Z_OK else { return nil }
        return Array(packed.prefix(Int(length)))
    }
}
