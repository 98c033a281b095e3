//! `lifecircle`: the command line for evaluators.
//!
//! All scoring happens in `lifecircle-core`; this binary reads files, reads the clock for a
//! default evaluation date, and prints.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use lifecircle_core::report::{self, Format};
use lifecircle_core::standard::{self, BUILTIN, Lang, Standard, StandardError};
use lifecircle_core::{Circle, Date, example};

const AFTER_HELP: &str = "\
退出码 Exit codes:
  0  成功 success
  1  输入有误：标准文件或生活圈数据无效（逐条列出问题，含文件、行号、字段）
     invalid input: a standard or circle file has problems (each listed with file, line, field)
  2  命令用法错误 usage error
  3  无法读取文件 a file could not be read

示例 Examples:
  lifecircle standards
  lifecircle validate standards/longwan-2024.toml
  lifecircle example > circle.json
  lifecircle score --standard longwan-2024 circle.json
  lifecircle score --standard longwan-2024 --lang en --format md circle.json";

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
        /// Standard files (TOML). A parent named in `extends` is looked up among the
        /// built-in standards, then as `<id>.toml` beside the file.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// 评分 Score circles against a standard and print the report.
    Score {
        /// A built-in standard id (see `lifecircle standards`) or a standard file.
        #[arg(long, short)]
        standard: String,
        /// Circle files (JSON); `-` reads standard input.
        #[arg(required = true)]
        circles: Vec<PathBuf>,
        /// Evaluation date, YYYY-MM-DD (default: today).
        #[arg(long)]
        as_of: Option<String>,
        /// Language of the report.
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
    },
    /// 显示解析后的标准 Print a resolved standard (after `extends`) as JSON.
    Show {
        /// A built-in standard id or a standard file.
        standard: String,
    },
    /// 输出 JSON Schema Print the JSON Schema of the circle input or of the standard format.
    Schema {
        #[arg(long, value_enum, default_value_t = SchemaOf::Circle)]
        of: SchemaOf,
    },
    /// 输出示例生活圈 Print the complete sample circle (示例数据) the demo uses.
    Example {
        #[arg(long, default_value = "longwan-2024")]
        standard: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Json,
    Md,
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaOf {
    Circle,
    Standard,
}

/// How a command failed, and its exit code.
enum Failure {
    Invalid(String),
    Io(String),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Invalid(msg)) => {
            eprintln!("{msg}");
            ExitCode::from(1)
        }
        Err(Failure::Io(msg)) => {
            eprintln!("{msg}");
            ExitCode::from(3)
        }
    }
}

/// Print to stdout; a closed pipe (`| head`) ends the program quietly instead of panicking.
fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("cannot write to stdout: {e}");
        std::process::exit(3);
    }
}

macro_rules! say {
    ($($t:tt)*) => { emit(&format!("{}\n", format!($($t)*))) };
}

fn read(path: &Path) -> Result<String, Failure> {
    if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| Failure::Io(format!("无法读取标准输入 cannot read standard input: {e}")))?;
        return Ok(s);
    }
    std::fs::read_to_string(path).map_err(|e| Failure::Io(format!("无法读取 cannot read {}: {e}", path.display())))
}

/// Parent lookup for a user's file: built-in standards first, then `<id>.toml` beside it.
fn parent_lookup(dir: PathBuf) -> impl Fn(&str) -> Option<(String, String)> {
    move |id: &str| {
        standard::builtin_parent(id).or_else(|| {
            let p = dir.join(format!("{id}.toml"));
            std::fs::read_to_string(&p).ok().map(|t| (p.display().to_string(), t))
        })
    }
}

fn load_file(path: &Path) -> Result<Result<Standard, StandardError>, Failure> {
    let text = read(path)?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let lookup = parent_lookup(dir);
    Ok(standard::resolve::resolve(&path.display().to_string(), &text, &lookup))
}

