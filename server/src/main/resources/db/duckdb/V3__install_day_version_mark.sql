-- rollup_install_day gains version_first: it marks one row per (day, install, version) (the one of
-- the first component type in name order), so that counting rows counts distinct installs per
-- version without a DISTINCT over install keys. Existing rows are marked in place: the rollups keep
-- the history whose raw records are already pruned.
ALTER TABLE rollup_install_day ADD COLUMN version_first BOOLEAN DEFAULT FALSE;
UPDATE rollup_install_day SET version_first = TRUE
  WHERE (day, context_key, version, component_type) IN (
    SELECT day, context_key, version, min(component_type) FROM rollup_install_day GROUP BY 1, 2, 3);
