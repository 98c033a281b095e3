//! `lifecircle`: the command line for evaluators.
//!
//! All scoring happens in `lifecircle-core`; this binary reads files, reads the clock for a
//! default evaluation date, and prints.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use lifecircle_core::access::{self, Crs, load};
use lifecircle_core::report::{self, Format};
use lifecircle_core::standard::{self, BUILTIN, Lang, Standard, StandardError};
use lifecircle_core::table::Csv;
use lifecircle_core::{Circle, Date, example};

mod batch;
mod list;
mod terminal;
mod verify;

use terminal::visible;

/// `eprintln!` through [`terminal::text`]: no control character from data reaches the terminal
/// (the program's own line breaks stay).
macro_rules! tell {
    ($($t:tt)*) => { eprintln!("{}", terminal::text(&format!($($t)*))) };
}

const AFTER_HELP: &str = "\
退出码 Exit codes:
  0  成功 success
  1  输入有误：标准文件或生活圈数据无效（逐条列出问题，含文件、行号、字段）
     invalid input: a standard or circle file has problems (each listed with file, line, field)
     verify：有评分结果未通过核验 / verify: an assessment did not verify
  2  命令用法错误 usage error
  3  无法读取文件 a file could not be read

输出 Output:
  标准输出：报告、表格、JSON；validate 与 verify 每个文件、每份结果的结论，以及两者最后的汇总行（通过与否都在此）
  stdout: reports, tables, JSON; validate's and verify's line for each file or assessment, and their
  closing summary (whether or not all passed)
  标准错误输出：问题、警告与提示，包括 score 未能评分的生活圈及其计数
  stderr: problems, warnings and notes, among them the circles score could not score, and how many