/// A built-in standard by id, or a standard file.
fn load_any(sid: &str) -> Result<Standard, Failure> {
    if standard::builtin(sid).is_some() {
        standard::load_builtin(sid)
    } else if Path::new(sid).exists() {
        load_file(Path::new(sid))?
    } else {
        return Err(Failure::Invalid(format!(
            "未知标准 unknown standard `{sid}`: not a built-in id ({}) nor a file",
            BUILTIN.iter().map(|b| b.id).collect::<Vec<_>>().join(", ")
        )));
    }
    .map_err(|e| Failure::Invalid(e.to_string()))
}

fn today() -> Date {
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    Date::new(y, m, d).unwrap_or_else(|| Date::new(1970, 1, 1).expect("valid"))
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Standards => {
            say!("{:<16} {:<8} {:<10} {:<9} 标题 title", "id", "version", "level", "status");
            for b in BUILTIN {
                match standard::load_builtin(b.id) {
                    Ok(s) => say!(
                        "{:<16} {:<8} {:<10} {:<9} {} / {}",
                        s.id,
                        s.version,
                        format!("{:?}", s.level).to_lowercase(),
                        s.status,
                        s.title.zh,
                        s.title.en
                    ),
                    Err(e) => say!("{:<16} (invalid: {e})", b.id),
                }
            }
            Ok(())
        }
        Command::Validate { files } => {
            let mut bad = 0;
            for f in &files {
                match load_file(f)? {
                    Ok(s) => say!(
                        "✔ {}: {} v{} — {} 项指标 indicators, 总分 total {}, {} 个类别 categories",
                        f.display(),
                        s.id,
                        s.version,
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
            if bad > 0 {
                Err(Failure::Invalid(format!("{bad} 个标准文件无效 invalid standard file(s)")))
            } else {
                Ok(())
            }
        }
        Command::Show { standard } => {
            let std = load_any(&standard)?;
            say!("{}", serde_json::to_string_pretty(&std).map_err(|e| Failure::Invalid(e.to_string()))?);
            Ok(())
        }
        Command::Score { standard: sid, circles, as_of, lang, format } => {
            let std = load_any(&sid)?;
            let as_of = match as_of {
                Some(s) => s.parse::<Date>().map_err(|e| Failure::Invalid(format!("--as-of: {e}")))?,
                None => today(),
            };
            let lang = match lang {
                LangArg::Zh => Lang::Zh,
                LangArg::En => Lang::En,
            };
            let mut failed = Vec::new();
            let mut json_out = Vec::new();
            for path in &circles {
                let text = read(path)?;
                let result = Circle::from_json(&text).and_then(|c| lifecircle_core::score(&std, &c, as_of));
                match result {
                    Ok(a) => match format {
                        FormatArg::Json => json_out.push(a),
                        FormatArg::Text => say!("{}", report::render(&a, lang, Format::Text)),
                        FormatArg::Md => say!("{}", report::render(&a, lang, Format::Markdown)),
                    },
                    Err(e) => failed.push(format!("{}: {e}", path.display())),
                }
            }
            if matches!(format, FormatArg::Json) {
                let v = if circles.len() == 1 && json_out.len() == 1 {
                    serde_json::to_string_pretty(&json_out[0])
                } else {
                    serde_json::to_string_pretty(&json_out)
                };
                say!("{}", v.map_err(|e| Failure::Invalid(e.to_string()))?);
            }
            if failed.is_empty() { Ok(()) } else { Err(Failure::Invalid(failed.join("\n"))) }
        }
        Command::Schema { of } => {
            let schema = match of {
                SchemaOf::Circle => lifecircle_core::schema::circle_schema(),
                SchemaOf::Standard => lifecircle_core::schema::standard_schema(),
            };
            emit(&schema);
            Ok(())
        }
        Command::Example { standard } => match example::example(&standard) {
            Some(e) => {
                emit(e.json);
                Ok(())
            }
            None => Err(Failure::Invalid(format!(
                "没有该标准的示例 no sample circle for `{standard}` (have: {})",
                example::EXAMPLES.iter().map(|e| e.standard).collect::<Vec<_>>().join(", ")
            ))),
        },
    }
}
