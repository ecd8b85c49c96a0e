//! What every handler can reach: the store, the search index, the clock, config, metrics.

use crate::auth::throttle::LoginThrottle;
use crate::platform::clock::Clock;
use crate::platform::config::Config;
use crate::platform::metrics::Metrics;
use gongyi_search::SearchIndex;
use gongyi_store::Store;
use gongyi_types::ErrorCode;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub search: Arc<SearchIndex>,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<Config>,
    pub metrics: Arc<Metrics>,
    pub throttle: Arc<LoginThrottle>,
    /// The node's transparency log (`None`: this node keeps no ledger).
    pub ledger: Option<Arc<crate::ledger::LedgerHandle>>,
    /// This node as a witness of other logs (`None`: it witnesses none).
    pub witness: Option<Arc<crate::ledger::WitnessHandle>>,
    /// Registered names and the illegal-organization list in memory (lookup, screening).
    pub legitimacy: Arc<crate::legitimacy::Legitimacy>,
    /// Request budgets of `POST /api/v1/lookup` per address and per API key.
    pub lookup_limiter: Arc<crate::platform::rate_limit::RateLimiter>,
    /// Budgets of `POST /api/v1/complaints` and the complaint form per address.
    pub complaint_limiter: Arc<crate::platform::rate_limit::RateLimiter>,
    /// The electronic archive of uploaded files (`None`: this node accepts no uploads).
    pub archive: Option<Arc<crate::platform::archive::Archive>>,
    /// The open-data extracts served at `/data/` (`None`: this node publishes none).
    pub open_data: Option<Arc<crate::exchange::OpenData>>,
    /// The day's data-quality report, computed on the first view of the day.
    pub quality: Arc<crate::quality::ReportCache>,
}

impl AppState {
    pub fn new(
        store: Store,
        search: Arc<SearchIndex>,
        clock: Arc<dyn Clock>,
        config: Config,
    ) -> Self {
        Self {
            store,
            search,
            clock,
            config: Arc::new(config),
            metrics: Arc::new(Metrics::default()),
            throttle: Arc::new(LoginThrottle::default()),
            ledger: None,
            witness: None,
            legitimacy: Arc::default(),
            lookup_limiter: Arc::default(),
            complaint_limiter: Arc::default(),
            archive: None,
            open_data: None,
            quality: Arc::default(),
        }
    }
    /// The same state with a transparency log.
    pub fn with_ledger(mut self, ledger: Arc<crate::ledger::LedgerHandle>) -> Self {
        self.ledger = Some(ledger);
        self
    }
    /// The same state, witnessing other logs.
    pub fn with_witness(mut self, witness: Arc<crate::ledger::WitnessHandle>) -> Self {
        self.witness = Some(witness);
        self
    }
    /// The same state, keeping uploads in `archive`.
    pub fn with_archive(mut self, archive: Arc<crate::platform::archive::Archive>) -> Self {
        self.archive = Some(archive);
        self
    }
    /// The same state, publishing open data from `open_data`.
    pub fn with_open_data(mut self, open_data: crate::exchange::OpenData) -> Self {
        self.open_data = Some(Arc::new(open_data));
        self
    }
    /// The archive, or a 503 on a node started without one.
    pub fn archive(&self) -> Result<&crate::platform::archive::Archive, crate::error::ApiError> {
        self.archive.as_deref().ok_or_else(|| {
            crate::error::ApiError::new(
                ErrorCode::ArchiveUnavailable,
                "本节点未配置电子档案，不能接收附件",
            )
        })
    }
    /// The current time in the store's timestamp format.
    pub fn now_str(&self) -> String {
        gongyi_store::timestamp(self.clock.now())
    }
}
