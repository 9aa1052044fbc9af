//! A program that embeds the node keeps its own logging: the logger it installed before
//! starting a node still receives its records afterwards, at the level it chose. (Alone in
//! its test binary: `log`'s logger is one per process.)

use std::sync::Mutex;

use log::{LevelFilter, Log, Metadata, Record};
use netstate_localnet::{EngineConfig, Localnet};

/// The host's logger: keeps each record's level and message.
struct Captured(Mutex<Vec<(log::Level, String)>>);

impl Log for Captured {
    fn enabled(&self, _: &Metadata) -> bool {
        true
    }
    fn log(&self, record: &Record) {
        if let Ok(mut records) = self.0.lock() {
            records.push((record.level(), record.args().to_string()));
        }
    }
    fn flush(&self) {}
}

static HOST: Captured = Captured(Mutex::new(Vec::new()));

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_host_keeps_its_logger_and_its_level() {
    log::set_logger(&HOST).expect("the host sets its logger first");
    log::set_max_level(LevelFilter::Info);
    let node = Localnet::start(EngineConfig::default(), 0)
        .await
        .expect("node");
    assert_eq!(
        log::max_level(),
        LevelFilter::Info,
        "the host's level is kept"
    );
    log::info!("the host logs after the node started");
    log::debug!("below the host's level");
    let records = HOST.0.lock().expect("records").clone();
    assert!(
        records
            .iter()
            .any(|(_, m)| m == "the host logs after the node started"),
        "{records:?}"
    );
    assert!(
        !records.iter().any(|(_, m)| m == "below the host's level"),
        "{records:?}"
    );
    node.stop().await;
}
