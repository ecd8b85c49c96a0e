//! The index handle shared by the server and the CLI: one writer behind a mutex, a reader
//! reloaded explicitly after each commit so a write is visible when its call returns.

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use tantivy::DocAddress;
use tantivy::directory::MmapDirectory;
use tantivy::schema::Term;
use tantivy::{
    Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, TantivyError,
};

use crate::abbreviation;
use crate::cache::{self, InFlight, ResultCache};
use crate::collector::{PageCollector, Ranking, score_of};
use crate::columns::ColumnCache;
use crate::credit_table;
use crate::doc::OrgDoc;
use crate::error::SearchError;
use crate::facets;
use crate::query::{SearchQuery, Sort};
use crate::results::{Hit, SearchResults};
use crate::schema::{self, Fields};
use crate::tokenizer;
use crate::word_query::WordQuery;
use gongyi_types::CreditStatus;

/// Indexing memory shared by the writer's threads, for the bulk commands (seed, import,
/// reindex): fewer, larger segments. Tantivy's arenas grow on demand, but memory once used
/// stays with the process (the allocator keeps it), so a long-running server uses
/// [`SERVE_WRITER_MEMORY_BYTES`] instead.
pub const WRITER_MEMORY_BYTES: usize = 1 << 30;

/// The server's indexing budget: its writes are edits, one organization at a time (the credit
/// job re-indexes nothing since the standing left the documents). Measured on 1,000,000
/// organizations: with the 1 GiB budget, a start-up credit job that re-indexed every
/// organization whose credit changed left the server at 1.25 GiB resident (issue 2 asks for
/// under 1 GiB).
pub const SERVE_WRITER_MEMORY_BYTES: usize = 96 << 20;

/// Size of the document store's compressed blocks (tantivy's default is 16 KiB). Every hit
/// shown decompresses the whole block holding its document, and hits are scattered: at
/// 16 KiB (about a hundred organizations) the twenty hits of a page cost more to read than
/// to find for most queries.
pub const DOCSTORE_BLOCK_BYTES: usize = 4096;

/// The commit payload's form: `applied-audit-id=42`.
pub(crate) const APPLIED_PREFIX: &str = "applied-audit-id=";

/// What the pending-writes marker says after an index of an older schema was emptied.
pub const SCHEMA_UPGRADE: &str = "schema upgrade";

/// Full-text index of the registry. `Send + Sync`; share it in an `Arc`.
pub struct SearchIndex {
    pub(crate) reader: IndexReader,
    writer: Mutex<IndexWriter>,
    pub(crate) fields: Fields,
    /// The index directory (`None` in memory), for the pending-writes marker.
    pub(crate) dir: Option<std::path::PathBuf>,
    cache: ResultCache,
    /// Cache misses being computed (see `cache.rs`).
    inflight: InFlight,
    /// Searches actually run (not answered by the cache), for `/metrics`.
    runs: AtomicU64,
    pub(crate) columns: ColumnCache,
    /// The last audit-log id whose change the index holds (every lower one too), or -1 when
    /// unknown; kept in each commit's payload so a restarted server resumes from it (see
    /// `gongyi_server::registry::follow`).
    pub(crate) applied: AtomicI64,
}

/// Threads for indexing and for searching segments in parallel: one per core, at most 8.
fn available_threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
}

impl SearchIndex {
    /// Opens the index in `dir` (memory-mapped), creating the directory and an empty index
    /// if needed.
    ///
    /// The index is derived data: one built by an older version with another schema is
    /// emptied and marked pending (see `pending.rs`), so the next `serve` rebuilds it from
    /// the database instead of refusing to start after an upgrade.
    pub fn open_or_create(dir: &Path) -> Result<Self, SearchError> {
        let dir_error = |source| SearchError::Directory {
            dir: dir.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(dir_error)?;
        let (schema, fields) = schema::build();
        let (index, upgraded) =
            match Index::open_or_create(MmapDirectory::open(dir)?, schema.clone()) {
                Err(TantivyError::SchemaError(_)) => {
                    std::fs::remove_dir_all(dir).map_err(dir_error)?;
                    std::fs::create_dir_all(dir).map_err(dir_error)?;
                    (Index::create_in_dir(dir, schema)?, true)
                }
                other => (other?, false),
            };
        let mut this = Self::with_index(index, fields)?;
        this.dir = Some(dir.to_path_buf());
        if upgraded {
            // Kept until a rebuild commits: `serve` finds it and rebuilds.
            drop(this.begin_pending(SCHEMA_UPGRADE)?);
        }
        Ok(this)
    }

    /// An index in RAM, for tests.
    pub fn in_memory() -> Result<Self, SearchError> {
        let (schema, fields) = schema::build();
        Self::with_index(Index::create_in_ram(schema), fields)
    }

    fn with_index(mut index: Index, fields: Fields) -> Result<Self, SearchError> {
        tokenizer::register(&index);
        // Segments written from now on (an existing index's too, as they are merged or
        // rebuilt) use the smaller blocks.
        index.settings_mut().docstore_blocksize = DOCSTORE_BLOCK_BYTES;
        let threads = available_threads();
        if threads > 1 {
            // Segments are searched in parallel: a query over 1M docs in two segments takes
            // about half the time.
            index.set_multithread_executor(threads)?;
        }
        let writer = index.writer_with_num_threads(threads, WRITER_MEMORY_BYTES)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let applied = index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| p.strip_prefix(APPLIED_PREFIX)?.parse::<i64>().ok())
            .unwrap_or(-1);
        Ok(Self {
            applied: AtomicI64::new(applied),
            reader,
            writer: Mutex::new(writer),
            fields,
            dir: None,
            cache: ResultCache::new(cache::DEFAULT_CAPACITY),
            inflight: InFlight::default(),
            runs: AtomicU64::new(0),
            columns: ColumnCache::default(),
        })
    }

