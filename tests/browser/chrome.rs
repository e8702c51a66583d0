//! Headless Chromium driven over the DevTools protocol (the
//! `headless_chrome` crate): open a page, and record what it logged and
//! every request it made while loading.

use headless_chrome::protocol::cdp::Network;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::{Browser, LaunchOptions, Tab};
use std::ffi::OsStr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A running browser with a fresh profile of its own.
pub struct Chrome {
    browser: Browser,
    _profile: tempfile::TempDir,
}

/// What a page did while it loaded.
#[derive(Debug, Default)]
pub struct Seen {
    /// Console messages and log entries of level error, and exceptions.
    pub errors: Vec<String>,
    /// The URL of every request the page made.
    pub requests: Vec<String>,
}

/// An open page and what it did.
pub struct Opened {
    /// The tab, to evaluate script in or print.
    pub tab: Arc<Tab>,
    /// What it logged and requested.
    pub seen: Arc<Mutex<Seen>>,
}

/// The flags that let Chromium run here as root with nothing from the
/// network (no updates, no sync, no QUIC, no background fetches).
const FLAGS: [&str; 6] = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

impl Chrome {
    /// Launches Chromium headless at A4-like window size.
    pub fn launch() -> Chrome {
        let path = carebook::report::pdf::find_browser()
            .unwrap_or_else(|e| panic!("these tests need Chromium ({e}); .ci/run installs it"));
        let profile = tempfile::tempdir().expect("a profile folder");
        let options = LaunchOptions::default_builder()
            .headless(true)
            .sandbox(false)
            .path(Some(path))
            .user_data_dir(Some(profile.path().to_path_buf()))
            .window_size(Some((1240, 1754)))
            .idle_browser_timeout(Duration::from_secs(300))
            .args(FLAGS.iter().map(OsStr::new).collect())
            .build()
            .expect("launch options");
        let browser = Browser::new(options).expect("launch Chromium");
        Chrome {
            browser,
            _profile: profile,
        }
    }

    /// Opens `url` in a new tab, recording errors and requests from the
    /// start, and waits until it has loaded.
    pub fn open(&self, url: &str) -> Opened {
        let tab = self.browser.new_tab().expect("a new tab");
        let seen = Arc::new(Mutex::new(Seen::default()));
        let sink = Arc::clone(&seen);
        tab.add_event_listener(Arc::new(move |event: &Event| {
            let mut seen = sink.lock().expect("the record of a page");
            match event {
                Event::NetworkRequestWillBeSent(e) => {
                    seen.requests.push(e.params.request.url.clone());
                }
                Event::LogEntryAdded(e) => {
                    let entry = &e.params.entry;
                    if format!("{:?}", entry.level) == "Error" {
                        seen.errors.push(format!("log: {}", entry.text));
                    }
                }
                Event::RuntimeConsoleAPICalled(e) => {
                    let kind = format!("{:?}", e.params.Type);
                    if kind == "Error" || kind == "Assert" {
                        seen.errors.push(format!("console.{kind}"));
                    }
                }
                Event::RuntimeExceptionThrown(e) => {
                    seen.errors
                        .push(format!("exception: {}", e.params.exception_details.text));
                }
                _ => {}
            }
        }))
        .expect("listen to the page");
        tab.call_method(Network::Enable {
            max_total_buffer_size: None,
            max_resource_buffer_size: None,
            max_post_data_size: None,
            report_direct_socket_traffic: None,
            enable_durable_messages: None,
        })
        .expect("enable the network domain");
        tab.enable_log().expect("enable the log domain");
        tab.enable_runtime().expect("enable the runtime domain");
        tab.navigate_to(url).expect("navigate");
        tab.wait_until_navigated().expect("the page loads");
        // Late events (a deferred request, a CSP report) arrive just after load.
        std::thread::sleep(Duration::from_millis(200));
        Opened { tab, seen }
    }
}

impl Opened {
    /// Evaluates `expression` (which must return a JSON string) in the page.
    pub fn json(&self, expression: &str) -> serde_json::Value {
        let result = self
            .tab
            .evaluate(&format!("JSON.stringify({expression})"), false)
            .expect("evaluate script in the page");
        let text = result
            .value
            .and_then(|v| v.as_str().map(str::to_owned))
            .expect("the script returns a string");
        serde_json::from_str(&text).expect("the script returns JSON")
    }

    /// Prints the page to PDF as the browser's print dialog would, with
    /// the page size of the CSS `@page` rule.
    pub fn pdf(&self) -> Vec<u8> {
        self.tab
            .print_to_pdf(Some(headless_chrome::types::PrintToPdfOptions {
                prefer_css_page_size: Some(true),
                print_background: Some(true),
                display_header_footer: Some(false),
                ..Default::default()
            }))
            .expect("print to PDF")
    }

    /// A PNG of the page as shown.
    pub fn screenshot(&self) -> Vec<u8> {
        self.tab
            .capture_screenshot(
                headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption::Png,
                None,
                None,
                true,
            )
            .expect("take a screenshot")
    }
}
