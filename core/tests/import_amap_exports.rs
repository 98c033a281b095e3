//! Facility lists as a community worker gets them: an AMap (高德) POI export, with its text
//! `type` column before its `typecode`, Chinese headers, a `location` column, codes whose
//! leading zero Excel dropped, a row with no coordinates, and a workbook saved as `.xlsx`
//! (the 2026-12-07 review). The rows are made up; the codes and category names are the
//! standard's (mofcom-2021 via longwan-2024: 便利店 060200, 药店 090601 with the alias 药房).
//!
//! GBK is decoded before the importer sees the text (the CLI and the form do it), so the files
//! are written here as text.

use lifecircle_core::access::ImportError;
use lifecircle_core::access::crs::{Crs, convert};
use lifecircle_core::access::import::csv::{
    FacilityCsvOptions, WORKBOOK, convert_csv, facilities_from_csv, facilities_from_csv_with, origins_from_csv, records,
};
use lifecircle_core::access::import::geojson::facilities_from_geojson;
use lifecircle_core::access::import::{CategoryMapping, FacilityImport};
use lifecircle_core::standard::Standard;

fn longwan() -> (Standard, CategoryMapping) {
    let st = lifecircle_core::load_builtin("longwan-2024").expect("builtin");
    let m = lifecircle_core::access::category_mapping(&st).expect("mapping");
    (st, m)
}

/// The category code of a category named in Chinese, as the standard has it.
fn code(st: &Standard, zh: &str) -> String {
    st.find_category(zh).unwrap_or_else(|| panic!("{zh}")).code.clone()
}

fn names_and_categories(f: &FacilityImport) -> Vec<(String, Vec<String>)> {
    f.facilities.iter().map(|x| (x.name.clone().unwrap_or_default(), x.categories.clone())).collect()
}

/// What AMap's POI export looks like: `name,type,typecode,…,lng,lat`, the text column first.
const AMAP: &str = "name,type,typecode,address,lng,lat,tel
示例便利店(永昌路店),购物服务;便民商店/便利店;便民商店/便利店,060200,永中街道示例路12号,120.75921,27.94655,0577-00000000
示例综合市场,购物服务;综合市场;综合市场,060700,永中街道示例路30号,120.76105,27.94480,
示例大药房(永中店),医疗保健服务;医药保健销售店;药房,090601,永中街道,120.75800,27.94720,
示例早餐店,餐饮服务;快餐厅;快餐厅,050300,永中街道,120.75850,27.94610,
";

/// Finding 1: the text column `type` came before `typecode` in the header and was read as the
/// code, so a usual AMap export imported no facility at all, and its rows were listed as
/// `typecode=购物服务;…`.
#[test]
fn an_amap_export_is_classified_by_its_typecode_column_not_its_type_text() {
    let (st, m) = longwan();
    let f = facilities_from_csv(AMAP, &m, Crs::Gcj02).expect("imports");
    assert_eq!(
        names_and_categories(&f),
        [
            ("示例便利店(永昌路店)".to_string(), vec![code(&st, "便利店")]),
            ("示例大药房(永中店)".to_string(), vec![code(&st, "药店")]),
        ]
    );
    // 060700 (综合市场) and 050300 (快餐厅) are no category's code in this standard, nor are
    // their names a category's: listed with what was read, each under its own column's name.
    let unmapped: Vec<(&str, Vec<String>)> =
        f.unmapped.iter().map(|u| (u.name.as_deref().unwrap_or(""), u.keys.clone())).collect();
    assert_eq!(
        unmapped,
        [
            ("示例综合市场", vec!["typecode=060700".to_string(), "type=购物服务;综合市场;综合市场".to_string()]),
            ("示例早餐店", vec!["typecode=050300".to_string(), "type=餐饮服务;快餐厅;快餐厅".to_string()]),
        ]
    );
    // The order of the columns does not matter.
    let reordered =
        "typecode,lng,lat,name,type\n060200,120.75921,27.94655,甲,购物服务;便民商店/便利店;便民商店/便利店\n";
    assert_eq!(facilities_from_csv(reordered, &m, Crs::Gcj02).unwrap().facilities[0].categories, [code(&st, "便利店")]);
}