    /// The same index with an indexing budget of `bytes` (at least 15 MB per thread, as
    /// tantivy requires): the writer is closed and reopened.
    pub fn with_writer_memory(self, bytes: usize) -> Result<Self, SearchError> {
        let threads = available_threads();
        let bytes = bytes.max(threads * (16 << 20));
        let old = self
            .writer
            .into_inner()
            .map_err(|_| SearchError::WriterPoisoned)?;
        let index = old.index().clone();
        // Only one writer may hold the index's lock: wait for the old one's threads first.
        old.wait_merging_threads()?;
        let writer = index.writer_with_num_threads(threads, bytes)?;
        Ok(Self {
            writer: Mutex::new(writer),
            ..self
        })
    }

    /// Keeps the results of up to `capacity` recent searches until the next commit (see
    /// `cache.rs`); 0 turns the cache off, e.g. to measure the cost of every search.
    pub fn with_result_cache(mut self, capacity: usize) -> Self {
        self.cache = ResultCache::new(capacity);
        self
    }

    /// Searches run so far (those the result cache did not answer).
    pub fn searches_run(&self) -> u64 {
        self.runs.load(Ordering::Relaxed)
    }

    /// Entries the result cache may hold (0: off).
    pub fn result_cache_capacity(&self) -> usize {
        self.cache.capacity()
    }

