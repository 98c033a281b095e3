//! The built-in standards resolved ahead of time (`standards/resolved/builtin.bin`).
//!
//! Scoring against a built-in standard needs no standard-file parser: the four files in
//! `standards/*.toml` (the canonical, reviewed text) are resolved by the same
//! [`super::resolve`] a user's file goes through, and the results are committed as one
//! bundle in which an item a child inherits unchanged from its parent is stored once.
//!
//! The bundle is a small positional binary format read by the hand-written [`Pack`] codec
//! below, not JSON: in the WebAssembly scoring module, serde_json's deserializers for the
//! model's types cost about three times the bytes of this codec, and the encoding carries no
//! field names. Nothing is lost for review: `lifecircle show <id>` prints any resolved
//! standard as JSON, and the test `committed_bundle_is_up_to_date` fails when the committed
//! bundle is not exactly what the TOML files resolve to. Rewrite it with
//! `UPDATE_BUNDLE=1 cargo test -p lifecircle-core --lib bundle` (the test then writes the file
//! and passes without comparing), and rerun without the variable to check it.
//!
//! Format: the magic `LCB2` (`LCB1` had no `units`); unsigned integers as LEB128; `f64` as 8 little-endian bytes;
//! strings as a length and UTF-8; `Option` as a 0/1 byte then the value; lists as a length
//! then the items; enums as a tag byte then their fields; structs as their fields in
//! declaration order. Reading checks every length and tag and returns `None` on any
//! inconsistency, never panics.

use super::model::*;
use crate::date::Date;

const MAGIC: &[u8; 4] = b"LCB2";

/// A cursor over bundle bytes.
pub struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Some(head)
    }

    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn uint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    fn len(&mut self) -> Option<usize> {
        let n = usize::try_from(self.uint()?).ok()?;
        // A length can never exceed the bytes left (every item takes at least one byte).
        (n <= self.bytes.len()).then_some(n)
    }

    /// How many of `n` items of type `T` to reserve room for: no more than the bytes left
    /// would take in memory. An item takes a byte or more here but can take a kilobyte in
    /// memory, so a forged count must not reserve for all of them at once; the vector grows
    /// as items are actually read.
    fn room<T>(&self, n: usize) -> usize {
        n.min(self.bytes.len() / std::mem::size_of::<T>().max(1))
    }
}

fn put_uint(w: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            w.push(b);
            return;
        }
        w.push(b | 0x80);
    }
}