示例 Examples:
  lifecircle standards
  lifecircle validate standards/longwan-2024.toml
  lifecircle example > circle.json
  lifecircle score --standard longwan-2024 circle.json
  lifecircle score --standard longwan-2024 --lang en --format md circle.json
  lifecircle score --standard longwan-2024 --format json circle.json > result.json
  lifecircle score --standard longwan-2024 --format csv circles/*.json > scores.csv
  lifecircle verify --assessment result.json circle.json
  lifecircle district --standard longwan-2024 --communities 120 circles/*.json";

/// 一刻钟便民生活圈评价标准体系命令行工具 — lifecircle, the evaluation standard system for
/// 15-minute convenient living circles.
#[derive(Parser)]
#[command(name = "lifecircle", version, about, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 列出内置标准 List the built-in standards with their versions.
    Standards,
    /// 校验标准文件 Validate standard files; report every problem with file, line and id.
    Validate {
        /// 标准文件（TOML、JSON 或 YAML，按扩展名；`-` 读标准输入并自行判断；打包的标准（`lifecircle pack`）核对其摘要）。`extends` 所指的上级标准先找同目录的 `<id>.toml`、`.json`、`.yaml`、`.yml`（依次），没有才用内置标准；同目录的文件与同编号的内置标准不同时会提示用的是哪一个。
        /// Standard files (TOML, JSON or YAML, by extension; `-` reads standard input and
        /// guesses; a packed standard (`lifecircle pack`) has its digest checked). A parent named
        /// in `extends` is looked up as `<id>.toml`, `<id>.json`, `<id>.yaml`, `<id>.yml` beside the file first, then
        /// among the built-in standards; a file beside it that differs from the built-in standard
        /// of that id is used, and a warning says so.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// 评分 Score circles against a standard and print the report.
    Score {
        /// 内置标准编号（见 `lifecircle standards`）、标准文件（TOML、JSON、YAML）或打包的标准（`lifecircle pack`）
        /// A built-in standard id (see `lifecircle standards`), a standard file (TOML, JSON or
        /// YAML) or a packed standard (`lifecircle pack`).
        #[arg(long, short)]
        standard: String,
        /// 生活圈文件（JSON）；`-` 读标准输入 Circle files (JSON); `-` reads standard input.
        #[arg(required = true)]
        circles: Vec<PathBuf>,
        /// 评估日期 YYYY-MM-DD（默认今天，按北京时间 UTC+8）Evaluation date, YYYY-MM-DD (default: today in China, UTC+8).
        #[arg(long)]
        as_of: Option<String>,
        #[command(flatten)]
        report: ReportArgs,
        #[command(flatten)]
        data: DataArgs,
    },
    /// 核验评分结果 Verify assessments: score their circles again and compare, value by value
    ///
    /// 用于交来的评分结果（`score --format json` 或组件的 `lifecircle-submit`）及其生活圈文件：按结果所记的标准与日期重新评分；标准摘要、输入摘要与每个数值都一致才通过。按路网评分的生活圈须给同样的 --network、--facilities、--origins 与 --data-crs（以及 --facilities-crs、--origins-crs，若评分时给过）。
    ///
    /// For results handed in (`score --format json`, or the widgets' `lifecircle-submit`) with
    /// the circle files they were made from: each circle is scored again with the standard and
    /// date the assessment names. An assessment passes only if the standard's digest, the
    /// input digest and every value agree. A circle scored on a street network is verified
    /// with the same --network, --facilities, --origins and --data-crs (and --facilities-crs,
    /// --origins-crs if they were given).
    Verify {
        /// 评分结果（JSON）：一个，或 `score --format json` 为多个生活圈写出的列表；按生活圈编号对应文件（同一生活圈给了两次只核验一次；同一编号而内容不同时，核验输入摘要相符的那一个）
        /// The assessments (JSON): one, or a list as `score --format json` writes for many
        /// circles. Each is matched to the circle file with the same circle id (one circle given
        /// twice is verified once; of different circles with one id, the one whose input the
        /// assessment's digest names).
        #[arg(long, short)]
        assessment: PathBuf,
        /// 被评分的生活圈文件（JSON）The circle files (JSON) that were scored.
        #[arg(required = true)]
        circles: Vec<PathBuf>,
        /// 标准（结果所记的不是内置标准时）：标准文件、打包的标准（`lifecircle pack`）或内置编号
        /// The standard, when it is not the built-in one the assessment names: a standard file
        /// (TOML, JSON or YAML), a packed standard (`lifecircle pack`) or a built-in id.
        #[arg(long, short)]
        standard: Option<String>,
        /// 逐项列出全部不同之处（默认至多列出 12 处，其余计数；输入与总分的不同总会列出）
        /// List every difference (by default at most 12 are listed and the rest counted; those in
        /// the input and the total are always listed).
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// 全区目标进度 A district's circles against its standard's targets (circles built, chain share, satisfaction …)
    ///
    /// 逐圈评分，再与标准中每一条 `[[targets]]` 对照：现状、是否达到、计算口径（本项目对目标的理解标为暂定）。生活圈数据无法得出的目标列为无法判断。
    ///
    /// Scores every circle, then compares the district with each `[[targets]]` row of the
    /// standard: the value, whether it is met, and how it was counted (provisional where this
    /// project reads the target). Targets circle data cannot give are listed as not measured.
    ///
    /// 按路网评分的生活圈须给同样的 --network、--facilities、--origins 与 --data-crs（与 `score` 相同），汇总才与交来的评分结果一致。
    ///
    /// Circles scored on a street network are summarised with the same --network,
    /// --facilities, --origins and --data-crs as `score`, so that the summary agrees with the
    /// assessments handed in.
    District {
        /// 内置标准编号、标准文件（TOML、JSON、YAML）或打包的标准（`lifecircle pack`）
        /// A built-in standard id, a standard file (TOML, JSON or YAML) or a packed standard (`lifecircle pack`).
        #[arg(long, short)]
        standard: String,
        /// 全区的生活圈文件（JSON），一个不漏：每个文件一个生活圈或一个列表（全区进度组件导出的格式）
        /// The district's circle files (JSON), all of them: each a circle, or a list of circles
        /// (as the district dashboard exports them).
        #[arg(required = true)]
        circles: Vec<PathBuf>,
        /// 评估日期 YYYY-MM-DD（默认今天，按北京时间 UTC+8），其年份即“本年”
        /// Evaluation date, YYYY-MM-DD (default: today in China, UTC+8); its year marks this
        /// year's targets.
        #[arg(long)]
        as_of: Option<String>,
        /// 全区社区数（用于“创成生活圈的社区比例”）
        /// Number of communities in the district (for the share of communities with a circle).
        #[arg(long, allow_negative_numbers = true, value_parser = count_above_zero)]
        communities: Option<u32>,
        /// 区里填报的目标值：生活圈数据得不出的本区目标（如 provincial_pilot=1、
        /// professional_operators=2），可重复，或以逗号分隔；报告注明“区里填报”
        /// A value the district reports for one of its targets that circle data cannot give
        /// (e.g. provincial_pilot=1, professional_operators=2); repeat it or separate with
        /// commas; reports say it was reported.
        #[arg(long, value_name = "METRIC=VALUE")]
        reported: Vec<String>,
        /// 用 --format csv 时输出哪张表：目标（每项目标一行）、各圈（每个生活圈一行）、任务（各责任单位缺什么补什么：每个单位、指标、生活圈一行，按“责任单位”筛选即得该单位的清单）
        /// With --format csv, which table: targets (a row per target), circles (a row per circle)
        /// or tasks (what the circles lack, a row per responsible unit, indicator and circle: filter
        /// on the unit for its list).
        #[arg(long, value_enum, default_value_t = TableArg::Targets)]
        table: TableArg,
        #[command(flatten)]
        report: ReportArgs,
        #[command(flatten)]
        data: DataArgs,
    },
    /// 步行可达性 Walking distances on a street network.
    Access {
        #[command(subcommand)]
        command: AccessCommand,
    },
    /// 坐标转换 Convert points between WGS-84, GCJ-02 (AMap) and BD-09 (Baidu).
    Coords {
        /// 原坐标系 From this coordinate system
        #[arg(long, value_enum)]
        from: CrsArg,
        /// 目标坐标系 To this coordinate system
        #[arg(long, value_enum)]
        to: CrsArg,
        /// 一个点 `经度,纬度` A point `LON,LAT`.
        point: Option<String>,
        /// 含经度、纬度列（lon/经度、lat/纬度）的 CSV 文件：这两列转换，其余行列原样输出；UTF-8 或 GBK（中文 Windows 的 Excel 所存）；带引号的字段（含逗号的地址）保留；输出为带 BOM 的 UTF-8（Excel 可直接打开）
        /// A CSV file with longitude and latitude columns (`lon`/`经度`, `lat`/`纬度`): the same
        /// rows and columns come out with those two converted. UTF-8 or GBK (as Excel on
        /// Chinese Windows saves it); quoted fields (an address with a comma) are kept. Written
        /// as UTF-8 with a BOM, so Excel opens it.
        #[arg(long, conflicts_with = "point")]
        csv: Option<PathBuf>,
    },
    /// 显示解析后的标准 Print a resolved standard (after `extends`) as JSON.
    ///
    /// 输出是合并了各层之后的结果，供阅读与核对，不是标准文件：不能再作为 --standard 读入（要改标准请改原文件）。
    ///
    /// The output is the merged result of every layer, for reading and checking; it is not a
    /// standard file and cannot be given back as `--standard` (edit the source file instead).
    Show {
        /// 内置标准编号或标准文件 A built-in standard id or a standard file.
        standard: String,
    },
    /// 打包标准供组件使用 Resolve a standard and write it packed for the widgets (`standardPacked`).
    ///
    /// 组件不带标准文件解析器：门户把自己的标准打包一次（`lifecircle pack mine.toml -o mine.lcs`）再交给组件，组件读取时核对其中的摘要。
    ///
    /// The widgets carry no standard-file parser: a portal with its own standard packs it once
    /// (`lifecircle pack mine.toml -o mine.lcs`) and passes the bytes; the digest inside is
    /// checked when the widgets read it.
    Pack {
        /// 内置标准编号或标准文件（TOML、JSON、YAML）A built-in standard id or a standard file (TOML, JSON or YAML).
        standard: String,
        /// 写入此文件（默认标准输出）Write to this file instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// 输出 JSON Schema Print the JSON Schema of the circle input or of the standard format.
    Schema {
        /// 哪一种：生活圈输入或标准格式 Which: the circle input or the standard format
        #[arg(long, value_enum, default_value_t = SchemaOf::Circle)]
        of: SchemaOf,
    },
    /// 输出示例生活圈 Print the complete sample circle (示例数据) the demo uses.
    Example {
        /// 示例所属标准 The standard whose sample to print (only longwan-2024 has one)
        #[arg(long, default_value = "longwan-2024")]
        standard: String,
    },
}

#[derive(Subcommand)]
enum AccessCommand {
    /// 步行距离 Network walking distance in metres between two points, or for every row of a CSV
    ///
    /// 两点间或 CSV 每行（`from_lon,from_lat,to_lon,to_lat`，可有其他列；UTF-8 或 GBK）的路网步行距离（米）。输出原有各列，另加 `metres` 与 `备注 note` 列：无法量得时 metres 为空，备注说明原因（离道路过远、无连通路径）。
    ///
    /// A CSV of pairs has the columns `from_lon,from_lat,to_lon,to_lat` (others are kept;
    /// UTF-8 or GBK); out: every column plus `metres` and `备注 note`: when a distance cannot be
    /// measured, `metres` is empty and the note says why (a point too far from any street, no
    /// path). Tables are written for Excel: UTF-8 with a BOM, quoted as needed.
    Distance {
        /// 路网 Street network: OSM XML (`.osm`), OSM PBF (`.pbf`) or GeoJSON lines (UTF-8 or GBK)
        #[arg(long)]
        network: PathBuf,
        /// 起点 From: LON,LAT (e.g. 116.337,39.9495)
        #[arg(long, requires = "to", conflicts_with = "pairs")]
        from: Option<String>,
        /// 终点 To: LON,LAT
        #[arg(long)]
        to: Option<String>,
        /// 成对的点 CSV of pairs: from_lon,from_lat,to_lon,to_lat
        #[arg(long)]
        pairs: Option<PathBuf>,
        /// 坐标系 Coordinate system of the data files and the points
        #[arg(long, value_enum, default_value_t = CrsArg::Wgs84)]
        crs: CrsArg,
        #[command(flatten)]
        names: ExcludeNames,
    },
    /// 最近设施 From one point, the nearest facility of every category of a standard
    ///
    /// 从一点出发，标准中每类业态最近的设施，附米数与步行分钟（按标准的步速）。
    ///
    /// With metres and walking minutes (the standard's walking speed).
    Nearest {
        /// 路网 Street network: OSM XML (`.osm`), OSM PBF (`.pbf`) or GeoJSON lines (UTF-8 or GBK)
        #[arg(long)]
        network: PathBuf,
        /// 设施 Facilities: OSM, GeoJSON points or CSV
        #[arg(long)]
        facilities: PathBuf,
        /// 起点 From: LON,LAT
        #[arg(long)]
        from: String,
        /// 标准：内置标准编号、标准文件或打包的标准（取其业态、分钟数、步行速度）A built-in standard id, a standard file or a packed standard (its categories, minutes, walking speed)
        #[arg(long, short, default_value = "longwan-2024")]
        standard: String,
        /// 步速 Walking pace: the standard's default, or its slower pace for older residents
        #[arg(long, value_enum, default_value_t = ProfileArg::Default)]
        profile: ProfileArg,
        /// 坐标系 Coordinate system of the data files and the points
        #[arg(long, value_enum, default_value_t = CrsArg::Wgs84)]
        crs: CrsArg,
        /// 设施文件坐标系，与 --crs 不同时给出（在高德地图上拾取的点为 gcj02）Coordinate system of the facilities file when it is not --crs (points picked on AMap are gcj02)
        #[arg(long, value_enum)]
        facilities_crs: Option<CrsArg>,
        #[command(flatten)]
        names: ExcludeNames,
    },
    /// 选址建议 For a missing or weak category, the best sites for a new facility
    ///
    /// 对缺失或薄弱的业态，按标准步行分钟内新覆盖的居民数排序的最佳位置（贪心最大覆盖），并给出各自带来的总分。
    ///
    /// Ranked by residents newly covered within the standard's minutes (greedy maximum
    /// coverage), each with the total it would give.
    Sites {
        /// 路网 Street network: OSM XML (`.osm`), OSM PBF (`.pbf`) or GeoJSON lines (UTF-8 or GBK)
        #[arg(long)]
        network: PathBuf,
        /// 设施 Facilities from data (optional; the circle's own inventory counts too)
        #[arg(long)]
        facilities: Vec<PathBuf>,
        /// 居民点（GeoJSON 或 CSV）；不给时用生活圈文件中带坐标的居民点，两者都没有则无法选址（退出码 1）Residential origins (GeoJSON or CSV); without them, the circle's origins with a location (with neither, no site can be ranked: exit 1)
        #[arg(long)]
        origins: Option<PathBuf>,
        /// 生活圈 The circle (JSON) to score with each site added
        #[arg(long)]
        circle: PathBuf,
        /// 标准：内置标准编号、标准文件或打包的标准（取其业态、分钟数、步行速度）A built-in standard id, a standard file or a packed standard (its categories, minutes, walking speed)
        #[arg(long, short, default_value = "longwan-2024")]
        standard: String,
        /// 业态：标准的业态编号或名称（如 convenience_store 或 便利店）A category of the standard, by code or name (`convenience_store` or `便利店`)
        #[arg(long)]
        category: String,
        /// 建议位置数 How many sites to suggest
        #[arg(long, default_value_t = 3, allow_negative_numbers = true, value_parser = sites_count)]
        k: usize,
        /// 评估日期（默认今天，按北京时间 UTC+8）Evaluation date, YYYY-MM-DD (default: today in China, UTC+8)
        #[arg(long)]
        as_of: Option<String>,
        /// 坐标系：数据文件与输出的选址坐标 Coordinate system of the data files and of the sites written
        #[arg(long, value_enum, default_value_t = CrsArg::Wgs84)]
        crs: CrsArg,
        /// 设施文件坐标系，与 --crs 不同时给出（在高德地图上拾取的点为 gcj02）Coordinate system of the facilities files when it is not --crs (points picked on AMap are gcj02)
        #[arg(long, value_enum)]
        facilities_crs: Option<CrsArg>,
        /// 居民点文件坐标系，与 --crs 不同时给出 Coordinate system of the origins file when it is not --crs
        #[arg(long, value_enum)]
        origins_crs: Option<CrsArg>,
        #[command(flatten)]
        names: ExcludeNames,
    },
    /// 等时圈 Streets reached within each number of minutes, and the isochrone polygons, as GeoJSON
    ///
    /// 各分钟数内可达的街道与等时圈多边形，输出 GeoJSON。
    Isochrone {
        /// 路网 Street network: OSM XML (`.osm`), OSM PBF (`.pbf`) or GeoJSON lines (UTF-8 or GBK)
        #[arg(long)]
        network: PathBuf,
        /// 起点 From: LON,LAT
        #[arg(long)]
        from: String,
        /// 分钟 Minutes, comma-separated
        #[arg(long, default_value = "5,10,15")]
        minutes: String,
        /// 标准：内置标准编号、标准文件或打包的标准（取其业态、分钟数、步行速度）A built-in standard id, a standard file or a packed standard (its categories, minutes, walking speed)
        #[arg(long, short, default_value = "longwan-2024")]
        standard: String,
        /// 网格边长（米，1 至 1000；至多一百万个网格）Grid cell of the isochrone polygons, metres (1 to 1000; at most a million cells)
        #[arg(long, default_value_t = 25.0, allow_negative_numbers = true)]
        cell_m: f64,
        /// 步速 Walking pace: the standard's default, or its slower pace for older residents
        #[arg(long, value_enum, default_value_t = ProfileArg::Default)]
        profile: ProfileArg,
        /// 坐标系 Coordinate system of the data files and the points
        #[arg(long, value_enum, default_value_t = CrsArg::Wgs84)]
        crs: CrsArg,
        #[command(flatten)]
        names: ExcludeNames,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ProfileArg {
    Default,
    Elderly,
}

impl From<ProfileArg> for access::Profile {
    fn from(p: ProfileArg) -> access::Profile {
        match p {
            ProfileArg::Default => access::Profile::Default,
            ProfileArg::Elderly => access::Profile::Elderly,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum CrsArg {
    Wgs84,
    Gcj02,
    Bd09,
}

impl From<CrsArg> for Crs {
    fn from(c: CrsArg) -> Crs {
        match c {
            CrsArg::Wgs84 => Crs::Wgs84,
            CrsArg::Gcj02 => Crs::Gcj02,
            CrsArg::Bd09 => Crs::Bd09,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// A whole number above 0 given on the command line (`--communities`), its error Chinese first
/// (a negative number reaches it: `allow_negative_numbers`).
fn count_above_zero(arg: &str) -> Result<u32, String> {
    u32::try_from(whole_number(arg, true)?)
        .ok()
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("须为大于 0 的整数，不能是 {arg} / must be a whole number above 0, not {arg}"))
}

/// How many sites to suggest (`--k`): a whole number, 0 or more.
fn sites_count(arg: &str) -> Result<usize, String> {
    usize::try_from(whole_number(arg, false)?).map_err(|_| format!("数值过大：{arg} / too large: {arg}"))
}

/// A whole number, 0 or more: a negative one is said to be negative (against a whole number
/// above 0 when `above_zero`).
fn whole_number(arg: &str, above_zero: bool) -> Result<u64, String> {
    let t = arg.trim();
    match t.parse::<i128>() {
        Ok(n) if n < 0 && above_zero => {
            Err(format!("不能是负数 {t}，须为大于 0 的整数 / must not be negative: {t} (a whole number above 0)"))
        }
        Ok(n) if n < 0 => Err(format!("不能是负数 {t}，须为不小于 0 的整数 / must not be negative: {t}")),
        Ok(n) => u64::try_from(n).map_err(|_| format!("数值过大：{t} / too large: {t}")),
        Err(_) => Err(format!("须为整数，不能是“{t}” / must be a whole number, not `{t}`")),
    }
}

/// `--as-of YYYY-MM-DD`, or today in China (UTC+8).
fn as_of_arg(arg: Option<String>) -> Result<Date, Failure> {
    match arg {
        Some(s) => s
            .parse::<Date>()
            .map_err(|e| Failure::Usage(format!("--as-of：`{s}` 不是有效日期，应为 YYYY-MM-DD（如 2025-06-30）/ {e}"))),
        None => Ok(today()),
    }
}

/// Data that `score` and `verify` measure walking distances from.
/// Streets left out of a network by name (`access` commands).
#[derive(clap::Args)]
struct ExcludeNames {
    /// 排除名称含此文字的道路（可重复；默认已排除“高速”“高架路”，后者为本项目设计的暂定规则）Leave out streets whose name contains this text (repeatable; `高速` and `高架路` are left out of GeoJSON networks by default, the latter a provisional rule designed by this project)
    #[arg(long = "exclude-name", value_name = "TEXT")]
    exclude_name: Vec<String>,
}

#[derive(clap::Args)]
struct DataArgs {
    /// 路网（OSM XML `.osm`、OSM PBF `.pbf`、GeoJSON（UTF-8 或 GBK））：步行类指标按在其上从中心与居民点量得的距离评分
    /// Street network (OSM XML `.osm`, OSM PBF `.pbf`, GeoJSON in UTF-8 or GBK): walking indicators are
    /// then scored from distances measured on it, from the circle's centre and origins.
    #[arg(long)]
    network: Option<PathBuf>,
    /// 设施数据（OSM、GeoJSON 点、CSV），按 OSM 标签与高德类型码归入标准的业态并加入清单。CSV 的列（表头不分大小写）：经度、纬度（lon、lat）或一列 location（“经度,纬度”，高德导出的格式），每行都要有坐标；名称、编号；业态（代码或中文名）或高德 typecode、type；是否连锁、品牌
    /// Facilities from data (OSM, GeoJSON points, CSV), mapped to the standard's
    /// categories by OSM tags and AMap type codes and added to the inventory. CSV columns
    /// (headers in any case): lon and lat, or one location column ("lon,lat" as AMap exports
    /// it), on every row; name, id; category (code or Chinese name) or AMap typecode and type;
    /// chain, brand.
    #[arg(long)]
    facilities: Vec<PathBuf>,
    /// 居民点（带 `population` 的 GeoJSON 点或建筑，或 CSV）
    /// Residential origins (GeoJSON points or buildings with `population`, or CSV).
    #[arg(long)]
    origins: Option<PathBuf>,
    /// 数据文件坐标系（--network、--facilities、--origins）
    /// Coordinate system of the data files given with --network, --facilities, --origins.
    #[arg(long, value_enum, default_value_t = CrsArg::Wgs84)]
    data_crs: CrsArg,
    /// 设施文件坐标系，与 --data-crs 不同时给出（在高德地图上拾取的点为 gcj02）
    /// Coordinate system of the --facilities files when it is not --data-crs (points picked
    /// on AMap are gcj02).
    #[arg(long, value_enum)]
    facilities_crs: Option<CrsArg>,
    /// 居民点文件坐标系，与 --data-crs 不同时给出
    /// Coordinate system of the --origins file when it is not --data-crs.
    #[arg(long, value_enum)]
    origins_crs: Option<CrsArg>,
    /// 排除名称含此文字的道路（可重复，如 --exclude-name 高架；GeoJSON 路网默认已排除“高速”与“高架路”，后者为本项目设计的暂定规则）
    /// Leave out streets whose name contains this text (repeatable, e.g. `--exclude-name 高架`;
    /// `高速` and `高架路` are left out of GeoJSON networks by default, the latter a provisional
    /// rule designed by this project). Give the same ones to `verify`.
    #[arg(long = "exclude-name", value_name = "TEXT")]
    exclude_name: Vec<String>,
}

/// The datum of each kind of data file: the network's, and the facilities' and origins' when
/// they differ from it (a street network from OSM in WGS-84, facilities picked on AMap in
/// GCJ-02).
#[derive(Clone, Copy)]
struct DataCrs {
    network: Crs,
    facilities: Crs,
    origins: Crs,
}

impl DataCrs {
    fn of(all: CrsArg, facilities: Option<CrsArg>, origins: Option<CrsArg>) -> DataCrs {
        DataCrs {
            network: all.into(),
            facilities: facilities.unwrap_or(all).into(),
            origins: origins.unwrap_or(all).into(),
        }
    }
}

/// How `score` and `district` write their report.
#[derive(clap::Args)]
struct ReportArgs {
    /// 报告语言 Language of the report.
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    lang: LangArg,
    /// 输出格式 Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// 可读的报告 a readable report
    Text,
    /// 完整结果（JSON；score 的结果可用 verify 核验）the full result as JSON (score's can be checked with `verify`)
    Json,
    /// Markdown 报告 the report in Markdown
    Md,
    /// 表格（CSV，可用 Excel/WPS 打开）：score 每个生活圈一行，district 每项目标一行。带 BOM 的 UTF-8；Excel 会改变的文本（12 位以上或以 0 开头的数字编号、可读作日期或分数的 1/2、1-2、3e5 等）写作 `="0330303"`，按原文显示；分数仍为数字；以 = + - @ 开头的文本前加 ' 以免作为公式执行
    /// A table for spreadsheets: one row per circle (score) or per target (district). UTF-8
    /// with a BOM; text Excel would change (ids of 12 or more digits or with a leading zero,
    /// text it reads as a date, fraction or number such as 1/2, 1-2, 3e5) is written
    /// `="0330303"`, which shows the text as it is; scores stay numbers; text starting with
    /// = + - @ gets a leading ' so it does not run as a formula
    Csv,
}

/// A district's tables (`district --format csv --table`).
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TableArg {
    /// 每项目标一行 a row per target
    Targets,
    /// 每个生活圈一行 a row per circle
    Circles,
    /// 每个责任单位、指标、生活圈一行 a row per responsible unit, indicator and circle
    Tasks,
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaOf {
    Circle,
    Standard,
}

/// How a command failed, and its exit code.
enum Failure {
    Invalid(String),
    /// The command was given wrong arguments (exit 2, as clap's own usage errors).
    Usage(String),
    Io(String),
}

impl Failure {
    fn message(&self) -> &str {
        match self {
            Failure::Invalid(m) | Failure::Usage(m) | Failure::Io(m) => m,
        }
    }

    /// What a batch that went on past its failures ends with: every failure's message, and
    /// exit 3 only when every one of them was a file that could not be read (else 1).
    fn batch(failed: Vec<Failure>) -> Result<(), Failure> {
        if failed.is_empty() { Ok(()) } else { Err(Failure::joined(failed)) }
    }

    /// Several failures as one: every message, exit 3 only when each was a file that could
    /// not be read (else 1).
    fn joined(failed: Vec<Failure>) -> Failure {
        let unreadable = failed.iter().all(|f| matches!(f, Failure::Io(_)));
        let text = failed.iter().map(Failure::message).collect::<Vec<_>>().join("\n");
        if unreadable { Failure::Io(text) } else { Failure::Invalid(text) }
    }
}

/// The command line as clap reads it, with clap's own words in the help in Chinese first: the
/// `-h` and `-V` flags are this program's (clap's are disabled: their help is English), and
/// every command's help is written from a template that names its parts in both languages
/// (clap's default writes `Usage:`, `Commands:`, `Arguments:` and `Options:`). Left in English:
/// the `help` command clap adds, and clap's own error messages (a Chinese line goes first,
/// [`parse_args`]).
fn command() -> clap::Command {
    use clap::{Arg, ArgAction, CommandFactory};
    /// The default template's layout, each heading in Chinese and English, only the parts a
    /// command has (every command has options: `-h` is global).
    fn chinese(cmd: clap::Command) -> clap::Command {
        let mut t = String::from("{before-help}{about-with-newline}\n用法 Usage: {usage}\n");
        if cmd.has_subcommands() {
            t.push_str("\n命令 Commands:\n{subcommands}\n");
        }
        if cmd.get_positionals().next().is_some() {
            t.push_str("\n参数 Arguments:\n{positionals}\n");
        }
        t.push_str("\n选项 Options:\n{options}{after-help}");
        cmd.help_template(t).mut_subcommands(chinese)
    }
    let help = Arg::new("help").short('h').long("help").action(ArgAction::Help).global(true);
    let version = Arg::new("version").short('V').long("version").action(ArgAction::Version);
    chinese(
        Cli::command()
            .disable_help_flag(true)
            .disable_version_flag(true)
            .arg(
                help.help("显示帮助 Print help")
                    .long_help("显示帮助（-h 显示摘要）Print help (see a summary with '-h')"),
            )
            .arg(version.help("显示版本 Print version")),
    )
}

/// clap's usage errors are English: a Chinese line goes first, naming the kind of mistake and
/// the argument, then clap's own message with its usage line (exit code 2, as before).
fn parse_args() -> Cli {
    use clap::FromArgMatches;
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let mut cmd = command();
    let parsed = cmd
        .try_get_matches_from_mut(std::env::args_os())
        .and_then(|mut m| Cli::from_arg_matches_mut(&mut m).map_err(|e| e.format(&mut cmd)));
    parsed.unwrap_or_else(|e| {
        let said = |k| match e.get(k) {
            Some(ContextValue::String(a)) => Some(a.clone()),
            Some(ContextValue::Strings(a)) => Some(a.join("、")),
            _ => None,
        };
        let (arg, prior) = (said(ContextKind::InvalidArg), said(ContextKind::PriorArg));
        let empty_value = said(ContextKind::InvalidValue).is_some_and(|v| v.is_empty());
        let kind = match e.kind() {
            ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => e.exit(),
            ErrorKind::MissingRequiredArgument => "缺少必填参数",
            ErrorKind::MissingSubcommand => "缺少命令",
            ErrorKind::InvalidSubcommand => "没有这个命令",
            ErrorKind::UnknownArgument => "无法识别的参数",
            ErrorKind::InvalidValue if empty_value => "缺少参数值",
            ErrorKind::InvalidValue | ErrorKind::ValueValidation => "参数取值无效",
            ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => "参数个数不对",
            ErrorKind::ArgumentConflict if arg.is_some() && arg == prior => "参数只能给一次",
            ErrorKind::ArgumentConflict => "参数不能同时给出",
            ErrorKind::NoEquals => "参数须写成 --名称=值",
            ErrorKind::InvalidUtf8 => "参数不是有效的 UTF-8 文本",
            _ => "用法有误",
        };
        // (a conflict names both arguments, unless it is one given twice)
        let prior = prior.filter(|p| Some(p) != arg.as_ref()).map(|p| format!(" 与 {p}")).unwrap_or_default();
        let arg = arg.or_else(|| said(ContextKind::InvalidSubcommand));
        let arg = arg.map(|a| format!("：{a}{prior}")).unwrap_or_default();
        let value = said(ContextKind::InvalidValue).filter(|v| !v.is_empty());
        let value = value.map(|v| format!("（“{v}”）")).unwrap_or_default();
        let hint = said(ContextKind::SuggestedSubcommand).map(|s| format!("；是否要用 {s}？")).unwrap_or_default();
        // A value parser's own reason (`--communities -3`: negative), its Chinese half.
        let reason = (e.kind() == ErrorKind::ValueValidation)
            .then(|| std::error::Error::source(&e).map(ToString::to_string))
            .flatten()
            .and_then(|r| r.split(" / ").next().filter(|z| !z.is_ascii()).map(|z| format!("：{z}")))
            .unwrap_or_default();
        eprintln!(
            "命令用法错误，{kind}{arg}{value}{reason}{hint}（用法见 lifecircle --help 或 lifecircle <命令> --help）"
        );
        e.exit()
    })
}

fn main() -> ExitCode {
    let cli = parse_args();
    let (msg, code) = match run(cli) {
        Ok(()) => return ExitCode::SUCCESS,
        Err(Failure::Invalid(msg)) => (msg, 1),
        Err(Failure::Usage(msg)) => (msg, 2),
        Err(Failure::Io(msg)) => (msg, 3),
    };
    // (empty: said already on stdout, as `verify`'s summary)
    if !msg.is_empty() {
        tell!("{msg}");
    }
    ExitCode::from(code)
}

/// Print to stdout (a report, a table, a line), every control character but line breaks and
/// tabs shown escaped ([`terminal::text`]); a closed pipe (`| head`) ends the program quietly
/// instead of panicking.
fn emit(text: &str) {
    emit_bytes(terminal::text(text).as_bytes());
}

/// Print JSON to stdout as [`emit`] prints text, DEL, C1 and direction controls written as
/// JSON escapes ([`terminal::json`]): the same JSON value.
fn emit_json(json: &str) {
    emit_bytes(terminal::json(json).as_bytes());
}

/// Write bytes to stdout, with [`emit`]'s handling of a closed pipe.
fn emit_bytes(bytes: &[u8]) {
    if !write_out(bytes) {
        std::process::exit(0);
    }
}

/// Write bytes to stdout; `false` when its reader has gone (a closed pipe: `… | head`). Any
/// other failure is said and ends the command (exit 3).
fn write_out(bytes: &[u8]) -> bool {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => false,
        Err(e) => {
            tell!("无法写入标准输出：{} / cannot write to stdout: {e}", io_reason(&e, Access::Write));
            std::process::exit(3);
        }
    }
}

macro_rules! say {
    ($($t:tt)*) => { emit(&format!("{}\n", format!($($t)*))) };
}

/// Whether a file was being read or written, for [`io_reason`].
#[derive(Clone, Copy)]
enum Access {
    Read,
    Write,
}

/// Why a file could not be read or written, in Chinese, for the reasons a user can act on
/// (the system's own words, English, follow it in each message): `文件不存在` for NotFound.
fn io_reason(e: &std::io::Error, access: Access) -> &'static str {
    use std::io::ErrorKind as K;
    match (e.kind(), access) {
        (K::NotFound, Access::Read) => "文件不存在",
        (K::NotFound, Access::Write) => "所在文件夹不存在",
        (K::PermissionDenied, Access::Read) => "没有读取权限",
        (K::PermissionDenied, Access::Write) => "没有写入权限",
        (K::IsADirectory, _) => "这是文件夹，不是文件",
        (K::NotADirectory, _) => "路径中有一段不是文件夹",
        (K::InvalidData, _) => "内容无效（不是 UTF-8 文本？）",
        (K::StorageFull, _) => "磁盘已满",
        (K::ReadOnlyFilesystem, _) => "文件系统为只读",
        (K::FileTooLarge, _) => "文件过大",
        _ => "操作系统报错",
    }
}

/// A file that could not be read: exit 3, the reason in Chinese first ([`io_reason`]).
fn unreadable(path: &Path, e: &std::io::Error) -> Failure {
    let p = path.display();
    Failure::Io(format!("无法读取 {p}：{} / cannot read {p}: {e}", io_reason(e, Access::Read)))
}

fn read(path: &Path) -> Result<String, Failure> {
    let bytes = if path.as_os_str() == "-" {
        // Read as bytes: text that is not UTF-8 is then named by line and column, as in a file.
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b).map_err(|e| {
            Failure::Io(format!("无法读取标准输入：{} / cannot read standard input: {e}", io_reason(&e, Access::Read)))
        })?;
        b
    } else {
        std::fs::read(path).map_err(|e| unreadable(path, &e))?
    };
    // Invalid input (exit 1), not an unreadable file: the bytes were read, they are not text.
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let (line, column) = line_column(&e.as_bytes()[..valid]);
        let at = valid + 1;
        // UTF-16 (Notepad's "Unicode") begins with its byte order mark or has NUL bytes
        // between ASCII letters; anything else not UTF-8 is most likely GBK.
        let head = &e.as_bytes()[..e.as_bytes().len().min(64)];
        let utf16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) || head.contains(&0);
        let guess = if utf16 { "UTF-16 编码（记事本的“Unicode”）" } else { "GBK 编码" };
        let guess_en = if utf16 { "UTF-16 (Notepad's \"Unicode\")" } else { "GBK" };
        Failure::Invalid(format!(
            "{}：从第 {at} 个字节起不是 UTF-8 文本（第 {line} 行第 {column} 列；可能是 {guess}，请以 UTF-8 编码另存）/ is not UTF-8 text from byte {at} on (line {line}, column {column}; perhaps {guess_en}: save it as UTF-8)",
            path.display()
        ))
    })
}

/// The line and column (from 1, in characters) just after `valid`, the UTF-8 text before a
/// byte that is not: where an editor shows that byte.
fn line_column(valid: &[u8]) -> (usize, usize) {
    let text = std::str::from_utf8(valid).unwrap_or_default();
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Parent lookup for a user's file: `<id>.toml`, `<id>.json`, `<id>.yaml` or `<id>.yml` beside
/// it (the first that exists), else the built-in standard of that id. A file beside the child
/// comes first even when its id is a built-in standard's: it is the copy its author is editing;
/// [`shadowing_note`] says so whenever it is not the built-in standard.
fn parent_lookup(dir: &Path) -> impl Fn(&str) -> Option<(String, String)> + '_ {
    move |id: &str| beside(dir, id).or_else(|| standard::builtin_parent(id))
}

/// The standard file `<id>.toml`, `.json`, `.yaml` or `.yml` in `dir` (the first that exists):
/// its name and text.
fn beside(dir: &Path, id: &str) -> Option<(String, String)> {
    standard::EXTENSIONS.iter().find_map(|(ext, _)| {
        let p = dir.join(format!("{id}.{ext}"));
        std::fs::read_to_string(&p).ok().map(|t| (p.display().to_string(), t))
    })
}

/// What `child` is told when its parent (or a parent's parent) `id` was read from `file` beside
/// it although `id` is a built-in standard: nothing when that file resolves to the built-in
/// standard itself (a copy of the shipped file); else that the file was used and not the
/// built-in one, with both versions and digests (worded as `score` words a standard file with a
/// built-in's id and version, [`load_any`]).
fn shadowing_note(child: &str, id: &str, file: &str, text: &str, dir: &Path) -> Option<String> {
    let short = |d: &str| d.chars().take(12).collect::<String>();
    let local = standard::resolve::resolve(file, text, &parent_lookup(dir)).ok();
    let builtin = standard::load_builtin(id).ok();
    Some(match (local, builtin) {
        (Some(p), Some(b)) if p.digest == b.digest => return None,
        (Some(p), Some(b)) if p.version == b.version => {
            let (v, d, b) = (&p.version, short(&p.digest), short(&b.digest));
            format!(
                "⚠ {child}：上级标准 {id} 用的是同目录的 {file}，不是内置标准：其标识与版本（{id} v{v}）与内置标准相同，但内容不同（摘要 {d} ≠ 内置 {b}）；\
                 修改过的标准请改用新的版本号，要用内置标准请将该文件移走或改名 / \
                 the parent {id} is {file} beside the file, not the built-in standard: it has the id and version of the built-in \
                 standard but other content (digest {d} ≠ {b}); give a changed standard a new version, or move or rename the \
                 file to use the built-in one"
            )
        }
        (Some(p), Some(b)) => {
            let (v, d, bv, b) = (&p.version, short(&p.digest), &b.version, short(&b.digest));
            format!(
                "⚠ {child}：上级标准 {id} 用的是同目录的 {file}（v{v}，摘要 {d}），不是内置的 {id} v{bv}（摘要 {b}）；\
                 同目录的文件优先，要用内置标准请将该文件移走或改名 / \
                 the parent {id} is {file} beside the file (v{v}, digest {d}), not the built-in {id} v{bv} (digest {b}); \
                 a file beside the child comes first: move or rename it to use the built-in standard"
            )
        }
        // The file beside does not resolve (its problems are listed with the child's), or the
        // bundle cannot be read.
        (_, b) => {
            let bv = b.map(|b| format!(" v{}", b.version)).unwrap_or_default();
            format!(
                "⚠ {child}：上级标准 {id} 用的是同目录的 {file}，不是内置的 {id}{bv}（同目录的文件优先）/ \
                 the parent {id} is {file} beside the file, not the built-in {id}{bv} (a file beside the child comes first)"
            )
        }
    })
}

fn load_file(path: &Path) -> Result<Result<Standard, StandardError>, Failure> {
    // A standard packed for the widgets (`lifecircle pack`) is read as the widgets read it, so
    // an evaluator handed a portal's packed standard scores with exactly that standard.
    if path.as_os_str() != "-"
        && let Ok(bytes) = std::fs::read(path)
        && bytes.starts_with(b"LCB")
    {
        let st = standard::bundle::unpack_standard(&bytes)
            .ok_or_else(|| Failure::Invalid(format!("{}：{}", path.display(), standard::bundle::UNREADABLE_PACKED)))?;
        for w in standard::resolve::warnings_of(&st, &path.display().to_string()) {
            tell!("⚠ {w}");
        }
        return Ok(Ok(st));
    }
    let text = read(path)?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = path.display().to_string();
    // The parents read from a file beside the child although their id is a built-in's.
    let shadowing = std::cell::RefCell::new(Vec::<(String, String, String)>::new());
    let lookup = |id: &str| match beside(&dir, id) {
        Some((file, text)) => {
            let mut seen = shadowing.borrow_mut();
            if standard::builtin(id).is_some() && !seen.iter().any(|(i, ..)| i == id) {
                seen.push((id.to_string(), file.clone(), text.clone()));
            }
            Some((file, text))
        }
        None => standard::builtin_parent(id),
    };
    let resolved = standard::resolve::resolve_noted(&name, &text, &lookup);
    for (id, file, text) in shadowing.borrow().iter() {
        if let Some(note) = shadowing_note(&name, id, file, text, &dir) {
            tell!("{note}");
        }
    }
    // What does not stop the standard but would mislead a reader of its results, each at its
    // file, line and item (points that would read as official, `Resolved`).
    Ok(resolved.map(|r| {
        for w in &r.warnings {
            tell!("⚠ {w}");
        }
        r.standard
    }))
}

/// A built-in standard by id, or a standard file.
fn load_any(sid: &str) -> Result<Standard, Failure> {
    if standard::builtin(sid).is_some() {
        standard::load_builtin(sid)
    } else if Path::new(sid).exists() {
        load_file(Path::new(sid))?.inspect(|st| {
            // A file that calls itself a built-in standard, same version, with other content
            // would print as that standard: only the digest would tell them apart. The reports
            // say it too (`not_the_builtin`).
            if let Some((b, _)) = modified_builtin(st) {
                let short = |d: &str| d.chars().take(12).collect::<String>();
                tell!(
                    "⚠ {sid}：标识与版本（{} v{}）与内置标准相同，但内容不同（摘要 {} ≠ 内置 {}）；修改过的标准请改用新的版本号 / \
                     has the id and version of a built-in standard but other content (digest {} ≠ {}); give a changed standard a new version",
                    st.id,
                    st.version,
                    short(&st.digest),
                    short(&b),
                    short(&st.digest),
                    short(&b)
                );
            }
        })
    } else if looks_like_a_path(sid) {
        return Err(Failure::Io(format!(
            "无法读取标准文件 {sid}：文件不存在 / cannot read standard file {sid}: no such file"
        )));
    } else {
        let ids: Vec<&str> = BUILTIN.iter().map(|b| b.id).collect();
        return Err(Failure::Invalid(format!(
            "未知标准 `{sid}`：既不是内置标准（{}），也不是文件 / unknown standard `{sid}`: not a built-in id ({}) nor a file",
            ids.join("、"),
            ids.join(", ")
        )));
    }
    .map_err(|e| Failure::Invalid(e.to_string()))
}

/// The digests of a built-in standard and of `st` when `st` has the built-in's id and version
/// but other content (a modified copy of a shipped file): `None` for the built-in itself and
/// for any other standard.
fn modified_builtin(st: &Standard) -> Option<(String, String)> {
    let b = standard::builtin(&st.id).and_then(|_| standard::load_builtin(&st.id).ok())?;
    (b.version == st.version && b.digest != st.digest).then(|| (b.digest, st.digest.clone()))
}

/// What a report of `score` or `district` says right under its standard's line when the
/// standard is a modified copy of a built-in one ([`modified_builtin`]): the report names the
/// standard by id and version, which would read as the official one (`report::render_noted`).
fn not_the_builtin(st: &Standard) -> Option<String> {
    let (builtin, digest) = modified_builtin(st)?;
    let short = |d: &str| d.chars().take(12).collect::<String>();
    let (id, v, d, b) = (&st.id, &st.version, short(&digest), short(&builtin));
    // (no Markdown escaping needed: the id and version are a built-in standard's, the digests hex)
    Some(format!(
        "此标准不是内置的 {id} v{v}：标识与版本相同，但内容不同（摘要 {d} ≠ 内置 {b}），评分结果不代表内置标准 / \
         this is not the built-in {id} v{v}: same id and version, other content (digest {d} ≠ built-in {b}); the \
         scores are not those of the built-in standard"
    ))
}

/// Whether a `--standard` value that is not a built-in id is meant as a file: it has a folder
/// in it or a standard file's extension (then a missing file is a file that cannot be read).
fn looks_like_a_path(sid: &str) -> bool {
    let lower = sid.to_ascii_lowercase();
    sid.contains('/')
        || sid.contains(std::path::MAIN_SEPARATOR)
        || [".toml", ".json", ".yaml", ".yml", ".bin", ".lcs"].iter().any(|e| lower.ends_with(e))
}

/// A circle file read as text; an empty one (or only spaces or a byte-order mark) is said to
/// be empty rather than given serde's "EOF while parsing a value" at line 1.
fn read_circle_text(path: &Path) -> Result<String, Failure> {
    let text = read(path)?;
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(Failure::Invalid(format!("{}: 文件为空 / the file is empty", path.display())));
    }
    Ok(text)
}

/// Whether a file given to `validate` is a circle rather than a standard: a JSON object with
/// a circle's fields and none of a standard's.
fn is_circle_file(text: &str) -> bool {
    const CIRCLE: [&str; 8] =
        ["facilities", "population", "households", "walking", "checklist", "evaluator", "surveys", "figures"];
    const STANDARD: [&str; 4] = ["standard", "indicators", "dimensions", "categories"];
    match serde_json::from_str::<serde_json::Value>(text.trim_start_matches('\u{feff}')) {
        Ok(serde_json::Value::Object(m)) => {
            CIRCLE.iter().any(|k| m.contains_key(*k)) && !STANDARD.iter().any(|k| m.contains_key(*k))
        }
        _ => false,
    }
}

/// Whether a circle file holds a list of circles (the district dashboard's export) rather
/// than one.
fn is_list(text: &str) -> bool {
    text.trim_start_matches('\u{feff}').trim_start().starts_with('[')
}

/// A circle of a file, with its place when the file is a list; or the entry of a list that
/// could not be read as a circle.
type Entry = (Option<usize>, Result<Circle, list::Unread>);

/// The circles in a file, one or a list (the district dashboard's export), read as
/// [`Circle::parse_json`] reads one: absurd values are kept, for `district` to name. In a list,
/// an entry that cannot be read as a circle is an `Err` of its own (its field named from the
/// list, `circles[57].population`, placed at its line), and the others are read.
fn parse_circles(text: &str) -> Result<Vec<Entry>, lifecircle_core::InputError> {
    if is_list(text) {
        Ok(list::parse_each(text)?.into_iter().enumerate().map(|(k, c)| (Some(k), c)).collect())
    } else {
        // A score result given for a circle: said as one (see [`list::score_result`]).
        let circle = Circle::parse_json(text)
            .map_err(|e| if list::is_score_result(text) { list::score_result(None) } else { e })?;
        Ok(vec![(None, Ok(circle))])
    }
}

/// The circles of one file, each checked as [`Circle::from_json`] checks one.
struct FileCircles {
    /// The file holds a list (the district dashboard's export) rather than one circle.
    list: bool,
    /// The circles that pass, each with its place in a list.
    good: Vec<(Option<usize>, Circle)>,
    /// The entries of a list that do not (an absurd value, or a value of the wrong type), each
    /// with its place, its id when it has one as text and its problems, placed at their line in
    /// the file, each field named by its circle (`circles[2].population`); or the one circle of
    /// a file with an absurd value.
    bad: Vec<(Option<usize>, Option<String>, lifecircle_core::InputError)>,
}

/// The circles in a file, one or a list, each checked as [`Circle::from_json`] checks one:
/// a circle of a list with an absurd value or a value of the wrong type is set apart with its
/// problems, and the others in its list still count (one bad circle of 200 no longer drops the
/// 199). Only JSON that cannot be read as circles at all (a syntax error, no list, a single
/// circle that cannot be read) is an error for the whole file.
fn circles_in(text: &str) -> Result<FileCircles, lifecircle_core::InputError> {
    let list = is_list(text);
    let mut good = Vec::new();
    let mut bad = Vec::new();
    // Every problem found by checking placed at its line in one reading of the text, then
    // handed back to its circle (`bad[i]`, `n` problems).
    let mut all = lifecircle_core::InputError { problems: Vec::new() };
    let mut counts = Vec::new();
    for (k, c) in parse_circles(text)? {
        let c = match c {
            Ok(c) => c,
            Err(list::Unread { id, error }) => {
                bad.push((k, id, error));
                continue;
            }
        };
        let problems = c.check();
        if problems.is_empty() {
            good.push((k, c));
            continue;
        }
        counts.push((bad.len(), problems.len()));
        all.problems.extend(problems.into_iter().map(|mut p| {
            if let Some(k) = k {
                p.field = format!("circles[{k}].{}", p.field);
            }
            p
        }));
        bad.push((k, Some(c.id), lifecircle_core::InputError { problems: Vec::new() }));
    }
    if !all.problems.is_empty() {
        all.locate(text);
        let mut placed = all.problems.into_iter();
        for (i, n) in counts {
            bad[i].2.problems = placed.by_ref().take(n).collect();
        }
    }
    Ok(FileCircles { list, good, bad })
}

/// At most this many suspected duplicates are listed per circle; the rest are counted.
const DUPLICATES_LISTED: usize = 20;

/// Says (on stderr) which facilities of a circle look like one shop entered twice (the same
/// category, through the standard, and name; close together or without a place): a warning to
/// check the list, which changes neither the output nor the exit code. Only the pairs listed
/// are kept (a name entered 32,000 times is 500 million pairs); the rest are counted, or said
/// to be at least so many when there are too many to count.
fn warn_duplicates(std: &Standard, circle: &Circle, label: &str) {
    let found = lifecircle_core::duplicates::first_suspected_duplicates_in(std, circle, DUPLICATES_LISTED);
    for p in &found.first {
        tell!("⚠ {label}：{} / {}", visible(&p.text(Lang::Zh)), visible(&p.text(Lang::En)));
    }
    match found.more() {
        0 => {}
        more if found.exact => tell!("  … 另有 {more} 对疑似重复的设施 / {more} more suspected duplicate pairs"),
        more => tell!("  … 另有至少 {more} 对疑似重复的设施 / at least {more} more suspected duplicate pairs"),
    }
}

/// Says (on stderr) what looks wrong in a circle's data, scoring nothing differently: walks
/// typed shorter than the straight line (not of a circle `measured` on a network, whose walks
/// are walks), more households than residents, suspected duplicate facilities. One call for
/// `score`, `verify` and `district`.
fn warn_circle(std: &Standard, circle: &Circle, label: &str, measured: bool) {
    if !measured {
        warn_short_walks(circle, label);
    }
    warn_households(circle, label);
    warn_duplicates(std, circle, label);
}

/// Says (on stderr) which facilities' typed walks from the centre are shorter than the
/// straight line (`short_walks`): the centre, a position, the datum or the distance is wrong.
/// Not for a circle measured on a network (its walks are walks).
fn warn_short_walks(circle: &Circle, label: &str) {
    let found = lifecircle_core::short_walks::short_walks(circle);
    let Some(first) = found.first() else { return };
    let name = |s: &lifecircle_core::short_walks::ShortWalk| {
        let id = s.id.as_deref().map(|i| format!(" ({})", visible(i))).unwrap_or_default();
        format!("facilities[{}] {}{id}", s.index, visible(&s.name))
    };
    let (walk, line) = (first.walk_m, first.line_m.round());
    let more = found.len() - 1;
    tell!(
        "⚠ {label}：{} 处设施填写的步行距离短于它到中心的直线距离（步行不会比直线短），按所填距离评分：{} 填 {walk} 米，直线约 {line} 米{}。请核对中心点（location.centre）、设施坐标、坐标系或所填距离 / {} facilities' typed walks are shorter than the straight line from the centre (no walk is), and are scored as typed: {} walk {walk} m, straight line about {line} m{}. Check location.centre, the positions, the datum or the distances",
        found.len(),
        name(first),
        if more > 0 { format!("，另有 {more} 处") } else { String::new() },
        found.len(),
        name(first),
        if more > 0 { format!("; {more} more") } else { String::new() },
    );
}

/// Says (on stderr) when a circle gives more households than residents.
fn warn_households(circle: &Circle, label: &str) {
    if circle.more_households_than_people() {
        let (p, h) = (circle.population.unwrap_or_default(), circle.households.unwrap_or_default());
        tell!(
            "⚠ {label}：户数 {h} 多于常住人口 {p}（每户至少 1 人），请核对两项（按户计的指标，如每百户面积，读的是户数） / {h} households for {p} residents (each holds at least one): check both (per-household indicators, such as area per 100 households, read the households)"
        );
    }
}

/// Says (on stderr) when circles of one batch share an id: their results cannot be told apart
/// by `verify` or `district`, which refuse such a batch.
fn warn_repeated_ids(ids: &[(String, &Path)]) {
    // Each id's places, in one pass (a search of the list for each id took seconds for a
    // province's batch); said in the order the ids first appear.
    let mut places: std::collections::BTreeMap<&str, Vec<usize>> = std::collections::BTreeMap::new();
    for (i, (id, _)) in ids.iter().enumerate() {
        places.entry(id.as_str()).or_default().push(i);
    }
    let mut repeated: Vec<&Vec<usize>> = places.values().filter(|at| at.len() > 1).collect();
    repeated.sort_by_key(|at| at[0]);
    for at in repeated {
        let id = &ids[at[0]].0;
        let same: Vec<String> = at.iter().map(|&i| ids[i].1.display().to_string()).collect();
        tell!(
            "⚠ 生活圈编号 {id:?} 出现 {} 次（{}）：全区汇总不接受同一编号出现两次，核验只能按输入摘要区分，请改用不同编号 / the circle id {id:?} appears {} times ({}): district refuses an id given twice and verify can tell them apart only by their input digests; give each circle its own id",
            same.len(),
            same.join("、"),
            same.len(),
            same.join(", ")
        );
    }
}

/// How messages name a circle: its file, and in a list its place and id
/// (`circles.json circles[1] (b)`).
fn circle_label(path: &Path, k: Option<usize>, circle: &Circle) -> String {
    match k {
        Some(k) => format!("{} circles[{k}] ({})", path.display(), visible(&circle.id)),
        None => path.display().to_string(),
    }
}

/// A circle's problems as `InputError` writes them (its line, then each problem on its own
/// line), each problem's line through [`visible`]: a problem names the circle's keys in its
/// field and the values it found in its message, and it is said of a file not checked yet.
fn input_error(e: &lifecircle_core::InputError) -> String {
    let all = e.to_string();
    // (the first line is the count of problems: no value of the circle)
    let mut out = all.lines().next().unwrap_or_default().to_string();
    for p in &e.problems {
        out.push_str("\n  ");
        out.push_str(&visible(&p.to_string()));
    }
    out
}

/// A standard's status, Chinese first: the status of its scoring scheme (standards/README.md).
fn status_words(status: &str) -> String {
    match status {
        "official" => "正式印发 official".into(),
        "trial" => "试行 trial".into(),
        "proposal" => "建议稿 proposal".into(),
        other => visible(other).into_owned(),
    }
}

/// A standard's level, Chinese first.
fn level_words(level: standard::Level) -> &'static str {
    match level {
        standard::Level::National => "国家 national",
        standard::Level::Province => "省 province",
        standard::Level::City => "市 city",
        standard::Level::District => "区 district",
    }
}

/// `s` followed by spaces up to `width` columns of a terminal, a Chinese character taking two
/// (at least one space).
fn padded(s: &str, width: usize) -> String {
    let wide = |c: char| {
        matches!(c,
            '\u{1100}'..='\u{115F}'
            | '\u{2E80}'..='\u{A4CF}'
            | '\u{AC00}'..='\u{D7A3}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FE30}'..='\u{FE4F}'
            | '\u{FF00}'..='\u{FF60}'
            | '\u{FFE0}'..='\u{FFE6}')
    };
    let used: usize = s.chars().map(|c| if wide(c) { 2 } else { 1 }).sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(used).max(1)))
}

/// China Standard Time, UTC+8 all year (no daylight saving since 1991), in seconds.
const CHINA_UTC_OFFSET_S: u64 = 8 * 3600;

/// Today's date in China (UTC+8): the standards are Chinese, so an evaluation run at 07:00 in
/// Wenzhou is dated that day, not the day before as UTC would have it. The CLI may read the
/// clock; the core may not.
fn today() -> Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    china_date(secs)
}

/// The date in China at `secs` seconds after the Unix epoch.
fn china_date(secs: u64) -> Date {
    let days = (secs + CHINA_UTC_OFFSET_S) / 86_400;
    Date::from_unix_days(i64::try_from(days).unwrap_or(0)).unwrap_or_else(|| Date::new(1970, 1, 1).expect("valid"))
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Standards => {
            let row = |id: &str, version: &str, level: &str, status: &str, title: &str| {
                format!("{}{}{}{}{title}", padded(id, 17), padded(version, 13), padded(level, 14), padded(status, 18))
            };
            say!("{}", row("编号 id", "版本 version", "层级 level", "状态 status", "标题 title"));
            let mut proposals = false;
            for b in BUILTIN {
                match standard::load_builtin(b.id) {
                    Ok(s) => {
                        proposals |= s.status == "proposal";
                        say!(
                            "{}",
                            row(
                                &s.id,
                                &s.version,
                                level_words(s.level),
                                &status_words(&s.status),
                                &format!("{} / {}", s.title.zh, s.title.en)
                            )
                        );
                    }
                    Err(e) => say!("{:<16} (invalid: {e})", b.id),
                }
            }
            if proposals {
                say!(
                    "\n建议稿：评分体系（分值、分档、等级分数线）不是正式印发的，是本项目依据所列正式文件设计的 / \
                     proposal: the scoring scheme (points, steps, grade cut-offs) was not issued; this project \
                     designed it on the official documents named"
                );
            }
            Ok(())
        }
        Command::Validate { files } => {
            let mut bad = 0;
            let mut unreadable = Vec::new();
            for f in &files {
                // A circle file given by mistake is said to be one, not read as a broken standard.
                if f.as_os_str() != "-"
                    && let Ok(text) = std::fs::read_to_string(f)
                    && is_circle_file(&text)
                {
                    bad += 1;
                    say!(
                        "✘ {}: 这是生活圈数据文件，不是标准文件：校验标准用 lifecircle validate <标准文件>，给生活圈评分用 lifecircle score -s <标准> {} / \
                         this is a circle file, not a standard: validate a standard with `lifecircle validate <standard file>`, score a circle with `lifecircle score -s <standard> {}`",
                        f.display(),
                        f.display(),
                        f.display()
                    );
                    continue;
                }
                // A file that cannot be read is listed, and the others are still validated.
                // Bytes that were read but are no standard (not UTF-8 text, a damaged packed
                // standard) are an invalid file (exit 1, as `score -s` says of them), not one
                // that could not be read (exit 3).
                let loaded = match load_file(f) {
                    Ok(loaded) => loaded,
                    Err(e) => {
                        say!("✘ {}", e.message());
                        match e {
                            Failure::Io(_) => unreadable.push(e),
                            _ => bad += 1,
                        }
                        continue;
                    }
                };
                match loaded {
                    Ok(s) => say!(
                        "✔ {}: {} v{} — {} 项指标 indicators, 总分 total {}, {} 个类别 categories",
                        f.display(),
                        visible(&s.id),
                        visible(&s.version),
                        s.indicators.len(),
                        s.total_points,
                        s.categories.len()
                    ),
                    Err(e) => {
                        bad += 1;
                        say!("✘ {}: {} 个问题 problems", f.display(), e.diagnostics.len());
                        for d in &e.diagnostics {
                            say!("  {d}");
                        }
                    }
                }
            }
            // The summary goes where each file's line goes, as `verify`'s: stdout, the last line
            // of the result (the exit code tells the outcome); the message of the failure is
            // then empty (said already).
            let (summary, failure): (String, fn(String) -> Failure) = match (bad, unreadable.len()) {
                (0, 0) => return Ok(()),
                (0, n) => (format!("{n} 个标准文件无法读取 / {n} standard file(s) could not be read"), Failure::Io),
                (bad, 0) => (format!("{bad} 个标准文件无效 / {bad} invalid standard file(s)"), Failure::Invalid),
                (bad, n) => (
                    format!(
                        "{bad} 个标准文件无效，{n} 个无法读取 / {bad} invalid standard file(s), {n} could not be read"
                    ),
                    Failure::Invalid,
                ),
            };
            say!("{summary}");
            Err(failure(String::new()))
        }
        Command::Show { standard } => {
            let std = load_any(&standard)?;
            emit_json(&(serde_json::to_string_pretty(&std).map_err(|e| Failure::Invalid(e.to_string()))? + "\n"));
            Ok(())
        }
        Command::Pack { standard, output } => {
            let bytes = standard::bundle::pack_standard(&load_any(&standard)?);
            match output {
                Some(path) => std::fs::write(&path, &bytes).map_err(|e| {
                    let p = path.display();
                    Failure::Io(format!("无法写入 {p}：{} / cannot write {p}: {e}", io_reason(&e, Access::Write)))
                }),
                // Bytes, the standard's texts among them, are not for a terminal: they would
                // reach it raw, control characters and all (and show as noise).
                None if std::io::IsTerminal::is_terminal(&std::io::stdout()) => Err(Failure::Usage(
                    "打包的标准是二进制数据，不输出到终端：请用 -o 文件名（如 -o mine.lcs）或重定向（> mine.lcs）/ \
                     a packed standard is binary and is not written to a terminal: give -o FILE (e.g. -o mine.lcs) \
                     or redirect (> mine.lcs)"
                        .into(),
                )),
                None => {
                    emit_bytes(&bytes);
                    Ok(())
                }
            }
        }
        Command::Score {
            standard: sid,
            circles,
            as_of,
            report: ReportArgs { lang, format },
            data: DataArgs { network, facilities, origins, data_crs, facilities_crs, origins_crs, exclude_name },
        } => {
            data_needs_network(network.as_deref(), &facilities, origins.as_deref())?;
            let std = load_any(&sid)?;
            let crs = DataCrs::of(data_crs, facilities_crs, origins_crs);
            let data =
                NetworkData::load(&std, network.as_deref(), &facilities, origins.as_deref(), crs, &exclude_name)?;
            let as_of = as_of_arg(as_of)?;
            let lang = Lang::from(lang);
            let warning = not_the_builtin(&std);
            // A file or circle that cannot be scored is listed and the batch goes on: the
            // others are scored and written, and the command exits non-zero at the end.
            let mut failed: Vec<Failure> = Vec::new();
            // Each assessment is written as soon as its circle is scored (a CSV row, an element
            // of the JSON list), so a province's circles are not all held in memory.
            // A reader that stops early (`… | head`) gets no more, but the batch still ends by
            // listing the circles that did not score, with its exit code: a streamed batch
            // that exited 0 at the first closed write hid them.
            let mut open = true;
            let mut out = batch::Batch::new(format, lang, circles.len(), |t: &str, json| {
                if open {
                    let t = if json { terminal::json(t) } else { terminal::text(t) };
                    open = write_out(t.as_bytes());
                }
            });
            let mut scored = 0;
            let mut ids: Vec<(String, &Path)> = Vec::new();
            for path in &circles {
                let text = match read_circle_text(path) {
                    Ok(text) => text,
                    Err(e) => {
                        failed.push(e);
                        continue;
                    }
                };
                let FileCircles { list, good, bad } = match circles_in(&text) {
                    // An empty list scores nothing: said, not a silent success (as `district`).
                    Ok(fc) if fc.good.is_empty() && fc.bad.is_empty() => {
                        failed.push(Failure::Invalid(format!(
                            "{}：列表中没有生活圈，没有可评分的内容 / the list holds no circle: nothing to score",
                            path.display()
                        )));
                        continue;
                    }
                    Ok(fc) => fc,
                    Err(mut e) => {
                        e.locate(&text);
                        failed.push(Failure::Invalid(format!("{}: {}", path.display(), input_error(&e))));
                        continue;
                    }
                };
                // A circle of a list with an absurd value is listed (`circles[57].population`)
                // and the others are scored, as when each circle is a file of its own.
                for (_, _, e) in &bad {
                    failed.push(Failure::Invalid(format!("{}: {}", path.display(), input_error(e))));
                }
                for (k, circle) in good {
                    ids.push((circle.id.clone(), path));
                    let circle = match &data {
                        Some(d) => match d.apply(&std, &circle, &circle_label(path, k, &circle)) {
                            Ok(c) => c,
                            Err(e) => {
                                failed.push(e);
                                continue;
                            }
                        },
                        None => circle,
                    };
                    warn_circle(&std, &circle, &circle_label(path, k, &circle), data.is_some());
                    let result = lifecircle_core::score(&std, &circle, as_of);
                    scored += usize::from(result.is_ok());
                    match result {
                        Ok(a) => match format {
                            FormatArg::Json | FormatArg::Csv => out.write(&a, list)?,
                            FormatArg::Text | FormatArg::Md => {
                                let f = if matches!(format, FormatArg::Md) { Format::Markdown } else { Format::Text };
                                say!("{}", report::render_noted(&a, lang, f, warning.as_deref()));
                            }
                        },
                        Err(mut e) => {
                            // Each problem at its line in the file (in a list, in its circle).
                            if let Some(k) = k {
                                for p in &mut e.problems {
                                    p.field = format!("circles[{k}].{}", p.field);
                                }
                            }
                            e.locate(&text);
                            failed.push(Failure::Invalid(format!("{}: {}", path.display(), input_error(&e))));
                        }
                    }
                }
            }
            warn_repeated_ids(&ids);
            out.finish();
            let n = failed.len();
            Failure::batch(failed).map_err(|e| {
                if scored == 0 {
                    return e;
                }
                let more = format!(
                    "\n{n} 项未能评分（见上），其余 {scored} 个生活圈已评分 / {n} could not be scored (above), {scored} circle(s) scored"
                );
                match e {
                    Failure::Io(m) => Failure::Io(m + &more),
                    other => Failure::Invalid(other.message().to_string() + &more),
                }
            })
        }
        Command::Verify {
            assessment,
            circles,
            standard: sid,
            all,
            data: DataArgs { network, facilities, origins, data_crs, facilities_crs, origins_crs, exclude_name },
        } => {
            data_needs_network(network.as_deref(), &facilities, origins.as_deref())?;
            let handed = read(&assessment)?;
            let assessments = verify::assessments(&assessment, &handed).map_err(Failure::Invalid)?;
            // Every assessment is checked, whatever fails before it: a circle file that cannot
            // be read, an assessment with no circle, a standard not at hand, a circle that no
            // longer scores are each listed, and counted in the summary.
            let mut files = Vec::new();
            // The circles whose entry in a file is invalid (an absurd value): listed, and named
            // to the assessment that is for one. The other circles of their list are verified.
            let mut invalid = Vec::new();
            let mut bad_files = 0;
            // Circle files that could not be read, and assessments left unchecked for want of
            // their circle: when nothing else failed, the exit code is 3, as `score`'s.
            let mut unreadable = 0;
            let mut without_circle = 0;
            for path in &circles {
                let read = read_circle_text(path).and_then(|text| {
                    circles_in(&text).map_err(|mut e| {
                        e.locate(&text);
                        Failure::Invalid(format!("{}: {}", path.display(), input_error(&e)))
                    })
                });
                match read {
                    Ok(FileCircles { good, bad, .. }) => {
                        for (at, id, e) in bad {
                            say!("✘ {}: {}", path.display(), input_error(&e));
                            invalid.push(verify::Invalid { path: path.clone(), at, id });
                        }
                        files.extend(good.into_iter().map(|(at, circle)| verify::Given {
                            path: path.clone(),
                            at,
                            circle,
                        }));
                    }
                    Err(e) => {
                        bad_files += 1;
                        unreadable += usize::from(matches!(e, Failure::Io(_)));
                        say!("✘ {}", e.message());
                    }
                }
            }
            let by_id = verify::by_id(&files);
            // Each standard (and the network data mapped through its categories) loaded once,
            // or the reason it could not be.
            let mut loaded: Vec<(String, Result<Loaded, String>)> = Vec::new();
            let mut failed = 0;
            let mut unchecked = 0;
            for (i, a) in assessments.iter().enumerate() {
                let at = if assessments.len() == 1 { String::new() } else { format!("[{i}]") };
                // (the circle id as the assessment says it: not a checked circle's)
                let header = format!("{}{at} {}", visible(&assessment.display().to_string()), visible(&a.circle_id));
                // (with what says which circle was verified, when several have the id)
                let checked = (|| -> Result<(verify::Outcome, Option<String>), String> {
                    let found = verify::circles_for(a, &files, &by_id, &invalid)?;
                    // The standard the assessment names, when none is given: it must be that
                    // version, or the circle cannot be scored again as it was.
                    let named = sid.is_none();
                    let sid = match &sid {
                        Some(s) => s.clone(),
                        None if standard::builtin(&a.standard_id).is_some() => a.standard_id.clone(),
                        None => {
                            return Err(format!(
                                "标准 {} 不是内置标准，请用 --standard 给出标准文件 / standard {} is not built in: give its file with --standard",
                                visible(&a.standard_id),
                                visible(&a.standard_id)
                            ));
                        }
                    };
                    let k = match loaded.iter().position(|(k, _)| *k == sid) {
                        Some(k) => k,
                        None => {
                            let got = load_any(&sid).and_then(|std| {
                                let data = NetworkData::load(
                                    &std,
                                    network.as_deref(),
                                    &facilities,
                                    origins.as_deref(),
                                    DataCrs::of(data_crs, facilities_crs, origins_crs),
                                    &exclude_name,
                                )?;
                                Ok((std, data))
                            });
                            loaded.push((sid, got.map_err(|e| e.message().to_string())));
                            loaded.len() - 1
                        }
                    };
                    let (std, data) = loaded[k].1.as_ref().map_err(Clone::clone)?;
                    if named {
                        verify::version_at_hand(a, std)?;
                    }
                    // The circle with its distances measured on the network, if any.
                    let measured = |g: &verify::Given| match data {
                        Some(d) => d.apply(std, &g.circle, &g.label()).map_err(|e| e.message().to_string()),
                        None => Ok(g.circle.clone()),
                    };
                    // The same circle given twice is verified once; of circles that differ
                    // under one id, the one the assessment's input digest names.
                    let (given, circle, chosen) =
                        verify::one_of(a, &found, measured, |c| verify::same_input(a, std, c))?;
                    let label = given.label();
                    warn_circle(std, &circle, &format!("{label} ({})", circle.id), data.is_some());
                    let again = lifecircle_core::score(std, &circle, a.as_of)
                        .map_err(|e| format!("{label}: {}", input_error(&e)))?;
                    let same = verify::same_input(a, std, &circle);
                    Ok((verify::compare(a, &again, data.is_some(), same, all), chosen))
                })();
                match checked {
                    Ok((outcome, chosen)) => {
                        if !outcome.passed() {
                            failed += 1;
                        }
                        let chosen = chosen.map(|c| format!("（{c}）")).unwrap_or_default();
                        say!("{header}{chosen}: {}", outcome.summary());
                    }
                    Err(e) => {
                        unchecked += 1;
                        without_circle += usize::from(verify::circles_for(a, &files, &by_id, &invalid).is_err());
                        say!("{header}: 无法核验 could not be verified: {e}");
                    }
                }
            }
            // A circle file given and not verified by any assessment: a hand-over missing one.
            // (looked up in the assessments' ids sorted: a search of them for each circle was quadratic)
            let mut verified: Vec<&str> = assessments.iter().map(|a| a.circle_id.as_str()).collect();
            verified.sort_unstable();
            let unmatched: Vec<_> = files
                .iter()
                .filter(|g| verified.binary_search(&g.circle.id.as_str()).is_err())
                .map(|g| (&g.path, &g.circle))
                .collect();
            for (path, c) in &unmatched {
                say!(
                    "{} {}: 没有对应的评分结果（{} 中没有编号为 {} 的生活圈）/ no assessment in {} is for this circle",
                    path.display(),
                    visible(&c.id),
                    assessment.display(),
                    visible(&format!("{:?}", c.id)),
                    assessment.display()
                );
            }
            let n = assessments.len();
            match (failed, unmatched.len(), unchecked, bad_files + invalid.len()) {
                (0, 0, 0, 0) => {
                    say!("全部 {n} 份评分结果核验通过 / all {n} assessment(s) verified");
                    Ok(())
                }
                (failed, missing, unchecked, _) => {
                    let mut zh = Vec::new();
                    let mut en = Vec::new();
                    let passed = n - failed - unchecked;
                    zh.push(format!("{n} 份评分结果中 {passed} 份核验通过"));
                    en.push(format!("{passed} of {n} assessment(s) verified"));
                    if failed > 0 {
                        zh.push(format!("{failed} 份评分结果未通过核验"));
                        en.push(format!("{failed} of {n} assessment(s) did not verify"));
                    }
                    if unchecked > 0 {
                        zh.push(format!("{unchecked} 份无法核验"));
                        en.push(format!("{unchecked} could not be verified"));
                    }
                    if bad_files > 0 {
                        zh.push(format!("{bad_files} 个生活圈文件无法读取或有误"));
                        en.push(format!("{bad_files} circle file(s) could not be read or are invalid"));
                    }
                    if !invalid.is_empty() {
                        let k = invalid.len();
                        zh.push(format!("文件中 {k} 个生活圈的数据有误"));
                        en.push(format!("{k} circle(s) in the files are invalid"));
                    }
                    if missing > 0 {
                        zh.push(format!("{missing} 个生活圈没有评分结果"));
                        en.push(format!("{missing} circle(s) have no assessment"));
                    }
                    // The summary goes where it goes when every assessment verifies: stdout, the
                    // last line of the report (the exit code tells the outcome).
                    say!("{} / {}", zh.join("，"), en.join(", "));
                    let msg = String::new();
                    if unreadable > 0
                        && unreadable == bad_files
                        && invalid.is_empty()
                        && failed == 0
                        && missing == 0
                        && unchecked == without_circle
                    {
                        Err(Failure::Io(msg))
                    } else {
                        Err(Failure::Invalid(msg))
                    }
                }
            }
        }
        Command::District {
            standard: sid,
            circles,
            as_of,
            communities,
            reported,
            table,
            report: ReportArgs { lang, format },
            data: DataArgs { network, facilities, origins, data_crs, facilities_crs, origins_crs, exclude_name },
        } => {
            if table != TableArg::Targets && !matches!(format, FormatArg::Csv) {
                return Err(Failure::Usage(
                    "--table 只用于 --format csv（表格）；报告与 JSON 已含全部内容 / --table goes with --format csv; the report and the JSON hold everything".into(),
                ));
            }
            data_needs_network(network.as_deref(), &facilities, origins.as_deref())?;
            let std = load_any(&sid)?;
            let crs = DataCrs::of(data_crs, facilities_crs, origins_crs);
            // Each circle measured on the network as `score` measures it: the summary's circles
            // and digests are then those of the assessments handed in.
            let data =
                NetworkData::load(&std, network.as_deref(), &facilities, origins.as_deref(), crs, &exclude_name)?;
            let as_of = as_of_arg(as_of)?;
            let reported = lifecircle_core::district::parse_reported(&reported.join(","))
                .map_err(|e| Failure::Usage(format!("--reported：{e}")))?;
            if communities == Some(0) {
                // (refused by its value parser already; kept for a caller that builds the command)
                return Err(Failure::Usage("--communities：全区社区数须大于 0 / must be above 0".into()));
            }
            let lang = Lang::from(lang);
            // Every circle must score and none may come twice (`district::summarise` refuses
            // both): a summary that left one out would undercount the circles built.
            let mut failed: Vec<Failure> = Vec::new();
            let mut read_circles = Vec::new();
            // Where each circle came from: its file's text (to place a problem at its line, as
            // `score` does) and its place in a list.
            let mut texts = Vec::new();
            let mut from: Vec<(usize, Option<usize>)> = Vec::new();
            for path in &circles {
                let text = match read_circle_text(path) {
                    Ok(text) => text,
                    Err(e) => {
                        failed.push(e);
                        continue;
                    }
                };
                match parse_circles(&text) {
                    // An empty list (`[]`) is a mistake, not a district with no circles: its
                    // summary would mark every target as missed. Said of the file here (one
                    // empty file among others is a mistake too), in the words `summarise` uses
                    // when the whole list is empty, as the npm functions say it.
                    Ok(cs) if cs.is_empty() => failed.push(Failure::Invalid(format!(
                        "{}：{}",
                        path.display(),
                        lifecircle_core::district::NO_CIRCLES
                    ))),
                    Ok(cs) => {
                        for (k, c) in cs {
                            let c = match (c, &data) {
                                (Ok(c), Some(d)) => match d.apply(&std, &c, &circle_label(path, k, &c)) {
                                    Ok(c) => Ok(c),
                                    Err(e) => {
                                        failed.push(e);
                                        continue;
                                    }
                                },
                                (c, _) => c,
                            };
                            match c {
                                Ok(c) => {
                                    warn_circle(&std, &c, &circle_label(path, k, &c), data.is_some());
                                    read_circles.push(c);
                                    from.push((texts.len(), k));
                                }
                                // An entry of a list that is no circle: named, and the others
                                // read on, so that every bad circle is named at once.
                                Err(list::Unread { error, .. }) => failed.push(Failure::Invalid(format!(
                                    "{}: {}",
                                    path.display(),
                                    input_error(&error)
                                ))),
                            }
                        }
                    }
                    Err(mut e) => {
                        e.locate(&text);
                        failed.push(Failure::Invalid(format!("{}: {}", path.display(), input_error(&e))));
                    }
                }
                texts.push((path, text));
            }
            // Whatever failed, the last line says that no summary was written (the exit code stays
            // that of the failures: 3 when every one is a file that could not be read, as `score`).
            let no_summary = |failed: Vec<Failure>| {
                const NONE: &str = "未生成全区汇总：请先改正以上问题（全区汇总须每个生活圈都能评分，且不重复）/ no district \
                                    summary was produced: correct the problems above first (every circle must score, \
                                    none twice)";
                match Failure::joined(failed) {
                    Failure::Io(m) => Failure::Io(format!("{m}\n{NONE}")),
                    other => Failure::Invalid(format!("{}\n{NONE}", other.message())),
                }
            };
            let d = lifecircle_core::district::summarise(&std, &read_circles, as_of, communities);
            let d = match d {
                Ok(d) if failed.is_empty() => d,
                Ok(_) => return Err(no_summary(failed)),
                // No circle at all: each empty file is said above already.
                Err(refused) if refused.is_empty_list() => {
                    if failed.is_empty() {
                        failed.push(Failure::Invalid(lifecircle_core::district::NO_CIRCLES.into()));
                    }
                    return Err(no_summary(failed));
                }
                Err(refused) => {
                    for (i, mut e) in refused.unscored {
                        let (f, k) = from[i];
                        let (path, text) = &texts[f];
                        if let Some(k) = k {
                            for p in &mut e.problems {
                                p.field = format!("circles[{k}].{}", p.field);
                            }
                        }
                        e.locate(text);
                        failed.push(Failure::Invalid(format!("{}: {}", path.display(), input_error(&e))));
                    }
                    if !refused.repeated.is_empty() {
                        // Each repeated circle with the files (and places in a list) it came from.
                        let mut msg =
                            visible(&lifecircle_core::district::repeated_message(&refused.repeated)).into_owned();
                        for id in &refused.repeated {
                            let places: Vec<String> = read_circles
                                .iter()
                                .enumerate()
                                .filter(|(_, c)| c.id == *id)
                                .map(|(i, _)| {
                                    let (f, k) = from[i];
                                    let path = texts[f].0.display();
                                    k.map_or_else(|| path.to_string(), |k| format!("{path} circles[{k}]"))
                                })
                                .collect();
                            let id = visible(id);
                            msg.push_str(&format!("\n  {id}：见 {} / in {}", places.join("、"), places.join(", ")));
                        }
                        failed.push(Failure::Invalid(msg));
                    }
                    return Err(no_summary(failed));
                }
            };
            let d = d.with_reported(&reported).map_err(|e| Failure::Usage(format!("--reported：{}", e.join("\n"))))?;
            // The core's texts say what is needed in words for every reader (a dashboard has no
            // flags); the flags that give it are this command's to say, on stderr.
            for hint in district_hints(&d) {
                tell!("{hint}");
            }
            match format {
                FormatArg::Json => {
                    emit_json(&(serde_json::to_string_pretty(&d).map_err(|e| Failure::Invalid(e.to_string()))? + "\n"))
                }
                FormatArg::Text | FormatArg::Md => {
                    let f = if matches!(format, FormatArg::Md) { Format::Markdown } else { Format::Text };
                    say!("{}", report::render_district_noted(&d, lang, f, not_the_builtin(&std).as_deref()));
                }
                FormatArg::Csv => {
                    // A table has no place for the date's warnings and the circles that look
                    // listed twice (the other formats say them): said on stderr.
                    for f in &d.findings {
                        tell!("⚠ {} / {}", visible(&f.message.zh), visible(&f.message.en));
                    }
                    for dup in &d.duplicates {
                        tell!("{} / {}", visible(&dup.text(Lang::Zh)), visible(&dup.text(Lang::En)));
                    }
                    emit(&match table {
                        TableArg::Targets => lifecircle_core::table::district(&d, lang),
                        TableArg::Circles => lifecircle_core::table::district_circles(&d, lang),
                        TableArg::Tasks => lifecircle_core::table::district_tasks(&d, lang),
                    })
                }
            }
            Ok(())
        }
        Command::Access { command } => access_command(command),
        Command::Coords { from, to, point, csv } => coords(from.into(), to.into(), point, csv),
        Command::Schema { of } => {
            let schema = match of {
                SchemaOf::Circle => lifecircle_core::schema::circle_schema(),
                SchemaOf::Standard => lifecircle_core::schema::standard_schema(),
            };
            emit_json(&schema);
            Ok(())
        }
        Command::Example { standard } => match example::example(&standard) {
            Some(e) => {
                emit_json(e.json);
                Ok(())
            }
            None => Err(Failure::Invalid(format!(
                "没有该标准的示例 no sample circle for `{standard}` (have: {})",
                example::EXAMPLES.iter().map(|e| e.standard).collect::<Vec<_>>().join(", ")
            ))),
        },
    }
}

/// What `district` says on stderr of the values its flags could give and were not given: the
/// number of communities (`--communities`) when a community share needs it, and each target
/// the district reports itself (`--reported metric=value`) without a value. Chinese first.
fn district_hints(d: &lifecircle_core::district::District) -> Vec<String> {
    let mut out = Vec::new();
    if d.communities.is_none() && d.targets.iter().any(|t| t.metric == "community_share") {
        out.push(
            "提示：用 --communities 给出全区社区总数，即可计算社区比例 / hint: give the number of communities in the \
             district with --communities to count the share of communities"
                .to_string(),
        );
    }
    let mut unreported: Vec<&str> = Vec::new();
    for t in d.targets.iter().filter(|t| t.reportable() && t.value.is_none()) {
        if !unreported.contains(&t.metric.as_str()) {
            unreported.push(&t.metric);
        }
    }
    if !unreported.is_empty() {
        let flags: Vec<String> = unreported.iter().map(|m| format!("--reported {m}=值")).collect();
        let flags_en: Vec<String> = unreported.iter().map(|m| format!("--reported {m}=value")).collect();
        out.push(format!(
            "提示：不能由生活圈数据得出的目标，核实后可用 {} 填报 / hint: targets circle data cannot give can be reported, once \
             checked, with {}",
            flags.join(" "),
            flags_en.join(" ")
        ));
    }
    out
}

/// A standard, with the network data mapped through its categories (`verify` loads each once).
type Loaded = (Standard, Option<NetworkData>);

/// Street network, facilities and origins read once for every circle of a `score` run.
struct NetworkData {
    network: access::Network,
    /// The declared datums, for the datum check.
    crs: DataCrs,
    facilities: Vec<access::import::Facility>,
    origins: Vec<access::import::Origin>,
    /// The files read, written into each circle's `walking.measured_from`.
    files: Vec<lifecircle_core::circle::DataFile>,
}

/// A data file as `walking.measured_from` names it: its role, its name without folders and the
/// SHA-256 of the bytes read.
fn data_file(role: &str, path: &Path, bytes: &[u8], crs: Crs) -> lifecircle_core::circle::DataFile {
    lifecircle_core::circle::DataFile {
        role: role.to_string(),
        file: path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned()),
        sha256: lifecircle_core::score::sha256_hex(bytes),
        crs,
        excluded_names: None,
    }
}

fn format_of(path: &Path) -> Result<load::Format, Failure> {
    load::Format::from_name(&path.to_string_lossy()).ok_or_else(|| {
        Failure::Invalid(format!(
            "无法识别的文件类型 unknown file type: {} (use .osm, .pbf, .geojson, .json or .csv)",
            path.display()
        ))
    })
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| unreadable(path, &e))
}

/// A CSV or GeoJSON file's bytes as UTF-8: as they are if they are UTF-8, else decoded as
/// GB18030 (GBK), which is how Excel on Chinese Windows saves CSV, said on stderr; the widgets'
/// import does the same. Bytes that are neither stay as they are, for the importer to say
/// where they stop being UTF-8. Other formats are left alone (OSM XML declares its encoding).
fn utf8_or_gbk(path: &Path, format: load::Format, bytes: Vec<u8>) -> Vec<u8> {
    match utf8_or_gbk_of(path, format, &bytes) {
        std::borrow::Cow::Borrowed(_) => bytes,
        std::borrow::Cow::Owned(decoded) => decoded,
    }
}

/// [`utf8_or_gbk`] of borrowed bytes: copied only when they are decoded (a street network of
/// 100 MB in UTF-8 is not).
fn utf8_or_gbk_of<'a>(path: &Path, format: load::Format, bytes: &'a [u8]) -> std::borrow::Cow<'a, [u8]> {
    if !matches!(format, load::Format::Csv | load::Format::GeoJson) || std::str::from_utf8(bytes).is_ok() {
        return bytes.into();
    }
    match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => {
            tell!("{}：不是 UTF-8，按 GBK（GB18030）编码读取 / not UTF-8, read as GBK (GB18030)", path.display());
            text.into_owned().into_bytes().into()
        }
        None => bytes.into(),
    }
}

fn load_network(path: &Path, crs: Crs, exclude_names: &[String]) -> Result<access::Network, Failure> {
    let options = load::NetworkOptions { crs, exclude_names: exclude_names.to_vec() };
    load_network_bytes(path, &read_bytes(path)?, &options)
}

/// A reason a street was left out, as the import report keys it, for a reader: Chinese first.
fn exclusion_reason(key: &str) -> String {
    // (a key holds the file's values: a tag's, a geometry's type)
    let key = &*visible(key);
    if let Some(part) = key.strip_prefix("name contains ") {
        return format!("名称含“{part}” name contains {part}");
    }
    // A line whose points are all one point is a line, of no length: not "not a line".
    if key == "geometry zero-length line" {
        return "长度为零的线（少于两个不同的点）zero-length line".into();
    }
    if let Some(kind) = key.strip_prefix("geometry ") {
        return format!("不是线（{kind}）not a line: {kind}");
    }
    match key {
        "no geometry" => "无几何 no geometry".into(),
        "area=yes" => "面状 area=yes".into(),
        "foot=no" | "foot=use_sidepath" => format!("禁止步行 {key}"),
        "access=no" | "access=private" => format!("禁止通行 {key}"),
        other if other.starts_with("highway=") => format!("非步行道路 {other}"),
        other => other.to_string(),
    }
}

fn load_network_bytes(path: &Path, bytes: &[u8], options: &load::NetworkOptions) -> Result<access::Network, Failure> {
    let format = format_of(path)?;
    // A GeoJSON network saved as GBK (street names in Chinese) is decoded as facilities and
    // origins are; OSM XML declares its encoding, and PBF is binary.
    let bytes = utf8_or_gbk_of(path, format, bytes);
    let (net, import) = load::network_with(&bytes, format, options)
        .map_err(|e| Failure::Invalid(format!("{}: {}", path.display(), e.bilingual())))?;
    let stats = net.stats();
    let report = &import.report;
    tell!(
        "路网 network {}: {} 条道路 ways kept, {} 个节点 nodes, {:.1} km, {} 个连通分量 components",
        path.display(),
        report.kept,
        stats.nodes,
        stats.total_length_m / 1000.0,
        stats.components
    );
    // What the import left out, and why: nothing is dropped unsaid.
    let (shapes, streets): (Vec<_>, Vec<_>) =
        report.excluded.iter().partition(|(k, _)| access::import::StreetReport::not_a_line(k));
    let said = |list: &[(&String, &usize)]| -> Vec<String> {
        list.iter().map(|(k, n)| format!("{} ×{n}", exclusion_reason(k))).collect()
    };
    if !streets.is_empty() {
        let n: usize = streets.iter().map(|(_, n)| **n).sum();
        tell!("  未计入的道路 streets left out: {n}（{}）", said(&streets).join("；"));
    }
    let not_lines = report.not_lines();
    if not_lines > 0 {
        let kinds = said(&shapes);
        tell!(
            "⚠ 路网中有 {not_lines} 个要素不是线，已跳过（{}），第一个是 {} / {not_lines} features of the network are not lines and were skipped; the first is {}",
            kinds.join("；"),
            visible(report.first_not_a_line.as_deref().unwrap_or("?")),
            visible(report.first_not_a_line.as_deref().unwrap_or("?"))
        );
    }
    if stats.duplicate_edges_merged > 0 {
        tell!(
            "  重复的路段（同一段路画了两次，如 OSMnx 的双向道路）只计一次 street pieces drawn twice counted once: {}",
            stats.duplicate_edges_merged
        );
    }
    if report.missing_nodes > 0 {
        tell!(
            "⚠ 道路引用了文件中没有的 {} 个节点，在那里断开：路网可能被截断或不完整，距离会偏长、连通分量会变多（请导出完整的路段，如 Overpass 的 (._;>;);）/ ways refer to {} nodes absent from the file and are cut there: the extract is clipped or incomplete, so walks come out longer and pieces more numerous (export complete ways)",
            report.missing_nodes,
            report.missing_nodes
        );
    }
    if stats.edges == 0 {
        return Err(Failure::Invalid(format!("{}: 路网为空 the street network is empty", path.display())));
    }
    Ok(net)
}

fn load_facilities(std: &Standard, path: &Path, crs: Crs) -> Result<Vec<access::import::Facility>, Failure> {
    load_facilities_bytes(std, path, read_bytes(path)?, crs)
}

fn load_facilities_bytes(
    std: &Standard,
    path: &Path,
    raw: Vec<u8>,
    crs: Crs,
) -> Result<Vec<access::import::Facility>, Failure> {
    let mapping = access::category_mapping(std).map_err(|e| Failure::Invalid(format!("{}: {e}", std.id)))?;
    let format = format_of(path)?;
    let bytes = utf8_or_gbk(path, format, raw);
    let imp = load::facilities(&bytes, format, crs, &mapping)
        .map_err(|e| Failure::Invalid(format!("{}: {}", path.display(), e.bilingual())))?;
    tell!(
        "设施 facilities {}: {} 处已归类 mapped, {} 处未归类 unmapped",
        path.display(),
        imp.facilities.len(),
        imp.unmapped_count()
    );
    for u in imp.unmapped.iter().take(10) {
        let hint =
            u.keys.iter().find_map(|k| k.strip_prefix("category=")).map(|w| category_hint(std, w)).unwrap_or_default();
        let (id, name, keys) = (visible(&u.id), visible(u.name.as_deref().unwrap_or("")), u.keys.join(", "));
        tell!("  未归类 unmapped: {id} {name} [{}]{hint}", visible(&keys));
    }
    if imp.unmapped.len() > 10 {
        let more = imp.unmapped.len() - 10;
        tell!("  … 另有 {more} 处未归类 / {more} more unmapped");
    }
    Ok(imp.facilities)
}

/// `--facilities` and `--origins` are measured on a street network: without `--network` they
/// are a usage error (exit 2), said before any file is read.
fn data_needs_network(network: Option<&Path>, facilities: &[PathBuf], origins: Option<&Path>) -> Result<(), Failure> {
    if network.is_none() && (!facilities.is_empty() || origins.is_some()) {
        return Err(Failure::Usage(
            "--facilities 与 --origins 须与 --network 一起给出：步行距离是在路网上量得的 / --facilities and --origins \
             need --network: walking distances are measured on it"
                .into(),
        ));
    }
    Ok(())
}

impl NetworkData {
    fn load(
        std: &Standard,
        network: Option<&Path>,
        facilities: &[PathBuf],
        origins: Option<&Path>,
        crs: DataCrs,
        exclude_names: &[String],
    ) -> Result<Option<NetworkData>, Failure> {
        data_needs_network(network, facilities, origins)?;
        let Some(net_path) = network else {
            return Ok(None);
        };
        // Each file read once: its digest is of the very bytes the distances come from.
        let raw = read_bytes(net_path)?;
        let mut files = vec![data_file("network", net_path, &raw, crs.network)];
        let options = load::NetworkOptions { crs: crs.network, exclude_names: exclude_names.to_vec() };
        // The streets left out by name, recorded with the file: `verify` needs the same, and
        // says so when they differ.
        files[0].excluded_names = options.excluded_names_record();
        let network = load_network_bytes(net_path, &raw, &options)?;
        let mut fac = Vec::new();
        for f in facilities {
            let raw = read_bytes(f)?;
            files.push(data_file("facilities", f, &raw, crs.facilities));
            fac.extend(load_facilities_bytes(std, f, raw, crs.facilities)?);
        }
        let origins = match origins {
            Some(p) => {
                let format = format_of(p)?;
                let raw = read_bytes(p)?;
                files.push(data_file("origins", p, &raw, crs.origins));
                let bytes = utf8_or_gbk(p, format, raw);
                load::origins(&bytes, format, crs.origins)
                    .map_err(|e| Failure::Invalid(format!("{}: {}", p.display(), e.bilingual())))?
            }
            None => Vec::new(),
        };
        Ok(Some(NetworkData { network, crs, facilities: fac, origins, files }))
    }

    /// The circle with its walking distances measured on the network; `label` names it in
    /// messages (its file, and its place in a list).
    fn apply(&self, std: &Standard, circle: &Circle, label: &str) -> Result<Circle, Failure> {
        let options = access::WalkOptions {
            max_snap_m: access::DEFAULT_MAX_SNAP_M,
            network_crs: self.crs.network,
            facilities_crs: self.crs.facilities,
            origins_crs: self.crs.origins,
        };
        let (c, report) =
            access::walk_circle_with(std, circle, &self.network, &self.facilities, &self.origins, &options)
                .map_err(|e| Failure::Invalid(format!("{label}: {}", e.bilingual())))?;
        let mut c = c;
        if let Some(w) = c.walking.as_mut() {
            w.measured_from = self.files.clone();
        }
        tell!(
            "步行距离 walking distances for {label}: {} 处设施落到路网上 facilities placed ({} 处数据中的设施计入本圈清单 from data added to the inventory), {} 个居民点 origins measured",
            report.facilities_used,
            report.facilities_added,
            report.origins_measured,
        );
        let snap = access::DEFAULT_MAX_SNAP_M;
        warn_ids(&report.facilities_unsnapped, |n| {
            format!(
                "⚠ {n} 处设施 {snap:.0} 米内没有道路：没有步行距离，数据中的不计入本圈清单（是否在路网范围外、本区以外？）/ {n} facilities have no street within {snap:.0} m: no walking distance, and those from data are not added to the inventory (outside the network, or the district?)"
            )
        });
        warn_ids(&report.facilities_outside, |n| {
            let (zh, en) = report.reach_m.map_or_else(
                || ("本圈边界外".to_string(), "outside the circle's boundary".to_string()),
                |m| {
                    (
                        format!("离中心和各居民点都超过步行 {m:.0} 米（标准最长的步行时间）"),
                        format!("more than a {m:.0} m walk (the standard's longest) from the centre and every origin"),
                    )
                },
            );
            format!(
                "ⓘ {n} 处数据中的设施{zh}，不属本圈，不计入 / {n} facilities from data are {en}: not part of this circle, left out"
            )
        });
        warn_ids(&report.origins_outside, |n| {
            let (zh, en) = report.reach_m.map_or_else(
                || ("在本圈边界外".to_string(), "lie outside the circle's boundary".to_string()),
                |m| {
                    (
                        format!("离中心超过步行 {:.0} 米", 2.0 * m),
                        format!("are more than a {:.0} m walk from the centre", 2.0 * m),
                    )
                },
            );
            format!(
                "⚠ {n} 个居民点{zh}，仍计入覆盖率：居民点文件是否为全区的？请只给本圈的居民点 / {n} origins {en} and are still counted: is the origins file the whole district's? Give this circle's only"
            )
        });
        // The report's findings (origins counted as not covered, typed distances kept, a datum
        // check), then the hint of the option to give for each datum warning.
        for f in &report.findings {
            let mark = if f.severity == "warning" { "⚠" } else { "ⓘ" };
            tell!("{mark} {}", visible(&f.text()));
        }
        report.datum_warnings.iter().for_each(datum_hint);
        report.snap_findings.iter().for_each(warn_cut_off);
        Ok(c)
    }
}

/// Beyond this distance from its street, a facility's off-network leg is pointed out in
/// `access nearest` (a property of this tool's messages, not of any standard). # Units: metres.
const FAR_FROM_STREET_M: f64 = 100.0;

/// For a category written in a spreadsheet that the standard does not know (`美发`, `快递`, a
/// slip such as `便力店`), the standard's categories it may mean: a name or alias that contains
/// it or is contained in it, or one of the same length differing in one character. Empty when
/// none is close.
fn category_hint(std: &Standard, written: &str) -> String {
    let w: Vec<char> = written.trim().chars().collect();
    if w.is_empty() {
        return String::new();
    }
    let ws: String = w.iter().collect();
    let close = |name: &str| {
        let n: Vec<char> = name.chars().collect();
        (w.len() >= 2 && (name.contains(&ws) || (n.len() >= 2 && ws.contains(name))))
            || (n.len() == w.len() && n.len() >= 2 && n.iter().zip(&w).filter(|(a, b)| a != b).count() == 1)
    };
    let found: Vec<String> = std
        .categories
        .iter()
        .filter(|c| std::iter::once(&c.name.zh).chain(&c.aliases).any(|n| close(n)))
        .map(|c| format!("{} {}", c.name.zh, c.code))
        .collect();
    if found.is_empty() {
        String::new()
    } else {
        format!(
            "：是否指 {}？请在业态列写标准的名称或编号 / did you mean {}? Write a category's name or code",
            found.join("、"),
            found.join(", ")
        )
    }
}

/// At most ten ids, and how many more, for a message.
/// `say(n)` and the first ids, to stderr, when `ids` holds any.
fn warn_ids(ids: &[String], say: impl FnOnce(usize) -> String) {
    if !ids.is_empty() {
        tell!("{}: {}", say(ids.len()), some_ids(ids));
    }
}

/// A point whose nearest street is on a piece of network cut off from the rest, to stderr:
/// walks along that piece are measured on it, and walks elsewhere from the main network's
/// street when one is near (how far is said), else not at all.
fn warn_cut_off(f: &access::graph::SnapFinding) {
    let what = match f.what.as_str() {
        "origin" | "from" => "起点 origin".to_string(),
        "to" => "终点 destination".to_string(),
        other => other.to_string(),
    };
    let (n, km) = (f.component_nodes, f.component_length_m / 1000.0);
    match f.main_off_network_m {
        Some(m) => tell!(
            "⚠ {what} 最近的道路在一小段与主路网不连通的路网上（{n} 个节点，{km:.2} km）：同一小段上的地点沿该段量距离，到其他地方从 {m:.0} 米外的主路网道路量（这 {m:.0} 米计入那些距离）/ its nearest street is on a small piece cut off from the main network ({n} nodes, {km:.2} km): places on that piece are measured along it, others from the main network's street {m:.0} m away (those walks include the {m:.0} m)"
        ),
        None => tell!(
            "⚠ {what} 落在孤立的小段路网上（{n} 个节点，{km:.2} km），与主路网不连通，只能到达同一小段上的地点 / snapped onto a small piece cut off from the main network ({n} nodes, {km:.2} km): only places on that piece are reached"
        ),
    }
}

fn some_ids(ids: &[String]) -> String {
    let mut s = ids.iter().take(10).map(|id| visible(id)).collect::<Vec<_>>().join(", ");
    if ids.len() > 10 {
        let more = ids.len() - 10;
        s.push_str(&format!(" … 另有 {more} 个 / {more} more"));
    }
    s
}

/// What to do about a datum warning: the option that reads the points (or the network) in
/// the datum they seem to be in.
fn datum_hint(w: &access::crs::DatumWarning) {
    if w.points_seem_in != w.points_declared {
        let c = w.points_seem_in.name();
        let (file_zh, file_en, option) = match w.of.as_str() {
            "origins" => ("居民点文件", "the origins file", "--origins-crs"),
            _ => ("设施文件", "the facilities file", "--facilities-crs"),
        };
        tell!(
            "  {file_zh}若为 {} 坐标，请加 {option} {c}（生活圈文件自身的点则改其 location.crs），或先用 `lifecircle coords --from {c} --to {} --csv 文件` 换算 / if {file_en} is in {c}, give {option} {c} (for the circle's own points, set its location.crs), or convert it first with `lifecircle coords --from {c} --to {} --csv FILE`",
            w.points_seem_in.label_zh(),
            w.points_declared.name(),
            w.points_declared.name()
        );
    } else if w.network_in != w.network_declared {
        let c = w.network_in.name();
        tell!(
            "  路网文件若为 {} 坐标，请用 --crs/--data-crs {c} 读取 / if the network file is in {c}, read it with --crs/--data-crs {c}",
            w.network_in.label_zh()
        );
    }
}

/// A datum check's result, to stderr: the message (a clear shift or an unclear result), then
/// the option to give.
fn warn_datum(w: &access::crs::DatumWarning) {
    let head = match w.verdict {
        access::crs::DatumVerdict::Shift => "⚠ 坐标系可能不一致 datum warning",
        access::crs::DatumVerdict::Unclear => "⚠ 坐标系可能不一致（无法确定）datum check unclear",
    };
    tell!("{head}: {}", w.message);
    datum_hint(w);
}

fn point(text: &str, crs: Crs) -> Result<[f64; 2], Failure> {
    let bad = || {
        Failure::Usage(format!(
            "`{text}` 不是“经度,纬度”（经度 −180 至 180，纬度 −90 至 90）/ is not LON,LAT (longitude −180 to 180, latitude −90 to 90)"
        ))
    };
    let (a, b) = text.split_once(',').ok_or_else(bad)?;
    let lon: f64 = a.trim().parse().map_err(|_| bad())?;
    let lat: f64 = b.trim().parse().map_err(|_| bad())?;
    if !(lon.is_finite() && lat.is_finite() && (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat)) {
        return Err(bad());
    }
    Ok(access::crs::convert([lon, lat], crs, Crs::Wgs84))
}

/// A category of the standard written by its code or by its name, Chinese or English
/// (`convenience_store`, `便利店`), as circle files and CSV imports accept it; anything else is
/// a usage error listing the codes.
fn category_code(std: &Standard, written: &str) -> Result<String, Failure> {
    let w = written.trim();
    std.find_category(w).map(|c| c.code.clone()).ok_or_else(|| {
        let codes: Vec<String> = std.categories.iter().map(|c| format!("{} {}", c.code, c.name.zh)).collect();
        Failure::Usage(format!(
            "--category：标准 {} 没有业态 `{w}`，可用：{} / unknown category `{w}` in standard {}; known: {}",
            std.id,
            codes.join("、"),
            std.id,
            codes.join(", ")
        ))
    })
}

fn access_command(cmd: AccessCommand) -> Result<(), Failure> {
    let inv = |e: &dyn std::fmt::Display| Failure::Invalid(e.to_string());
    let acc = |e: access::AccessError| Failure::Invalid(e.bilingual());
    match cmd {
        AccessCommand::Distance { network, from, to, pairs, crs, names: ExcludeNames { exclude_name } } => {
            // The arguments are checked before the network is read (a province's network takes
            // a while): two points, or a CSV of pairs (clap already refuses --from without
            // --to, and --from with --pairs).
            let points = match (from, to, pairs) {
                (Some(f), Some(t), None) => Ok((f, t)),
                (None, None, Some(p)) => Err(p),
                _ => {
                    return Err(Failure::Usage(
                        "请给出 --from 与 --to（两点），或 --pairs（成对的点的 CSV 文件），二者选一 / give --from and --to, \
                         or --pairs (one of them)"
                            .into(),
                    ));
                }
            };
            let crs: Crs = crs.into();
            let net = load_network(&network, crs, &exclude_name)?;
            let snap = access::DEFAULT_MAX_SNAP_M;
            match points {
                Ok((f, t)) => {
                    let walk =
                        access::query::walking_distance(&net, point(&f, crs)?, point(&t, crs)?, snap).map_err(acc)?;
                    walk.findings.iter().for_each(warn_cut_off);
                    match walk.metres {
                        Some(m) => say!("{m:.2}"),
                        None => {
                            return Err(Failure::Invalid(
                                "两点之间没有连通的步行路径 no walking path connects the points".into(),
                            ));
                        }
                    }
                }
                Err(p) => {
                    // Read as every CSV import is (quotes, BOM, GBK); every column of the file
                    // is kept, `metres` and a note added. A row whose distance cannot be
                    // measured says why in its note (a point too far from any street, no
                    // path); a row that is not two points is named on stderr as well.
                    let bytes = utf8_or_gbk(&p, load::Format::Csv, read_bytes(&p)?);
                    let rows = access::import::csv::records(csv_text(&p, &bytes)?)
                        .map_err(|e| Failure::Invalid(format!("{}: {}", p.display(), e.bilingual())))?;
                    const COLUMNS: [&str; 4] = ["from_lon", "from_lat", "to_lon", "to_lat"];
                    let Some(((_, header), body)) = rows.split_first() else {
                        return Err(Failure::Invalid(format!(
                            "{}：文件是空的，应有表头 {} / the file is empty: it needs the header {}",
                            p.display(),
                            COLUMNS.join(","),
                            COLUMNS.join(",")
                        )));
                    };
                    let mut cols = [0; 4];
                    for (k, name) in COLUMNS.iter().enumerate() {
                        cols[k] = header.iter().position(|c| c.trim().eq_ignore_ascii_case(name)).ok_or_else(|| {
                            Failure::Invalid(format!(
                                "{}：表头缺少列 {name}（应有 {}，表头为 {}）/ the header has no column {name} (it needs {}; it has {})",
                                p.display(),
                                COLUMNS.join(","),
                                header.join(","),
                                COLUMNS.join(","),
                                header.join(",")
                            ))
                        })?;
                    }
                    let mut csv = Csv::new();
                    for h in header {
                        csv.text(h);
                    }
                    csv.text("metres");
                    csv.text("备注 note");
                    csv.end_row();
                    let mut bad = Vec::new();
                    for (line, row) in body {
                        let cell = |k: usize| row.get(k).map_or("", |s| s.trim());
                        let number = |k: usize| cell(k).parse::<f64>().ok().filter(|v| v.is_finite());
                        let at = |x: usize, y: usize| -> Result<[f64; 2], String> {
                            let (lon, lat) = (cell(cols[x]), cell(cols[y]));
                            point(&format!("{lon},{lat}"), crs)
                                .map_err(|_| format!("`{lon},{lat}` 不是“经度,纬度” / is not a point LON,LAT"))
                        };
                        let (metres, note) = match (at(0, 1), at(2, 3)) {
                            (Ok(a), Ok(b)) => match access::query::walking_distance(&net, a, b, snap) {
                                Ok(w) => {
                                    // A point joined to the main network from a cut-off piece
                                    // is said in the row's note.
                                    let jumps: Vec<String> = w
                                        .findings
                                        .iter()
                                        .filter(|_| w.via_main)
                                        .filter_map(|f| {
                                            let m = f.main_off_network_m?;
                                            let who = if f.what == "to" { "终点 to" } else { "起点 from" };
                                            Some(format!(
                                                "{who}：最近的道路在孤立小段路网上，改从 {m:.0} 米外的主路网量 / nearest street on a cut-off piece, measured from the main network {m:.0} m away"
                                            ))
                                        })
                                        .collect();
                                    match w.metres {
                                        Some(m) => (Some(m), jumps.join("；")),
                                        None => (
                                            None,
                                            "两点之间没有连通的步行路径 / no walking path connects the points".into(),
                                        ),
                                    }
                                }
                                Err(e) => (None, e.bilingual()),
                            },
                            (Err(e), _) | (_, Err(e)) => {
                                bad.push(format!("{} 第 {line} 行 (line {line})：{e}", p.display()));
                                (None, e)
                            }
                        };
                        for k in 0..header.len().max(row.len()) {
                            // The coordinates as the numbers they were written as, every other
                            // field as the text it was.
                            if cols.contains(&k) && number(k).is_some() {
                                csv.number_as_written(cell(k));
                            } else {
                                csv.text(row.get(k).map_or("", String::as_str));
                            }
                        }
                        match metres {
                            Some(m) => csv.fixed(m, 2),
                            None => csv.empty(),
                        }
                        csv.text(&note);
                        csv.end_row();
                    }
                    emit(&csv.finish());
                    if !bad.is_empty() {
                        return Err(Failure::Invalid(bad.join("\n")));
                    }
                }
            }
            Ok(())
        }
        AccessCommand::Nearest {
            network,
            facilities,
            from,
            standard,
            profile,
            crs,
            facilities_crs,
            names: ExcludeNames { exclude_name },
        } => {
            let fac_crs: Crs = facilities_crs.unwrap_or(crs).into();
            let crs: Crs = crs.into();
            let std = load_any(&standard)?;
            let params = access::walk_params_for(&std, profile.into()).map_err(acc)?;
            let pace = access::walk_pace(&std, profile.into()).map_err(acc)?;
            let net = load_network(&network, crs, &exclude_name)?;
            let fac = load_facilities(&std, &facilities, fac_crs)?;
            let cats: Vec<String> = std.categories.iter().map(|c| c.code.clone()).collect();
            let snap = access::DEFAULT_MAX_SNAP_M;
            let set = access::query::FacilitySet::new(&net, &fac, &cats, snap);
            let near = access::query::nearest_by_category(&net, &set, point(&from, crs)?, &params, f64::INFINITY, snap)
                .map_err(acc)?;
            // What the table cannot show goes to stderr: facilities not placed, pieces of network
            // cut off from the rest, a datum mix-up.
            warn_ids(&set.unsnapped, |n| {
                format!(
                    "⚠ {n} 处设施 {snap:.0} 米内没有道路，未计入（是否在路网范围外、本区以外？坐标系是否一致？）/ {n} facilities have no street within {snap:.0} m and are left out (outside the network or the district? the same datum?)"
                )
            });
            set.findings.iter().chain(&near.findings).for_each(warn_cut_off);
            let points: Vec<[f64; 2]> = fac.iter().map(|f| f.point).collect();
            if let Some(w) = access::crs::check_datum(&points, fac_crs, &net, crs, "facilities") {
                warn_datum(&w);
            }
            // Minutes mean nothing without their pace: said before the table.
            let (zh, en) = pace.describe_halves();
            tell!("步行分钟按{zh} / minutes at {en}");
            let mut csv = Csv::new();
            for h in ["业态 category", "名称 name", "距离（米）metres", "步行分钟 minutes", "最近设施 nearest"]
            {
                csv.text(h);
            }
            csv.end_row();
            for c in &std.categories {
                csv.text(&c.code);
                csv.text(&c.name.zh);
                match near.by_category.get(&c.code).and_then(Option::as_ref) {
                    Some(n) => {
                        csv.fixed(n.distance_m, 1);
                        csv.fixed(n.minutes, 1);
                        csv.text(n.name.as_deref().unwrap_or(&n.facility_id));
                        // A long way from the facility to its street is part of the metres: say so.
                        let off = fac
                            .iter()
                            .find(|f| f.id == n.facility_id)
                            .and_then(|f| net.snap(f.point, snap))
                            .map_or(0.0, |s| s.off_network_m);
                        if off > FAR_FROM_STREET_M {
                            tell!(
                                "⚠ {} {}：最近的“{}”离最近道路 {off:.0} 米（已计入距离），请核对坐标 / the nearest, {}, is {off:.0} m from its street (included in the metres): check its position",
                                c.code,
                                c.name.zh,
                                visible(n.name.as_deref().unwrap_or(&n.facility_id)),
                                visible(&n.facility_id)
                            );
                        }
                    }
                    None => {
                        csv.empty();
                        csv.empty();
                        csv.empty();
                        let have = fac.iter().filter(|f| f.categories.contains(&c.code)).count();
                        if have > 0 {
                            tell!(
                                "⚠ {} {}：数据中有 {have} 处，均无法沿路网到达（离道路过远或路网不连通），表中为空 / {have} in the data, none reachable on the network (too far from a street, or not connected): the row is empty",
                                c.code,
                                c.name.zh
                            );
                        }
                    }
                }
                csv.end_row();
            }
            emit(&csv.finish());
            Ok(())
        }
        AccessCommand::Sites {
            network,
            facilities,
            origins,
            circle,
            standard,
            category,
            k,
            as_of,
            crs,
            facilities_crs,
            origins_crs,
            names: ExcludeNames { exclude_name },
        } => {
            let std = load_any(&standard)?;
            // The category, the date and the circle are checked before the network is read.
            let category = category_code(&std, &category)?;
            let as_of = as_of_arg(as_of)?;
            let c = Circle::from_json(&read(&circle)?)
                .map_err(|e| Failure::Invalid(format!("{}: {}", circle.display(), input_error(&e))))?;
            // Sites are ranked by the residents they newly cover: without a place for any
            // resident there is nothing to rank, and an empty table would read as "no site
            // helps". Invalid input (exit 1): the data given cannot answer.
            if origins.is_none() {
                no_origins_to_site(&circle, &c)?;
            }
            let crs = DataCrs::of(crs, facilities_crs, origins_crs);
            let data = NetworkData::load(&std, Some(&network), &facilities, origins.as_deref(), crs, &exclude_name)?
                .ok_or_else(|| Failure::Usage("缺少 --network / --network is required".into()))?;
            if let Some(o) = &origins
                && data.origins.is_empty()
            {
                return Err(Failure::Invalid(format!(
                    "{}：居民点文件中没有居民点，无法按新覆盖的居民选址 / the origins file holds no origin: no site can be \
                     ranked by the residents it covers",
                    o.display()
                )));
            }
            let r = access::suggest_sites_scored(
                &std,
                &c,
                &data.network,
                &data.facilities,
                &data.origins,
                &category,
                k,
                &access::whatif::SiteCandidates::NetworkNodes,
                as_of,
            )
            .map_err(|e| {
                Failure::Invalid(match &e {
                    access::SitingError::Access(a) => a.bilingual(),
                    access::SitingError::NoMinutes { category } => {
                        format!("标准没有规定到业态 {category} 的步行时间 / {e}")
                    }
                    _ => e.to_string(),
                })
            })?;
            // Origins no street reaches: in the coverage (as scoring counts them), and named.
            let away = &r.siting.unsnapped_origins;
            if !away.is_empty() {
                tell!(
                    "⚠ {} 个居民点 {snap:.0} 米内没有道路，无法沿路网到达，按未覆盖计（人口仍计入覆盖率的分母），任何选址都覆盖不到：{} / {} \
                     origin(s) have no street within {snap:.0} m and cannot be reached on the network: counted as not \
                     covered (their residents stay in the shares), and no site can cover them: {}",
                    away.len(),
                    visible(&away.join("、")),
                    away.len(),
                    visible(&away.join(", ")),
                    snap = access::DEFAULT_MAX_SNAP_M
                );
            }
            // No site, and why (the table alone would say nothing): every resident already
            // within the minutes, none placed on the network, or none any place can reach.
            if r.sites.is_empty() && k > 0 {
                let name = std.find_category(&category).map_or(category.as_str(), |c| c.name.zh.as_str());
                let (before, m) = (&r.siting.before, r.minutes);
                let (n, people) = (before.total_origins, before.total_population);
                let (covered, covered_people) = (before.covered_origins, before.covered_population);
                if n == away.len() {
                    return Err(Failure::Invalid(format!(
                        "没有一个居民点离道路在 {snap:.0} 米以内，无法在路网上选址（路网是否覆盖居民点？坐标系是否一致？）/ no origin \
                         is within {snap:.0} m of a street: no site can be chosen on the network (does the network cover \
                         the origins? the same datum?)",
                        snap = access::DEFAULT_MAX_SNAP_M
                    )));
                }
                if covered == n {
                    tell!(
                        "ⓘ 全部 {n} 个居民点（{people} 人）已在 {m} 分钟内可达{name}，无需新设，表中没有选址 / all {n} origins \
                         ({people} residents) already reach a {category} within {m} minutes: no new site is needed, the \
                         table is empty"
                    );
                } else if covered + away.len() == n {
                    tell!(
                        "ⓘ 除上述无法到达的居民点外，其余 {covered} 个居民点（{covered_people} 人）已在 {m} 分钟内可达{name}，表中没有选址 \
                         / but for the origins above, which no site can reach, all {covered} origins ({covered_people} \
                         residents) already reach a {category} within {m} minutes: the table is empty"
                    );
                } else {
                    let left = n - covered - away.len();
                    let left_people = people - covered_people;
                    tell!(
                        "⚠ 仍有 {left} 个居民点{m} 分钟内到不了{name}，但路网上没有一处能在 {m} 分钟内到达它们\
                         （路网在它们附近不连通？），表中没有选址（未覆盖居民共 {left_people} 人）/ {left} origins do not reach a \
                         {category} within {m} minutes, and no place on the network reaches them within {m} minutes (is the \
                         network cut off near them?): the table is empty ({left_people} residents not covered in all)"
                    );
                }
            }
            // What the table is goes to stderr: stdout is the CSV alone, for a spreadsheet or a
            // script (`> sites.csv`).
            tell!(
                "{category}: {} 分钟内新覆盖居民最多的选址 sites covering most new residents within {} minutes; 现总分 total now {}",
                r.minutes,
                r.minutes,
                r.total_now
            );
            // The points in the datum the user gave the data in (`--crs`): a site suggested
            // for GCJ-02 data is pasted into AMap, where a WGS-84 point lands 100–700 m off.
            let out = crs.network;
            tell!(
                "坐标为 {}（与 --crs 相同；换算用 lifecircle coords）/ coordinates are {} (as --crs; convert with lifecircle coords)",
                out.label_zh(),
                out.name()
            );
            let mut csv = Csv::new();
            for h in [
                "名次 rank",
                "经度 lon",
                "纬度 lat",
                "新覆盖居民 newly_covered_population",
                "加设后总分 total_with_site",
                "增分 delta",
                "等级 grade",
            ] {
                csv.text(h);
            }
            csv.end_row();
            for s in &r.sites {
                let p = access::crs::convert(s.site.point, Crs::Wgs84, out);
                csv.num(s.site.rank as f64);
                csv.fixed(p[0], 7);
                csv.fixed(p[1], 7);
                csv.num(s.site.newly_covered_population);
                csv.num(s.total);
                csv.num(s.delta);
                // The grade's Chinese name and its id (`提升型 improved`), as the header.
                let grade = s.grade.as_deref().map(|g| match std.grades.iter().find(|k| k.id == g) {
                    Some(k) => format!("{} {g}", k.name.zh),
                    None => g.to_string(),
                });
                csv.text(grade.as_deref().unwrap_or(""));
                csv.end_row();
            }
            emit(&csv.finish());
            Ok(())
        }
        AccessCommand::Isochrone {
            network,
            from,
            minutes,
            standard,
            cell_m,
            profile,
            crs,
            names: ExcludeNames { exclude_name },
        } => {
            let (lo, hi) = (access::isochrone::MIN_CELL_M, access::isochrone::MAX_CELL_M);
            if !(lo..=hi).contains(&cell_m) {
                return Err(Failure::Usage(format!(
                    "--cell-m：网格边长应在 {lo} 至 {hi} 米之间，实为 {cell_m} / the grid cell must be {lo} to {hi} metres, got {cell_m}"
                )));
            }
            let crs: Crs = crs.into();
            let std = load_any(&standard)?;
            let params = access::walk_params_for(&std, profile.into()).map_err(acc)?;
            let pace = access::walk_pace(&std, profile.into()).map_err(acc)?;
            let net = load_network(&network, crs, &exclude_name)?;
            let origin = point(&from, crs)?;
            let tiers: Vec<f64> = minutes
                .split(',')
                .map(|m| {
                    m.trim()
                        .parse::<f64>()
                        .ok()
                        .filter(|v| v.is_finite() && *v > 0.0 && *v <= 24.0 * 60.0)
                        .ok_or_else(|| {
                            Failure::Usage(format!(
                                "--minutes：`{m}` 应为 0 以上、不超过 1440 的分钟数 / is not a number of minutes above 0, at most 1440"
                            ))
                        })
                })
                .collect::<Result<_, _>>()?;
            let snap = access::DEFAULT_MAX_SNAP_M;
            let reached = access::query::reached_streets(&net, origin, &tiers, &params, snap).map_err(acc)?;
            if let Some(p) = net.place(origin, snap)
                && let Some(f) = net.placement_finding("origin", &p)
            {
                warn_cut_off(&f);
            }
            let mut features = Vec::new();
            if let Some(fs) = reached.to_geojson().get("features").and_then(|f| f.as_array()) {
                features.extend(fs.iter().cloned());
            }
            for t in &tiers {
                let iso = access::isochrone::isochrone(&net, origin, *t, &params, cell_m, snap).map_err(acc)?;
                features.push(iso.to_geojson());
            }
            // Every feature says the pace it was measured at, whose it is, and whether the
            // standard's value is provisional.
            let pace_props = pace.properties();
            for f in &mut features {
                if let Some(props) = f.get_mut("properties").and_then(|p| p.as_object_mut()) {
                    props.extend(pace_props.clone());
                }
            }
            let (zh, en) = pace.describe_halves();
            tell!("等时圈按{zh} / isochrones at {en}");
            // Results are in WGS-84 whatever the input's datum; say so (the GeoJSON 2008 `crs` member).
            let fc = serde_json::json!({
                "type": "FeatureCollection",
                "crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:OGC:1.3:CRS84" } },
                "features": features
            });
            emit_json(&(serde_json::to_string(&fc).map_err(|e| inv(&e))? + "\n"));
            Ok(())
        }
    }
}

/// `access sites` without `--origins`: the circle's own origins that have a location are the
/// residents a site is ranked by; when none has one, said (Chinese first) with what to give.
fn no_origins_to_site(path: &Path, c: &Circle) -> Result<(), Failure> {
    let listed = c.walking.as_ref().map_or(0, |w| w.origins.len());
    let located = c.walking.as_ref().map_or(0, |w| w.origins.iter().filter(|o| o.location.is_some()).count());
    if located > 0 {
        return Ok(());
    }
    let p = path.display();
    let (zh, en) = if listed == 0 {
        (
            "生活圈文件中没有居民点（walking.origins）".to_string(),
            "the circle lists no origins (walking.origins)".to_string(),
        )
    } else {
        (
            format!("生活圈文件中的 {listed} 个居民点（walking.origins）都没有坐标（location）"),
            format!("none of the circle's {listed} origins (walking.origins) has a location"),
        )
    };
    Err(Failure::Invalid(format!(
        "{p}：选址按新覆盖的居民排序，须知道居民点的位置，但{zh}，也没有给 --origins：请用 --origins 给出居民点文件（带 population \
         的 GeoJSON 点或 CSV），或为生活圈文件中的居民点填写 location / sites are ranked by the residents they newly cover, \
         which needs where the residents live, but {en} and no --origins was given: give an origins file with --origins \
         (GeoJSON points or CSV with population), or add each origin's location in the circle file"
    )))
}

/// A CSV file's bytes after [`utf8_or_gbk`] as text, or where they are neither.
fn csv_text<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, Failure> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to() + 1;
        Failure::Invalid(format!(
            "{}：从第 {at} 个字节起既不是 UTF-8 也不是 GBK 文本 / is neither UTF-8 nor GBK text from byte {at} on",
            path.display()
        ))
    })
}

fn coords(from: Crs, to: Crs, point_arg: Option<String>, csv: Option<PathBuf>) -> Result<(), Failure> {
    match (point_arg, csv) {
        (Some(p), None) => {
            let w = point(&p, from)?;
            let q = access::crs::convert(w, Crs::Wgs84, to);
            say!("{:.7},{:.7}", q[0], q[1]);
            // (the same point given back, unexplained, read as a conversion that failed)
            if from != to && access::crs::out_of_china(w) {
                tell!("{}", outside_china_note(from, to));
            }
            Ok(())
        }
        (None, Some(path)) => {
            let bytes = utf8_or_gbk(&path, load::Format::Csv, read_bytes(&path)?);
            let text = csv_text(&path, &bytes)?;
            let out = access::import::csv::convert_csv(text, from, to)
                .map_err(|e| Failure::Invalid(format!("{}: {}", path.display(), e.bilingual())))?;
            emit(&out);
            Ok(())
        }
        _ => Err(Failure::Usage(
            "请给出一个点 LON,LAT 或 --csv 文件（二者选一）/ give LON,LAT or --csv FILE (one of them)".into(),
        )),
    }
}

/// What `coords` says of a point outside China: GCJ-02's offset applies inside China only, so
/// WGS-84 and GCJ-02 are the same point there; BD-09's own offset applies everywhere.
fn outside_china_note(from: Crs, to: Crs) -> String {
    let bd = from == Crs::Bd09 || to == Crs::Bd09;
    format!(
        "注意：此点在中国境外（约东经 72°–137.8°、北纬 0.8°–55.8° 之外），境外的 WGS-84 与 GCJ-02 是同一点{}；\
         请核对经纬度是否写反 / note: this point is outside China (about 72°–137.8° E, 0.8°–55.8° N), where WGS-84 and \
         GCJ-02 are the same point{}; check that longitude and latitude are not swapped",
        if bd { "，只作 BD-09 的偏移" } else { "，坐标未变" },
        if bd { ": only BD-09's offset was applied" } else { ": the coordinates are unchanged" },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default date is China's: 16:30 UTC on 30 June 2025 is already 1 July in China.
    #[test]
    fn today_is_the_date_in_china() {
        let at = 1_751_301_000; // 2025-06-30T16:30:00Z
        assert_eq!(china_date(at), Date::new(2025, 7, 1).expect("date"));
        assert_eq!(china_date(at - 1801), Date::new(2025, 6, 30).expect("date"), "15:59:59 UTC is 23:59:59 in China");
    }
}