/// Without a code, the type text names the category by its most specific part (便利店, 药房
/// are a category's name and alias); its broad first part (购物服务) names none.
#[test]
fn the_type_text_classifies_a_row_without_a_code() {
    let (st, m) = longwan();
    let csv = "name,type,lng,lat
甲,购物服务;便民商店/便利店;便民商店/便利店,120.759,27.946
乙,医疗保健服务;医药保健销售店;药房,120.758,27.947
丙,购物服务;综合市场;综合市场,120.761,27.944
丁,便利店,120.760,27.945
";
    let f = facilities_from_csv(csv, &m, Crs::Gcj02).unwrap();
    assert_eq!(
        names_and_categories(&f),
        [
            ("甲".to_string(), vec![code(&st, "便利店")]),
            ("乙".to_string(), vec![code(&st, "药店")]),
            ("丁".to_string(), vec![code(&st, "便利店")]),
        ]
    );
    assert_eq!(f.unmapped.len(), 1);
    assert_eq!(f.unmapped[0].keys, ["type=购物服务;综合市场;综合市场"]);
    // A code that matches nothing (no rule covers 069900) falls back to the text.
    let csv = "name,type,typecode,lng,lat\n甲,购物服务;便民商店/便利店;便民商店/便利店,069900,120.759,27.946\n";
    let f = facilities_from_csv(csv, &m, Crs::Gcj02).unwrap();
    assert_eq!(f.facilities[0].categories, [code(&st, "便利店")]);
    // Codes in a `type` column, as older files wrote them, are still read as codes.
    let f = facilities_from_csv("lon,lat,type\n120.7,27.9,090601\n", &m, Crs::Wgs84).unwrap();
    assert_eq!(f.facilities[0].categories, [code(&st, "药店")]);
}

/// Finding 2: Excel opens `060200` as the number 60200 and saves it so; such a code matched
/// nothing (a code had to be six characters).
#[test]
fn a_code_whose_leading_zero_excel_dropped_still_matches() {
    let (st, m) = longwan();
    let csv = "name,typecode,lng,lat
甲,60200,120.75921,27.94655
乙,90601,120.75800,27.94720
丙,060200,120.75,27.94
";
    let f = facilities_from_csv(csv, &m, Crs::Gcj02).unwrap();
    let cats: Vec<Vec<String>> = f.facilities.iter().map(|x| x.categories.clone()).collect();
    assert_eq!(cats, [vec![code(&st, "便利店")], vec![code(&st, "药店")], vec![code(&st, "便利店")]]);
    assert!(f.unmapped.is_empty(), "{:?}", f.unmapped);
    // A code below a level rule too (060201 under 060200), and GeoJSON's numeric typecode.
    assert_eq!(m.match_amap("60201"), [code(&st, "便利店")]);
    let gj = r#"{"type":"Feature","properties":{"typecode":60200},"geometry":{"type":"Point","coordinates":[120.75,27.94]}}"#;
    assert_eq!(facilities_from_geojson(gj, &m, Crs::Gcj02).unwrap().facilities[0].categories, [code(&st, "便利店")]);
    // Only a five-digit number is taken for a code missing its zero.
    assert!(m.match_amap("6020").is_empty() && m.match_amap("6020a").is_empty() && m.match_amap("0060200").is_empty());
}

/// Finding 3: AMap's Chinese export headers (名称,类型,类型编码,地址,经度,纬度) imported none.
#[test]
fn chinese_amap_headers_are_read() {
    let (st, m) = longwan();
    let csv = "名称,类型,类型编码,地址,经度,纬度
示例便利店(永昌路店),购物服务;便民商店/便利店;便民商店/便利店,060200,永中街道示例路12号,120.75921,27.94655
示例大药房(永中店),医疗保健服务;医药保健销售店;药房,090601,永中街道,120.75800,27.94720
";
    let f = facilities_from_csv(csv, &m, Crs::Gcj02).unwrap();
    let cats: Vec<Vec<String>> = f.facilities.iter().map(|x| x.categories.clone()).collect();
    assert_eq!(cats, [vec![code(&st, "便利店")], vec![code(&st, "药店")]]);
    assert!(f.unmapped.is_empty());
    // An unmatched code is listed under `typecode`, whatever the header's language.
    let f = facilities_from_csv("名称,类型编码,经度,纬度\n甲,060700,120.76,27.94\n", &m, Crs::Gcj02).unwrap();
    assert_eq!(f.unmapped[0].keys, ["typecode=060700"]);
}

