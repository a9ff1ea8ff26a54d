//! Benchmark: from saving a page of the sample monitor to the reload event a browser tab
//! receives from `folio serve` (release: `cargo bench --bench serve_reload`).

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{IpAddr, Ipv4Addr, TcpStream};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use folio::serve::{ServeOptions, Server};

fn main() {
    let site = common::sample_copy();

    let options = ServeOptions { bind: IpAddr::V4(Ipv4Addr::LOCALHOST), port: 0, drafts: false };
    let server = Server::start(site.path(), &options).expect("server");
    let address = server.address;
    std::thread::spawn(move || server.watch());
    std::thread::sleep(Duration::from_millis(300));

    // A browser tab's event stream.
    let mut stream = TcpStream::connect(address).expect("connect");
    write!(stream, "GET /__folio/events HTTP/1.1\r\nHost: {address}\r\n\r\n").expect("request");
    let (sender, events) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if line == "event: reload" {
                let _ = sender.send(Instant::now());
            }
        }
    });

    let page = site.path().join("content/02-financiering/01-tarieven.md");
    let original = std::fs::read_to_string(&page).expect("page");
    let runs = 20;
    let mut samples = Vec::new();
    for run in 0..runs + 2 {
        std::thread::sleep(Duration::from_millis(150));
        while events.try_recv().is_ok() {}
        let saved = Instant::now();
        std::fs::write(&page, format!("{original}\nBewerking {run}.\n")).expect("save");
        let reloaded = events.recv_timeout(Duration::from_secs(10)).expect("reload event");
        if run >= 2 {
            samples.push(reloaded - saved);
        }
    }
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("save → reload event, one-page edit of the sample monitor, {runs} runs");
    println!("  median {:.1} ms, min {:.1} ms, max {:.1} ms", ms(samples[runs / 2]), ms(samples[0]), ms(samples[runs - 1]));
    println!("  (includes the watcher's 25 ms quiet period that absorbs an editor's burst of writes)");
}