/// A value that can be written to and read from a bundle.
pub trait Pack: Sized {
    fn pack(&self, w: &mut Vec<u8>);
    fn unpack(r: &mut Reader<'_>) -> Option<Self>;
}

impl Pack for String {
    fn pack(&self, w: &mut Vec<u8>) {
        put_uint(w, self.len() as u64);
        w.extend_from_slice(self.as_bytes());
    }
    fn unpack(r: &mut Reader<'_>) -> Option<Self> {
        let n = r.len()?;
        std::str::from_utf8(r.take(n)?).ok().map(str::to_string)
    }
}

impl Pack for f64 {
    fn pack(&self, w: &mut Vec<u8>) {
        w.extend_from_slice(&self.to_le_bytes());
    }
    fn unpack(r: &mut Reader<'_>) -> Option<Self> {
        Some(f64::from_le_bytes(r.take(8)?.try_into().ok()?))
    }
}

impl Pack for bool {
    fn pack(&self, w: &mut Vec<u8>) {
        w.push(u8::from(*self));
    }
    fn unpack(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

macro_rules! pack_uint {
    ($($t:ty),*) => {$(
        impl Pack for $t {
            fn pack(&self, w: &mut Vec<u8>) {
                put_uint(w, u64::from(*self));
            }
            fn unpack(r: &mut Reader<'_>) -> Option<Self> {
                <$t>::try_from(r.uint()?).ok()
            }
        }
    )*};
}
pack_uint!(u8, u32);

impl Pack for i32 {
    fn pack(&self, w: &mut Vec<u8>) {
        // Zigzag, so small negative numbers stay short.
        put_uint(w, u64::from(((*self << 1) ^ (*self >> 31)) as u32));
    }
    fn unpack(r: &mut Reader<'_>) -> Option<Self> {
        let z = u32::try_from(r.uint()?).ok()?;
        Some(((z >> 1) as i32) ^ -((z & 1) as i32))
    }
}

impl Pack for Date {
    fn pack(&self, w: &mut Vec<u8>) {
        self.to_string().pack(w);
    }
    fn unpack(r: &mut Reader<'_>) -> Option<Self> {
        String::unpack(r)?.parse().ok()
    }
}

impl<T: Pack> Pack for Option<T> {
    fn pack(&self, w: &mut Vec<u8>) {
        match self {
            None => w.push(0),
            Some(v) => {
                w.push(1);
                v.pack(w);
            }
        }
    }
    fn unpack(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(None),
            1 => Some(Some(T::unpack(r)?)),
            _ => None,
        }
    }
}

impl<T: Pack> Pack for Vec<T> {
    fn pack(&self, w: &mut Vec<u8>) {
        put_uint(w, self.len() as u64);
        for x in self {
            x.pack(w);
        }
    }
    fn unpack(r: &mut Reader<'_>) -> Option<Self> {
        let n = r.len()?;
        let mut v = Vec::with_capacity(r.room::<T>(n));
        for _ in 0..n {
            v.push(T::unpack(r)?);
        }
        Some(v)
    }
}

/// Fields in declaration order (struct literal fields are evaluated in the order written).
macro_rules! pack_struct {
    ($($t:ident { $($f:ident),* $(,)? })*) => {$(
        impl Pack for $t {
            fn pack(&self, w: &mut Vec<u8>) {
                $(self.$f.pack(w);)*
            }
            fn unpack(r: &mut Reader<'_>) -> Option<Self> {
                Some($t { $($f: Pack::unpack(r)?,)* })
            }
        }
    )*};
}

pack_struct! {
    Text { zh, en }
    Cite { source, clause, confidence, evidence, reason, quote }
    StandardRef { id, version }
    Source { id, title, number, issuer, date, url, note, origin }
    Param { id, value, unit, name, cite, origin }
    Class { code, name, commercial, cite, origin }
    Form { code, name, note, cite, origin }
    Category { code, name, class, aliases, osm, amap, cite, origin }
    Group { code, name, any_of, cite, origin }
    Figure { key, name, unit, help, cite, origin }
    Dimension { id, name, points, origin }
    FacilitySet { code, name, categories }
    Step { at_least, points }
    Applies { forms, new_residential }
    Indicator { id, dimension, name, kind, rule, points, role, cap, help, action, responsible, applies, cite, points_cite, origin }
    Grade { id, name, stars, min_points, below_points, cite, origin }
    DistrictTarget { metric, year, at_least, unit, name, cite, origin }
    Unit { zh, en }
}

/// Enums without fields: a tag byte, the variant's position in the list.
macro_rules! pack_unit_enum {
    ($($t:ident [$($v:ident),* $(,)?])*) => {$(
        impl Pack for $t {
            fn pack(&self, w: &mut Vec<u8>) {
                const ALL: &[$t] = &[$($t::$v),*];
                w.push(ALL.iter().position(|x| x == self).unwrap_or(0) as u8);
            }
            fn unpack(r: &mut Reader<'_>) -> Option<Self> {
                const ALL: &[$t] = &[$($t::$v),*];
                ALL.get(usize::from(r.byte()?)).copied()
            }
        }
    )*};
}

pack_unit_enum! {
    Confidence [Verified, Provisional]
    Level [National, Province, City, District]
    Role [Veto, Gate, Mandatory, Scored]
}

impl Pack for Cap {
    fn pack(&self, w: &mut Vec<u8>) {
        match self {
            Cap::NoGrade => w.push(0),
            Cap::AtMost(g) => {
                w.push(1);
                g.pack(w);
            }
        }
    }
    fn unpack(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(Cap::NoGrade),
            1 => Some(Cap::AtMost(Pack::unpack(r)?)),
            _ => None,
        }
    }
}

impl Pack for Reach {
    fn pack(&self, w: &mut Vec<u8>) {
        let (tag, v) = match self {
            Reach::Minutes(v) => (0, v),
            Reach::Metres(v) => (1, v),
        };
        w.push(tag);
        v.pack(w);
    }
    fn unpack(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(Reach::Minutes(Pack::unpack(r)?)),
            1 => Some(Reach::Metres(Pack::unpack(r)?)),
            _ => None,
        }
    }
}