/// Finding 4: AMap writes a POI's position in one `location` column, `lng,lat`; the file was
/// refused for having no longitude column.
#[test]
fn a_location_column_holding_lng_lat_is_read() {
    let (st, m) = longwan();
    let gcj = [120.75921, 27.94655];
    let want = convert(gcj, Crs::Gcj02, Crs::Wgs84);
    for header in ["location", "坐标", "经纬度", "Location"] {
        let csv = format!(
            "name,type,typecode,address,{header}\n示例便利店(永昌路店),购物服务;便民商店/便利店;便民商店/便利店,060200,永中街道示例路12号,\"120.75921,27.94655\"\n"
        );
        let f = facilities_from_csv(&csv, &m, Crs::Gcj02).unwrap_or_else(|e| panic!("{header}: {e}"));
        assert_eq!(f.facilities.len(), 1, "{header}");
        assert_eq!(f.facilities[0].categories, [code(&st, "便利店")]);
        assert_eq!(f.facilities[0].point, want, "{header}: read as lng,lat and converted from GCJ-02");
    }
    // A full-width comma and spaces, as typed by hand.
    let f = facilities_from_csv("name,category,坐标\n甲,便利店,\"120.75921， 27.94655\"\n", &m, Crs::Gcj02).unwrap();
    assert_eq!(f.facilities[0].point, want);
    // Separate columns win when a file has both.
    let f =
        facilities_from_csv("name,category,location,lng,lat\n甲,便利店,\"1,2\",120.75921,27.94655\n", &m, Crs::Gcj02)
            .unwrap();
    assert_eq!(f.facilities[0].point, want);
    // A location that is not two numbers names its line.
    let err = facilities_from_csv("name,category,location\n甲,便利店,120.75921\n", &m, Crs::Gcj02).unwrap_err();
    assert_eq!(err.to_string(), "csv line 2: location \"120.75921\" is not longitude,latitude");
    let err = facilities_from_csv("name,category,location\n甲,便利店,\"东,27.9\"\n", &m, Crs::Gcj02).unwrap_err();
    assert_eq!(err.bilingual(), "CSV 第 2 行有误：经度“东”不是数字 / csv line 2: longitude \"东\" is not a number");
    // No position column at all: the refusal names the location column too.
    match facilities_from_csv("name,category\n甲,便利店\n", &m, Crs::Gcj02).unwrap_err() {
        ImportError::CsvMissingColumn { column, accepted } => {
            assert_eq!(column, "longitude");
            assert_eq!(accepted, "lon|lng|longitude|x|经度; location|坐标|经纬度 (lng,lat)");
        }
        other => panic!("{other:?}"),
    }
    // Origins and the datum conversion read it too; the conversion writes `lng,lat` back.
    let o = origins_from_csv("编号,人口,坐标\nR1,120,\"120.75921,27.94655\"\n", Crs::Gcj02).unwrap();
    assert_eq!((o[0].id.as_str(), o[0].point, o[0].population), ("R1", want, Some(120.0)));
    let out = convert_csv("name,location,tel\n甲,\"120.75921,27.94655\",1\n", Crs::Gcj02, Crs::Wgs84).unwrap();
    let rows = records(&out).unwrap();
    assert_eq!(rows[1].1, ["甲".to_string(), format!("{:.7},{:.7}", want[0], want[1]), "1".to_string()]);
}

