//! What every handler can reach: the store, the search index, the clock, config, metrics.

use crate::auth::throttle::LoginThrottle;
use crate::clock::Clock;
use crate::config::Config;
use crate::metrics::Metrics;
use gongyi_search::SearchIndex;
use gongyi_store::Store;
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
    pub lookup_limiter: Arc<crate::api::rate_limit::RateLimiter>,
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
    /// The current time in the store's timestamp format.
    pub fn now_str(&self) -> String {
        gongyi_store::timestamp(self.clock.now())
    }
}
