//! Per-client request budgets for the open lookup: a token bucket per client address (low
//! rate, open to anyone) or per partner API key (`X-Api-Key`, rate set when the key is created
//! with `gongyi admin create-api-key`). Over budget: 429 `rate_limited` with `Retry-After`.

use crate::error::ApiError;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use gongyi_types::ErrorCode;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

/// Requests per minute for a client without a key.
pub const ANONYMOUS_PER_MINUTE: u32 = 30;

/// Buckets beyond this many are pruned of full ones (bounded memory under address spraying).
const MAX_BUCKETS: usize = 100_000;

#[derive(Default)]
pub struct RateLimiter {
    buckets: Mutex<HashMap<String, Bucket>>,
}

struct Bucket {
    tokens: f64,
    at: Instant,
    capacity: f64,
    per_minute: f64,
}

impl Bucket {
    fn refill(&mut self, now: Instant) {
        let secs = now.saturating_duration_since(self.at).as_secs_f64();
        self.tokens = (self.tokens + secs * self.per_minute / 60.0).min(self.capacity);
        self.at = now;
    }
}

/// Refused: wait this many seconds.
#[derive(Debug)]
pub struct Limited {
    pub retry_after_secs: u64,
}

impl IntoResponse for Limited {
    fn into_response(self) -> Response {
        let mut res = ApiError::new(
            ErrorCode::RateLimited,
            format!(
                "请求过于频繁，请 {} 秒后再试；合作方可申请 API 密钥（X-Api-Key）获得更高频率",
                self.retry_after_secs
            ),
        )
        .into_response();
        if let Ok(v) = HeaderValue::from_str(&self.retry_after_secs.to_string()) {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        res
    }
}

impl RateLimiter {
    /// Takes one request from `client`'s budget of `per_minute` (burst: one minute's worth).
    pub fn take(&self, client: &str, per_minute: u32) -> Result<(), Limited> {
        self.take_rate(client, f64::from(per_minute.max(1)))
    }

    /// Takes one request from `client`'s budget of `per_hour` (burst: one hour's worth) — the
    /// complaint form's budget, where a handful an hour is what a person needs.
    pub fn take_hourly(&self, client: &str, per_hour: u32) -> Result<(), Limited> {
        let per_hour = f64::from(per_hour.max(1));
        self.take_bucket(client, per_hour, per_hour / 60.0)
    }

    fn take_rate(&self, client: &str, per_minute: f64) -> Result<(), Limited> {
        self.take_bucket(client, per_minute, per_minute)
    }

    /// A token bucket holding at most `capacity`, refilled at `per_minute`.
    fn take_bucket(&self, client: &str, capacity: f64, per_minute: f64) -> Result<(), Limited> {
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= MAX_BUCKETS {
            buckets.retain(|_, b| {
                b.refill(now);
                b.tokens < b.capacity
            });
        }
        let b = buckets.entry(client.to_string()).or_insert(Bucket {
            tokens: capacity,
            at: now,
            capacity,
            per_minute,
        });
        b.capacity = capacity;
        b.per_minute = per_minute;
        b.refill(now);
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            let secs = (1.0 - b.tokens) * 60.0 / per_minute;
            Err(Limited {
                retry_after_secs: secs.ceil().max(1.0) as u64,
            })
        }
    }
}