/// Finding 5: one row with empty coordinates refused the whole file, though the form lists
/// facilities without a location. Asked to keep them, the importer keeps such rows apart,
/// classified, and counts them; a row with only one coordinate is still an error.
#[test]
fn rows_without_coordinates_are_kept_apart_when_asked() {
    let (st, m) = longwan();
    let csv = "名称,业态,连锁,品牌,经度,纬度
示例便利店,便利店,是,示例,120.75921,27.94655
示例菜市场,菜市场,否,,,
示例药房,药店,,,  ,
某物,宇宙飞船,,,,
";
    let keep = FacilityCsvOptions { keep_unlocated: true };
    let f = facilities_from_csv_with(csv, &m, Crs::Gcj02, keep).unwrap();
    assert_eq!(names_and_categories(&f), [("示例便利店".to_string(), vec![code(&st, "便利店")])]);
    let unlocated: Vec<(&str, &str, Vec<String>)> =
        f.unlocated.iter().map(|u| (u.id.as_str(), u.name.as_deref().unwrap_or(""), u.categories.clone())).collect();
    assert_eq!(
        unlocated,
        [("line 3", "示例菜市场", vec![code(&st, "菜市场")]), ("line 4", "示例药房", vec![code(&st, "药店")])]
    );
    // An unclassified row is listed as unmapped, with or without coordinates.
    assert_eq!(f.unmapped.len(), 1);
    assert_eq!(f.unmapped[0].keys, ["category=宇宙飞船"]);
    // Not asked (walking distances need every position): refused at the row, as before.
    let err = facilities_from_csv(csv, &m, Crs::Gcj02).unwrap_err();
    assert_eq!(err.bilingual(), "CSV 第 3 行有误：经度“”不是数字 / csv line 3: longitude \"\" is not a number");
    // One coordinate of two is a mistake either way.
    let half = "名称,业态,经度,纬度\n甲,便利店,120.75,\n";
    let err = facilities_from_csv_with(half, &m, Crs::Gcj02, keep).unwrap_err();
    assert_eq!(err.to_string(), "csv line 2: latitude \"\" is not a number");
    // An empty location cell is no position too.
    let f = facilities_from_csv_with("名称,业态,location\n甲,便利店,\n", &m, Crs::Gcj02, keep).unwrap();
    assert_eq!((f.facilities.len(), f.unlocated.len()), (0, 1));
    let err = facilities_from_csv("名称,业态,location\n甲,便利店,\n", &m, Crs::Gcj02).unwrap_err();
    assert_eq!(err.to_string(), "csv line 2: location \"\" is not longitude,latitude");
    // Duplicate ids are caught among rows without coordinates as well.
    let dup = "编号,名称,业态,经度,纬度\nA1,甲,便利店,,\nA1,甲,便利店,,\n";
    assert!(matches!(
        facilities_from_csv_with(dup, &m, Crs::Gcj02, keep).unwrap_err(),
        ImportError::CsvDuplicateId { line: 3, first_line: 2, .. }
    ));
    // Nothing kept apart is written into a JSON import when there is none (the npm module's shape).
    let json = serde_json::to_string(&facilities_from_csv(AMAP, &m, Crs::Gcj02).unwrap()).unwrap();
    assert!(!json.contains("unlocated"), "{json}");
}

/// Finding 6: an `.xlsx` given as CSV read as text with no longitude column (or, given as
/// GeoJSON, "malformed json at line 1"). Its ZIP signature survives decoding as UTF-8 or GBK.
#[test]
fn an_excel_workbook_is_named_as_one() {
    let (_, m) = longwan();
    let xlsx = "PK\u{3}\u{4}\u{14}\u{0}\u{6}\u{0}binarystuff\u{0}\u{1}";
    for err in [
        facilities_from_csv(xlsx, &m, Crs::Gcj02).unwrap_err(),
        origins_from_csv(xlsx, Crs::Wgs84).unwrap_err(),
        records(xlsx).unwrap_err(),
    ] {
        assert_eq!(err, ImportError::WrongFormat { named: "csv", found: WORKBOOK, hint: HINT });
        assert_eq!(
            err.to_string(),
            "the file is named as csv but holds an excel workbook (xlsx): open it in excel or wps and save it as csv (utf-8 or gbk) first, then import that file"
        );
    }
    let err = facilities_from_geojson(xlsx, &m, Crs::Gcj02).unwrap_err();
    assert_eq!(err, ImportError::WrongFormat { named: "geojson", found: WORKBOOK, hint: HINT });
    // A BOM before it (never written by Excel, but harmless) does not hide it; CSV text that
    // merely starts with "PK" is CSV.
    assert!(matches!(
        facilities_from_csv(&format!("\u{feff}{xlsx}"), &m, Crs::Gcj02),
        Err(ImportError::WrongFormat { .. })
    ));
    assert!(facilities_from_csv("PK,lon,lat\n1,120.7,27.9\n", &m, Crs::Wgs84).is_ok());
}

const HINT: &str = "open it in excel or wps and save it as csv (utf-8 or gbk) first, then import that file";
