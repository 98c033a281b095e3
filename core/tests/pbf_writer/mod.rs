//! A minimal OSM PBF writer for the import tests (protobuf fields, blobs raw or zlib-compressed
//! by a hand-written encoder): enough to write the files a reader must refuse, without a
//! protobuf or zlib crate in the tests.
#![allow(dead_code)]

pub fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

pub fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub fn field_bytes(out: &mut Vec<u8>, field: u64, bytes: &[u8]) {
    varint(out, field << 3 | 2);
    varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

pub fn field_varint(out: &mut Vec<u8>, field: u64, v: u64) {
    varint(out, field << 3);
    varint(out, v);
}

/// `raw` as zlib (RFC 1950, 1951): one block of fixed Huffman codes, bytes that repeat those 1
/// to 4 before them sent as back-references (258 bytes in 13 bits), as a bomb's maker does.
pub fn zlib(raw: &[u8]) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, v: u32, n: u32) {
            self.acc |= u64::from(v) << self.n;
            self.n += n;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// A Huffman code: most significant bit first.
        fn code(&mut self, code: u32, n: u32) {
            self.put(code.reverse_bits() >> (32 - n), n);
        }
        fn symbol(&mut self, s: u32) {
            match s {
                0..=143 => self.code(0x30 + s, 8),
                144..=255 => self.code(0x190 + s - 144, 9),
                256..=279 => self.code(s - 256, 7),
                _ => self.code(0xc0 + s - 280, 8),
            }
        }
    }
    let mut b = Bits { out: vec![0x78, 0x01], acc: 0, n: 0 };
    b.put(1, 1); // the last block
    b.put(1, 2); // of fixed Huffman codes
    let mut i = 0;
    while i < raw.len() {
        // The longest repeat 1 to 4 bytes back (distance codes 0 to 3, no extra bits).
        let repeat = |d: usize| raw[i..].iter().zip(&raw[i - d..]).take_while(|(a, b)| a == b).take(258).count();
        let (d, len) = (1..=i.min(4)).map(|d| (d, repeat(d))).max_by_key(|&(_, len)| len).unwrap_or((1, 0));
        if len >= 3 {
            // Lengths 258 (symbol 285) and 3 to 10 (symbols 257 to 264) have no extra bits.
            let len = if len == 258 { 258 } else { len.min(10) };
            b.symbol(if len == 258 { 285 } else { 254 + len as u32 });
            b.code(d as u32 - 1, 5);
            i += len;
        } else {
            b.symbol(u32::from(raw[i]));
            i += 1;
        }
    }
    b.symbol(256);
    if b.n > 0 {
        b.out.push(b.acc as u8);
    }
    let mut out = b.out;
    let (mut s1, mut s2) = (1u32, 0u32);
    for &x in raw {
        s1 = (s1 + u32::from(x)) % 65521;
        s2 = (s2 + s1) % 65521;
    }
    out.extend_from_slice(&(s2 << 16 | s1).to_be_bytes());
    out
}

/// One blob of `kind`, its content zlib-compressed or raw.
pub fn blob(out: &mut Vec<u8>, kind: &str, content: &[u8], compress: bool) {
    let mut b = Vec::new();
    if compress {
        field_varint(&mut b, 2, content.len() as u64);
        field_bytes(&mut b, 3, &zlib(content));
    } else {
        field_bytes(&mut b, 1, content);
    }
    let mut header = Vec::new();
    field_bytes(&mut header, 1, kind.as_bytes());
    field_varint(&mut header, 3, b.len() as u64);
    out.extend_from_slice(&(header.len() as u32).to_be_bytes());
    out.extend_from_slice(&header);
    out.extend_from_slice(&b);
}