impl Pack for Measure {
    fn pack(&self, w: &mut Vec<u8>) {
        match self {
            Measure::ChainOutlets => w.push(0),
            Measure::CommercialOutlets => w.push(1),
            Measure::Population => w.push(2),
            Measure::Households => w.push(3),
            Measure::Figure(key) => {
                w.push(4);
                key.pack(w);
            }
        }
    }
    fn unpack(r: &mut Reader<'_>) -> Option<Self> {
        Some(match r.byte()? {
            0 => Measure::ChainOutlets,
            1 => Measure::CommercialOutlets,
            2 => Measure::Population,
            3 => Measure::Households,
            4 => Measure::Figure(Pack::unpack(r)?),
            _ => return None,
        })
    }
}

impl Pack for Kind {
    fn pack(&self, w: &mut Vec<u8>) {
        match self {
            Kind::Presence { target, within } => {
                w.push(0);
                target.pack(w);
                within.pack(w);
            }
            Kind::DistinctCount { targets } => {
                w.push(1);
                targets.pack(w);
            }
            Kind::Count { target } => {
                w.push(2);
                target.pack(w);
            }
            Kind::Ratio { numerator, denominator } => {
                w.push(3);
                numerator.pack(w);
                denominator.pack(w);
            }
            Kind::AreaShare { numerator, denominator } => {
                w.push(4);
                numerator.pack(w);
                denominator.pack(w);
            }
            Kind::AreaPerHouseholds { figure, per_households } => {
                w.push(5);
                figure.pack(w);
                per_households.pack(w);
            }
            Kind::WalkCoverage { target, within_minutes } => {
                w.push(6);
                target.pack(w);
                within_minutes.pack(w);
            }
            Kind::Satisfaction { survey, min_sample } => {
                w.push(7);
                survey.pack(w);
                min_sample.pack(w);
            }
            Kind::Checklist => w.push(8),
            Kind::Evaluator => w.push(9),
        }
    }
    fn unpack(r: &mut Reader<'_>) -> Option<Self> {
        Some(match r.byte()? {
            0 => Kind::Presence { target: Pack::unpack(r)?, within: Pack::unpack(r)? },
            1 => Kind::DistinctCount { targets: Pack::unpack(r)? },
            2 => Kind::Count { target: Pack::unpack(r)? },
            3 => Kind::Ratio { numerator: Pack::unpack(r)?, denominator: Pack::unpack(r)? },
            4 => Kind::AreaShare { numerator: Pack::unpack(r)?, denominator: Pack::unpack(r)? },
            5 => Kind::AreaPerHouseholds { figure: Pack::unpack(r)?, per_households: Pack::unpack(r)? },
            6 => Kind::WalkCoverage { target: Pack::unpack(r)?, within_minutes: Pack::unpack(r)? },
            7 => Kind::Satisfaction { survey: Pack::unpack(r)?, min_sample: Pack::unpack(r)? },
            8 => Kind::Checklist,
            9 => Kind::Evaluator,
            _ => return None,
        })
    }
}

impl Pack for Rule {
    fn pack(&self, w: &mut Vec<u8>) {
        match self {
            Rule::AtLeast { threshold } => {
                w.push(0);
                threshold.pack(w);
            }
            Rule::Linear { zero, full } => {
                w.push(1);
                zero.pack(w);
                full.pack(w);
            }
            Rule::Steps { steps } => {
                w.push(2);
                steps.pack(w);
            }
            Rule::Given => w.push(3),
        }
    }
    fn unpack(r: &mut Reader<'_>) -> Option<Self> {
        Some(match r.byte()? {
            0 => Rule::AtLeast { threshold: Pack::unpack(r)? },
            1 => Rule::Linear { zero: Pack::unpack(r)?, full: Pack::unpack(r)? },
            2 => Rule::Steps { steps: Pack::unpack(r)? },
            3 => Rule::Given,
            _ => return None,
        })
    }
}

