-- Daily background jobs (the credit job, the open-data extract) run once across all `serve`
-- processes on one database: the first process to insert (job, day) holds the run; a run
-- whose holder died unfinished may be taken over once `expires_at` has passed.
CREATE TABLE job_runs (
    job TEXT NOT NULL,
    day TEXT NOT NULL,
    holder TEXT NOT NULL,
    started_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    finished_at TEXT,
    outcome TEXT,
    PRIMARY KEY (job, day)
)
