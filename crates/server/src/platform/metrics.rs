//! Request counts and latencies in the Prometheus text exposition format, by matched route —
//! hand-rolled: a few atomics do not need a metrics framework.

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Instant;

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

#[derive(Default)]
struct Series {
    count: u64,
    sum: f64,
    buckets: [u64; BUCKETS.len()],
}

#[derive(Default)]
pub struct Metrics {
    series: Mutex<BTreeMap<(String, String, u16), Series>>,
}

impl Metrics {
    pub fn observe(&self, method: &str, route: &str, status: u16, secs: f64) {
        let Ok(mut m) = self.series.lock() else {
            return;
        };
        let s = m
            .entry((method.to_string(), route.to_string(), status))
            .or_default();
        s.count += 1;
        s.sum += secs;
        for (i, b) in BUCKETS.iter().enumerate() {
            if secs <= *b {
                s.buckets[i] += 1;
            }
        }
    }

    /// Text format 0.0.4.
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str("# HELP gongyi_http_requests_total HTTP requests by method, route and status.\n# TYPE gongyi_http_requests_total counter\n");
        let Ok(m) = self.series.lock() else {
            return out;
        };
        for ((method, route, status), s) in m.iter() {
            out.push_str(&format!("gongyi_http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {}\n", s.count));
        }
        out.push_str("# HELP gongyi_http_request_duration_seconds HTTP request latency.\n# TYPE gongyi_http_request_duration_seconds histogram\n");
        for ((method, route, status), s) in m.iter() {
            let l = format!("method=\"{method}\",route=\"{route}\",status=\"{status}\"");
            for (i, b) in BUCKETS.iter().enumerate() {
                out.push_str(&format!(
                    "gongyi_http_request_duration_seconds_bucket{{{l},le=\"{b}\"}} {}\n",
                    s.buckets[i]
                ));
            }
            out.push_str(&format!(
                "gongyi_http_request_duration_seconds_bucket{{{l},le=\"+Inf\"}} {}\n",
                s.count
            ));
            out.push_str(&format!(
                "gongyi_http_request_duration_seconds_sum{{{l}}} {}\n",
                s.sum
            ));
            out.push_str(&format!(
                "gongyi_http_request_duration_seconds_count{{{l}}} {}\n",
                s.count
            ));
        }
        out
    }
}

/// The method as a label from a fixed set: hyper accepts any token as a method (500 KB ones
/// too), and a label per distinct method made every such request a new series kept until
/// restart (23 requests grew `/metrics` from 7 KB to 15 MB). Routes are bounded already: the
/// matched route template, or "unmatched".
fn method_label(m: &axum::http::Method) -> &'static str {
    use axum::http::Method;
    match *m {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Middleware: times every request and logs it.
pub async fn track(State(state): State<crate::AppState>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = method_label(req.method());
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let res = next.run(req).await;
    let secs = start.elapsed().as_secs_f64();
    let status = res.status().as_u16();
    tracing::debug!(%method, %route, status, ms = secs * 1000.0, "request");
    state.metrics.observe(method, &route, status, secs);
    res
}