/// `own`: a standard's own fields, in the order they are written and read; `tables`: its item
/// lists, each stored once in the bundle's table of that type.
macro_rules! tables {
    (own: $($own:ident),* ; tables: $($field:ident: $ty:ty),* $(,)?) => {
        /// Every resolved built-in standard, shared items stored once.
        #[derive(Debug, Default)]
        pub struct Bundle {
            standards: Vec<Entry>,
            $($field: Vec<$ty>,)*
        }

        /// One standard of the bundle: its own fields, and its items as indices into the
        /// bundle's tables.
        #[derive(Debug)]
        struct Entry {
            head: Standard,
            $($field: Vec<u32>,)*
        }

        impl Bundle {
            /// Bundle resolved standards.
            pub fn new(standards: &[Standard]) -> Bundle {
                let mut b = Bundle::default();
                for s in standards {
                    let entry = Entry {
                        $($field: s.$field.iter().map(|x| intern(&mut b.$field, x)).collect(),)*
                        head: Standard { $($field: Vec::new(),)* ..s.clone() },
                    };
                    b.standards.push(entry);
                }
                b
            }

            /// The standard with this id, rebuilt from the tables; `None` when the id is
            /// unknown or an index points nowhere.
            pub fn standard(&self, id: &str) -> Option<Standard> {
                let e = self.standards.iter().find(|e| e.head.id == id)?;
                // The head's own fields one by one: cloning the whole head would link a clone
                // of every item list (all empty in a head) into the wasm.
                Some(Standard { $($field: pick(&self.$field, &e.$field)?,)* $($own: e.head.$own.clone(),)* })
            }

            /// The bundle's bytes.
            pub fn to_bytes(&self) -> Vec<u8> {
                let mut w = MAGIC.to_vec();
                put_uint(&mut w, self.standards.len() as u64);
                for e in &self.standards {
                    pack_head(&e.head, &mut w);
                    $(e.$field.pack(&mut w);)*
                }
                $(self.$field.pack(&mut w);)*
                w
            }

            /// Read a bundle; `None` when the bytes are not one (wrong magic, a length or tag
            /// out of range, bytes left over).
            pub fn from_bytes(bytes: &[u8]) -> Option<Bundle> {
                let mut r = Reader { bytes: bytes.strip_prefix(MAGIC)? };
                let n = r.len()?;
                let mut standards = Vec::with_capacity(r.room::<Entry>(n));
                for _ in 0..n {
                    standards.push(Entry { head: unpack_head(&mut r)?, $($field: Pack::unpack(&mut r)?,)* });
                }
                let b = Bundle { standards, $($field: Pack::unpack(&mut r)?,)* };
                r.bytes.is_empty().then_some(b)
            }
        }

        fn unpack_head(r: &mut Reader<'_>) -> Option<Standard> {
            Some(Standard { $($own: Pack::unpack(r)?,)* $($field: Vec::new(),)* })
        }

        fn pack_head(s: &Standard, w: &mut Vec<u8>) {
            $(s.$own.pack(w);)*
        }
    };
}

tables! {
    own: id, version, title, issuer, document, issued, effective, ends, level, status, family, total_points,
        note, cite, lineage, digest;
    tables:
    sources: Source,
    params: Param,
    classes: Class,
    forms: Form,
    categories: Category,
    groups: Group,
    figures: Figure,
    dimensions: Dimension,
    indicators: Indicator,
    grades: Grade,
    targets: DistrictTarget,
    units: Unit,
}

/// One standard packed on its own, for a portal that gives the widgets its own standard
/// without a standard-file parser in the page (`lifecircle pack`, `packStandard` of the full
/// WebAssembly module).
pub fn pack_standard(s: &Standard) -> Vec<u8> {
    Bundle::new(std::slice::from_ref(s)).to_bytes()
}

