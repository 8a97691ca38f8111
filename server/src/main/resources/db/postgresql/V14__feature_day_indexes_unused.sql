-- Features on PostgreSQL reads rollup_feature_levels since V10, so V8's covering indexes of each
-- install's latest feature-day row serve no query any more. They were the two largest indexes of the
-- largest rollup, and every refresh and first build wrote them. The refresh finds an install's rows
-- through rollup_feature_day_install, and a day's through rollup_feature_day_day; both stay.
DROP INDEX rollup_feature_day_latest_any, rollup_feature_day_latest_same;
