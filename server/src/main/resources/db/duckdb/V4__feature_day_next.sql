-- rollup_feature_day gains, per row, the install's next day with the same event type: from any
-- component (next_any) and from the same component type (next_same); NULL when there is none yet.
-- A row is the last of its install and event type within a range [from, to] exactly when its day is
-- in the range and its next day is not, so the Features analysis picks each install's level for the
-- range with a filter instead of grouping every install-day (docs/analytics.md). Existing rows are
-- linked here; the refresh keeps new ones linked.
ALTER TABLE rollup_feature_day ADD COLUMN next_any DATE;
ALTER TABLE rollup_feature_day ADD COLUMN next_same DATE;
UPDATE rollup_feature_day SET next_any = n.next_day FROM (
  SELECT context_key, event_type, day,
         lead(day) OVER (PARTITION BY context_key, event_type ORDER BY day) AS next_day
  FROM (SELECT DISTINCT context_key, event_type, day FROM rollup_feature_day) d) n
WHERE rollup_feature_day.context_key = n.context_key AND rollup_feature_day.event_type = n.event_type
  AND rollup_feature_day.day = n.day;
UPDATE rollup_feature_day SET next_same = n.next_day FROM (
  SELECT context_key, event_type, component_type, day,
         lead(day) OVER (PARTITION BY context_key, event_type, component_type ORDER BY day) AS next_day
  FROM rollup_feature_day) n
WHERE rollup_feature_day.context_key = n.context_key AND rollup_feature_day.event_type = n.event_type
  AND rollup_feature_day.component_type = n.component_type AND rollup_feature_day.day = n.day;