/// What a user is told when a packed standard does not read ([`unpack_standard`] gives `None`).
pub const UNREADABLE_PACKED: &str = "打包的标准无法读取，或其摘要与内容不符（若由旧版 lifecircle 打包，请用 lifecircle pack 重新打包） / \
     the packed standard cannot be read, or its digest does not match its content (packed by an older lifecircle? \
     pack it again with `lifecircle pack`)";

/// Read a standard packed by [`pack_standard`]. `None` when the bytes are not exactly one
/// packed standard, or when its digest does not match its content (a file edited by hand or
/// damaged), so an assessment never names a digest its standard does not have.
pub fn unpack_standard(bytes: &[u8]) -> Option<Standard> {
    let b = Bundle::from_bytes(bytes)?;
    let [only] = b.standards.as_slice() else { return None };
    let s = b.standard(&only.head.id)?;
    (crate::score::standard_digest(&s) == s.digest).then_some(s)
}

/// The index of `item` in `table`, appending it when new.
fn intern<T: PartialEq + Clone>(table: &mut Vec<T>, item: &T) -> u32 {
    let i = table.iter().position(|x| x == item).unwrap_or_else(|| {
        table.push(item.clone());
        table.len() - 1
    });
    i as u32
}

fn pick<T: Clone>(table: &[T], idx: &[u32]) -> Option<Vec<T>> {
    // A loop rather than `collect::<Option<Vec<T>>>()`, whose adapter the wasm links once per
    // item type (twelve of them, about 0.8 KB each).
    let mut out = Vec::with_capacity(idx.len());
    for &i in idx {
        out.push(table.get(i as usize)?.clone());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::standard::{BUILTIN, builtin_parent, builtin_text, resolve::resolve};

    fn resolved_from_toml() -> Vec<Standard> {
        BUILTIN.iter().map(|b| resolve(b.file, builtin_text(b.id).unwrap(), &builtin_parent).unwrap()).collect()
    }

    #[test]
    fn committed_bundle_is_up_to_date() {
        let fresh = Bundle::new(&resolved_from_toml()).to_bytes();
        if std::env::var_os("UPDATE_BUNDLE").is_some() {
            // Written, and passed: this test binary holds the bundle it was compiled with
            // (`include_bytes!`), so comparing with it would report the old file as stale once
            // more. The next run without the variable is compiled with the new file and checks it.
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../standards/resolved/builtin.bin");
            if std::fs::read(path).ok().as_deref() != Some(fresh.as_slice()) {
                std::fs::write(path, &fresh).unwrap_or_else(|e| panic!("cannot write {path}: {e}"));
                eprintln!(
                    "standards/resolved/builtin.bin written; rerun without UPDATE_BUNDLE to check it: \
                     cargo test -p lifecircle-core --lib bundle"
                );
            }
            return;
        }
        assert!(
            super::super::builtin::BUNDLE == fresh.as_slice(),
            "standards/resolved/builtin.bin is stale: regenerate it with \
             `UPDATE_BUNDLE=1 cargo test -p lifecircle-core --lib bundle`, then rerun without UPDATE_BUNDLE"
        );
    }

    #[test]
    fn bundle_gives_back_every_resolved_standard() {
        let all = resolved_from_toml();
        let b = Bundle::from_bytes(&Bundle::new(&all).to_bytes()).unwrap();
        assert_eq!(
            b.standards.iter().map(|e| e.head.id.as_str()).collect::<Vec<_>>(),
            BUILTIN.iter().map(|b| b.id).collect::<Vec<_>>()
        );
        for s in &all {
            let back = b.standard(&s.id).unwrap();
            assert_eq!(&back, s, "{}", s.id);
            assert_eq!(back.digest, crate::score::standard_digest(&back), "{}", s.id);
            assert_eq!(serde_json::to_string(&back).unwrap(), serde_json::to_string(s).unwrap());
        }
        assert!(b.standard("no-such").is_none());
    }

    #[test]
    fn shared_items_are_stored_once() {
        let all = resolved_from_toml();
        let b = Bundle::new(&all);
        let listed: usize = all.iter().map(|s| s.indicators.len()).sum();
        assert!(b.indicators.len() < listed, "{} of {listed}", b.indicators.len());
    }

    #[test]
    fn broken_bytes_are_none_not_a_panic() {
        let bytes = Bundle::new(&resolved_from_toml()).to_bytes();
        // Every truncation, and every single-byte change in a stride through the bytes.
        for n in (0..bytes.len()).step_by(97) {
            assert!(Bundle::from_bytes(&bytes[..n]).is_none(), "prefix {n}");
        }
        for i in (4..bytes.len()).step_by(61) {
            let mut b = bytes.clone();
            b[i] ^= 0xa5;
            if let Some(bundle) = Bundle::from_bytes(&b) {
                for id in bundle.standards.iter().map(|e| e.head.id.clone()).collect::<Vec<_>>() {
                    let _ = bundle.standard(&id);
                }
            }
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(Bundle::from_bytes(&extra).is_none());
        assert!(Bundle::from_bytes(b"JSON{}").is_none());
    }

    #[test]
    fn a_packed_standard_reads_back_and_its_digest_is_checked() {
        let all = resolved_from_toml();
        let lw = all.iter().find(|s| s.id == "longwan-2024").unwrap();
        let bytes = pack_standard(lw);
        assert_eq!(unpack_standard(&bytes).as_ref(), Some(lw));
        // A bundle of several standards is not one packed standard.
        assert!(unpack_standard(&Bundle::new(&all).to_bytes()).is_none());
        // Content changed but the digest kept: refused.
        let mut edited = lw.clone();
        edited.indicators[0].points += 1.0;
        assert!(unpack_standard(&pack_standard(&edited)).is_none());
        edited.digest = crate::score::standard_digest(&edited);
        assert_eq!(unpack_standard(&pack_standard(&edited)), Some(edited));
    }

    /// The peak of this process's virtual memory, in kB (Linux).
    #[cfg(target_os = "linux")]
    fn vm_peak_kb() -> u64 {
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let line = status.lines().find(|l| l.starts_with("VmPeak:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }

    /// A forged count (as many items as bytes left, every item one zero byte) is refused
    /// without reserving memory for that many items: a standard in memory is about a
    /// thousand times its first byte, so 4 MB once reserved 4 GB (more than a WebAssembly
    /// module can address).
    #[test]
    #[cfg(target_os = "linux")]
    fn a_forged_count_reserves_no_more_than_the_bytes_left() {
        let n: usize = 4 << 20;
        let mut forged = MAGIC.to_vec();
        put_uint(&mut forged, n as u64);
        forged.resize(forged.len() + n, 0);
        let before = vm_peak_kb();
        assert!(Bundle::from_bytes(&forged).is_none());
        let mut table = MAGIC.to_vec();
        put_uint(&mut table, 0);
        put_uint(&mut table, n as u64);
        table.resize(table.len() + n, 0);
        assert!(Bundle::from_bytes(&table).is_none());
        let grown_mb = vm_peak_kb().saturating_sub(before) / 1024;
        assert!(grown_mb < 1024, "reading 4 MB reserved {grown_mb} MB");
    }

    #[test]
    fn numbers_round_trip() {
        let mut w = Vec::new();
        for v in [0i32, 1, -1, 2024, -2024, i32::MAX, i32::MIN] {
            v.pack(&mut w);
        }
        u32::MAX.pack(&mut w);
        (-0.0f64).pack(&mut w);
        let mut r = Reader { bytes: &w };
        for v in [0i32, 1, -1, 2024, -2024, i32::MAX, i32::MIN] {
            assert_eq!(i32::unpack(&mut r), Some(v));
        }
        assert_eq!(u32::unpack(&mut r), Some(u32::MAX));
        assert_eq!(f64::unpack(&mut r).map(f64::to_bits), Some((-0.0f64).to_bits()));
        assert!(r.bytes.is_empty());
    }
}
