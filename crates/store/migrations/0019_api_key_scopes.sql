-- Per-partner API keys with scopes (issue 15): what a key opens (lookup, parts of the change
-- feed) and the area whose organizations its feed shows. Keys made before keep the lookup only
-- and the whole country.
ALTER TABLE api_keys ADD COLUMN scopes TEXT NOT NULL DEFAULT 'lookup';
ALTER TABLE api_keys ADD COLUMN division TEXT NOT NULL DEFAULT '100000'