    pub(crate) fn writer(&self) -> Result<MutexGuard<'_, IndexWriter>, SearchError> {
        self.writer.lock().map_err(|_| SearchError::WriterPoisoned)
    }

    /// Commits what `write` staged and makes it visible; on failure, drops it all.
    pub(crate) fn commit_with(
        &self,
        writer: &mut IndexWriter,
        write: impl FnOnce(&mut IndexWriter) -> Result<(), SearchError>,
    ) -> Result<(), SearchError> {
        let staged = write(writer).and_then(|()| {
            let mut commit = writer.prepare_commit()?;
            let applied = self.applied.load(Ordering::Acquire);
            if applied >= 0 {
                commit.set_payload(&format!("{APPLIED_PREFIX}{applied}"));
            }
            Ok(commit.commit().map(drop)?)
        });
        if let Err(e) = staged {
            // Best effort: the error to report is the first one.
            let _ = writer.rollback();
            return Err(e);
        }
        self.reader.reload()?;
        Ok(())
    }

    /// Replaces the whole content with `docs`, atomically: searches see the old content
    /// until the new one is committed. Returns the number of documents indexed.
    ///
    /// The segments are not merged afterwards: with one segment per indexing thread, a
    /// search runs them in parallel, and merging 1M docs would add half a minute.
    pub fn rebuild(&self, docs: impl Iterator<Item = OrgDoc>) -> Result<u64, SearchError> {
        let mut writer = self.writer()?;
        let mut count = 0u64;
        let mut credits = Vec::new();
        self.commit_with(&mut writer, |w| {
            w.delete_all_documents()?;
            for doc in docs {
                w.add_document(doc.to_document(&self.fields))?;
                // Good standing is not kept (`CreditTable::replace` leaves it out).
                if doc.credit != CreditStatus::Normal {
                    credits.extend(credit_table::entry(&doc.uscc, doc.credit));
                }
                count += 1;
            }
            Ok(())
        })?;
        let mut table = self.columns.credit_mut();
        table.replace(credits);
        self.columns.clear();
        drop(table);
        Ok(count)
    }

    /// Adds or replaces (by uscc) one organization; visible to searches on return.
    pub fn upsert(&self, doc: &OrgDoc) -> Result<(), SearchError> {
        self.upsert_many(std::slice::from_ref(doc))
    }

    /// Adds or replaces several organizations in one commit.
    pub fn upsert_many(&self, docs: &[OrgDoc]) -> Result<(), SearchError> {
        let mut writer = self.writer()?;
        self.commit_with(&mut writer, |w| {
            for doc in docs {
                w.delete_term(Term::from_field_text(self.fields.uscc, &doc.uscc));
                w.add_document(doc.to_document(&self.fields))?;
            }
            Ok(())
        })?;
        drop(writer);
        self.note_credits(docs)
    }

    /// Adds or replaces (by uscc) every organization of `docs` in one commit at the end, for
    /// bulk loads (`import`, `seed` onto existing data): a commit per batch would flush many
    /// small segments and keep the merge thread busy (half the CPU of a 100k-row import).
    /// Returns the number of documents indexed.
    pub fn upsert_all(&self, docs: impl Iterator<Item = OrgDoc>) -> Result<u64, SearchError> {
        let mut writer = self.writer()?;
        let mut count = 0u64;
        let mut credits = Vec::new();
        self.commit_with(&mut writer, |w| {
            for doc in docs {
                w.delete_term(Term::from_field_text(self.fields.uscc, &doc.uscc));
                w.add_document(doc.to_document(&self.fields))?;
                credits.extend(credit_table::entry(&doc.uscc, doc.credit));
                count += 1;
            }
            Ok(())
        })?;
        drop(writer);
        self.apply_credits(credits)?;
        Ok(count)
    }

    /// Removes the organization with this code (no error if absent).
    pub fn delete(&self, uscc: &str) -> Result<(), SearchError> {
        let mut writer = self.writer()?;
        self.commit_with(&mut writer, |w| {
            w.delete_term(Term::from_field_text(self.fields.uscc, uscc));
            Ok(())
        })?;
        drop(writer);
        self.set_credit_standings(&[(uscc.to_string(), CreditStatus::Normal)])
    }

    /// Documents visible to searches.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// One page of results with the exact total and facets. Served from the result cache
    /// when the same query ran on the same index generation.
    pub fn search(&self, q: &SearchQuery) -> Result<Arc<SearchResults>, SearchError> {
        let searcher = self.reader.searcher();
        // Read before searching: a credit change during the search makes its results stale.
        let version = (
            searcher.generation().generation_id(),
            self.columns.credit_epoch(),
        );
        let key = cache::key(q);
        if let Some(hit) = self.cache.get(version, &key) {
            return Ok(hit);
        }
        // With the cache on, one search per query at a time; the others wait for its result.
        let turn = (self.cache.capacity() > 0).then(|| self.inflight.enter(&key));
        let _held = turn.as_ref().map(|t| t.hold());
        if let Some(hit) = self.cache.get(version, &key) {
            return Ok(hit);
        }
        self.columns.retain_live(&searcher);
        self.runs.fetch_add(1, Ordering::Relaxed);
        let results = Arc::new(self.run(&searcher, q)?);
        self.cache.put(version, key, results.clone());
        Ok(results)
    }

    fn run(&self, searcher: &Searcher, q: &SearchQuery) -> Result<SearchResults, SearchError> {
        let (query, ranking) = q.to_query(&self.fields);
        let (offset, limit) = q.window();
        let collector = PageCollector::for_query(q, ranking, &self.columns);
        let page = match query.downcast_ref::<WordQuery>() {
            Some(words) => collector.collect_words(searcher, &words.word_weight(searcher)?)?,
            None => searcher.search(&*query, &collector)?,
        };
        let mut hits = page
            .top
            .iter()
            .skip(offset)
            .take(limit)
            .map(|&(key, address)| {
                let doc: TantivyDocument = searcher.doc(address)?;
                let score = if ranking == Ranking::Relevance {
                    score_of(key)
                } else {
                    0.0
                };
                let columns = self
                    .columns
                    .get(searcher.segment_reader(address.segment_ord))?;
                let credit = facets::credit_of(columns.facet_bits(address.doc_id));
                Hit::from_stored(&doc, &self.fields, credit, score)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut total = page.counts.total();
        // Fewer exact matches than a page: the words may be an abbreviation (简称), whose
        // matches follow the exact ones on the first page (and count in the total).
        if q.page() == 1
            && q.sort == Sort::Relevance
            && hits.len() < limit
            && let Some(abbr) = q.q.as_deref().and_then(abbreviation::typed)
        {
            let exact: HashSet<DocAddress> = page.top.iter().map(|(_, a)| *a).collect();
            let more =
                abbreviation::find(searcher, &self.fields, q, &abbr, &exact, limit - hits.len())?;
            for address in more {
                let columns = self
                    .columns
                    .get(searcher.segment_reader(address.segment_ord))?;
                let credit = facets::credit_of(columns.facet_bits(address.doc_id));
                if q.credit.is_some_and(|c| facets::credit_ord(c) != credit) {
                    continue;
                }
                let doc: TantivyDocument = searcher.doc(address)?;
                let mut hit = Hit::from_stored(&doc, &self.fields, credit, 0.0)?;
                hit.by_abbreviation = true;
                hits.push(hit);
                total += 1;
            }
        }
        Ok(SearchResults {
            total,
            page: q.page(),
            per_page: q.per_page(),
            hits,
            facets: page.counts.decode(),
        })
    }
}
