-- Every statement shape the service sends to this database, written by
-- npm run sql:update from the code; checked by committed-sql.spec.ts.

-- GET /stats: all customers, a few days, per day: the page's bound
-- parameters: ["2026-03-01",333,"2026-03-02",333,"2026-03-03",333]
SELECT customer_id, type FROM (SELECT customer_id, type FROM (SELECT customer_id, type FROM daily_statistics
  WHERE stat_date = ?
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p0
UNION ALL
SELECT customer_id, type FROM (SELECT customer_id, type FROM daily_statistics
  WHERE stat_date = ?
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p1
UNION ALL
SELECT customer_id, type FROM (SELECT customer_id, type FROM daily_statistics
  WHERE stat_date = ?
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p2) AS bounds
ORDER BY customer_id, type
LIMIT 1;

-- GET /stats: all customers, a few days, per day: the page, bounded
-- parameters: ["2026-03-01","2026-03-02","2026-03-03",9,9,"B",1000]
SELECT customer_id, type, stat_date, SUM(message_count) AS message_count, CAST(SUM(total_amount_milli >> 32) AS TEXT) AS total_amount_milli_high, CAST(SUM(total_amount_milli & 4294967295) AS TEXT) AS total_amount_milli_low
FROM daily_statistics
WHERE stat_date IN (?, ?, ?) AND (customer_id < ? OR (customer_id = ? AND type <= ?))
GROUP BY customer_id, type, stat_date
ORDER BY customer_id, type, stat_date
LIMIT ?;

-- GET /stats: all customers, a quarter, per day: the page's bound
-- parameters: ["2026-01-01",11,"2026-01-21",11,"2026-02-11",11,"2026-03-03",11]
SELECT customer_id, type FROM (SELECT customer_id, type FROM (SELECT customer_id, type FROM daily_statistics
  WHERE stat_date = ?
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p0
UNION ALL
SELECT customer_id, type FROM (SELECT customer_id, type FROM daily_statistics
  WHERE stat_date = ?
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p1
UNION ALL
SELECT customer_id, type FROM (SELECT customer_id, type FROM daily_statistics
  WHERE stat_date = ?
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p2
UNION ALL
SELECT customer_id, type FROM (SELECT customer_id, type FROM daily_statistics
  WHERE stat_date = ?
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p3) AS bounds
ORDER BY customer_id, type
LIMIT 1;

-- GET /stats: all customers, a quarter, per day: the page, bounded
-- parameters: ["2026-01-01","2026-03-31",9,9,"B",1000]
SELECT customer_id, type, stat_date, SUM(message_count) AS message_count, CAST(SUM(total_amount_milli >> 32) AS TEXT) AS total_amount_milli_high, CAST(SUM(total_amount_milli & 4294967295) AS TEXT) AS total_amount_milli_low
FROM daily_statistics
WHERE stat_date BETWEEN ? AND ? AND (customer_id < ? OR (customer_id = ? AND type <= ?))
GROUP BY customer_id, type, stat_date
ORDER BY customer_id, type, stat_date
LIMIT ?;

-- GET /stats: one customer, a few days, totals
-- parameters: ["2026-03-01","2026-03-02","2026-03-03",7,1000]
SELECT customer_id, type, SUM(message_count) AS message_count, CAST(SUM(total_amount_milli >> 32) AS TEXT) AS total_amount_milli_high, CAST(SUM(total_amount_milli & 4294967295) AS TEXT) AS total_amount_milli_low
FROM daily_statistics
WHERE stat_date IN (?, ?, ?) AND customer_id = ?
GROUP BY customer_id, type
ORDER BY customer_id, type
LIMIT ?;

-- GET /stats: all customers, a year, totals: the page's bound
-- parameters: ["2026-01-01",999]
SELECT customer_id, type FROM (SELECT customer_id, type FROM (SELECT customer_id, type FROM yearly_statistics
  WHERE stat_year = ?
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p0) AS bounds
ORDER BY customer_id, type
LIMIT 1;

-- GET /stats: all customers, a year, totals: the page, bounded
-- parameters: ["2026-01-01",9,9,"B",1000]
SELECT customer_id, type, SUM(message_count) AS message_count, CAST(SUM(total_amount_milli >> 32) AS TEXT) AS total_amount_milli_high, CAST(SUM(total_amount_milli & 4294967295) AS TEXT) AS total_amount_milli_low
FROM yearly_statistics WHERE stat_year IN (?) AND (customer_id < ? OR (customer_id = ? AND type <= ?))
GROUP BY customer_id, type
HAVING SUM(message_count) > 0
ORDER BY customer_id, type
LIMIT ?;

-- GET /stats: all customers, a ragged year, totals: the page's bound
-- parameters: ["2026-01-01",999]
SELECT customer_id, type FROM (SELECT customer_id, type FROM (SELECT customer_id, type FROM yearly_statistics
  WHERE stat_year = ?
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p0) AS bounds
ORDER BY customer_id, type
LIMIT 1;

-- GET /stats: all customers, a ragged year, totals: the page, bounded
-- parameters: ["2026-01-01",9,9,"B","2026-01-01","2026-12-31",9,9,"B",1000]
SELECT customer_id, type, SUM(n) AS message_count, CAST(SUM(t_high) AS TEXT) AS total_amount_milli_high, CAST(SUM(t_low) AS TEXT) AS total_amount_milli_low
FROM (SELECT customer_id, type, SUM(message_count) AS n, SUM(total_amount_milli >> 32) AS t_high, SUM(total_amount_milli & 4294967295) AS t_low
FROM yearly_statistics WHERE stat_year IN (?) AND (customer_id < ? OR (customer_id = ? AND type <= ?))
GROUP BY customer_id, type
UNION ALL
SELECT customer_id, type, -SUM(message_count) AS n, -SUM(total_amount_milli >> 32) AS t_high, -SUM(total_amount_milli & 4294967295) AS t_low
FROM daily_statistics WHERE stat_date IN (?, ?) AND (customer_id < ? OR (customer_id = ? AND type <= ?))
GROUP BY customer_id, type) AS covered
GROUP BY customer_id, type
HAVING SUM(n) > 0
ORDER BY customer_id, type
LIMIT ?;

-- GET /stats: one customer and type, months and edge days, totals
-- parameters: ["2026-01-01","2026-02-01","2026-03-01",7,"A","2026-04-01","2026-04-02","2026-04-03","2026-04-04","2026-04-05","2026-04-06","2026-04-07","2026-04-08","2026-04-09","2026-04-10",7,"A","2026-01-01","2026-01-02","2026-01-03","2026-01-04","2026-01-05","2026-01-06","2026-01-07","2026-01-08","2026-01-09","2026-01-10","2026-01-11","2026-01-12","2026-01-13","2026-01-14",7,"A",1000]
SELECT customer_id, type, SUM(n) AS message_count, CAST(SUM(t_high) AS TEXT) AS total_amount_milli_high, CAST(SUM(t_low) AS TEXT) AS total_amount_milli_low
FROM (SELECT customer_id, type, SUM(message_count) AS n, SUM(total_amount_milli >> 32) AS t_high, SUM(total_amount_milli & 4294967295) AS t_low
FROM monthly_statistics WHERE stat_month IN (?, ?, ?) AND customer_id = ? AND type = ?
GROUP BY customer_id, type
UNION ALL
SELECT customer_id, type, SUM(message_count) AS n, SUM(total_amount_milli >> 32) AS t_high, SUM(total_amount_milli & 4294967295) AS t_low
FROM daily_statistics WHERE stat_date IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) AND customer_id = ? AND type = ?
GROUP BY customer_id, type
UNION ALL
SELECT customer_id, type, -SUM(message_count) AS n, -SUM(total_amount_milli >> 32) AS t_high, -SUM(total_amount_milli & 4294967295) AS t_low
FROM daily_statistics WHERE stat_date IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) AND customer_id = ? AND type = ?
GROUP BY customer_id, type) AS covered
GROUP BY customer_id, type
HAVING SUM(n) > 0
ORDER BY customer_id, type
LIMIT ?;

-- GET /stats: all customers, two years, per month: the page's bound
-- parameters: ["2025-01-01",41,"2025-09-01",41,"2026-04-01",41,"2026-12-01",41]
SELECT customer_id, type FROM (SELECT customer_id, type FROM (SELECT customer_id, type FROM monthly_statistics
  WHERE stat_month = ?
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p0
UNION ALL
SELECT customer_id, type FROM (SELECT customer_id, type FROM monthly_statistics
  WHERE stat_month = ?
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p1
UNION ALL
SELECT customer_id, type FROM (SELECT customer_id, type FROM monthly_statistics
  WHERE stat_month = ?
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p2
UNION ALL
SELECT customer_id, type FROM (SELECT customer_id, type FROM monthly_statistics
  WHERE stat_month = ?
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p3) AS bounds
ORDER BY customer_id, type
LIMIT 1;

-- GET /stats: all customers, two years, per month: the page, bounded
-- parameters: ["2025-01-01","2025-02-01","2025-03-01","2025-04-01","2025-05-01","2025-06-01","2025-07-01","2025-08-01","2025-09-01","2025-10-01","2025-11-01","2025-12-01","2026-01-01","2026-02-01","2026-03-01","2026-04-01","2026-05-01","2026-06-01","2026-07-01","2026-08-01","2026-09-01","2026-10-01","2026-11-01","2026-12-01",9,9,"B",1000]
SELECT customer_id, type, stat_month AS month, SUM(message_count) AS message_count, CAST(SUM(total_amount_milli >> 32) AS TEXT) AS total_amount_milli_high, CAST(SUM(total_amount_milli & 4294967295) AS TEXT) AS total_amount_milli_low
FROM monthly_statistics WHERE stat_month IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) AND (customer_id < ? OR (customer_id = ? AND type <= ?))
GROUP BY customer_id, type, stat_month
HAVING SUM(message_count) > 0
ORDER BY customer_id, type, month
LIMIT ?;

-- GET /stats: all customers, ragged months, per month, after a key: the page's bound
-- parameters: ["2026-01-01",7,7,"A",249,"2026-02-01",7,7,"A",249,"2026-03-01",7,7,"A",249]
SELECT customer_id, type FROM (SELECT customer_id, type FROM (SELECT customer_id, type FROM monthly_statistics
  WHERE stat_month = ? AND (customer_id > ? OR (customer_id = ? AND type > ?))
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p0
UNION ALL
SELECT customer_id, type FROM (SELECT customer_id, type FROM monthly_statistics
  WHERE stat_month = ? AND (customer_id > ? OR (customer_id = ? AND type > ?))
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p1
UNION ALL
SELECT customer_id, type FROM (SELECT customer_id, type FROM monthly_statistics
  WHERE stat_month = ? AND (customer_id > ? OR (customer_id = ? AND type > ?))
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p2) AS bounds
ORDER BY customer_id, type
LIMIT 1;

-- GET /stats: all customers, ragged months, per month, after a key: the page, bounded
-- parameters: ["2026-01-01","2026-02-01","2026-03-01",7,7,"A","A","2026-02-01",9,9,"B","2026-04-01","2026-04-02","2026-04-03","2026-04-04","2026-04-05","2026-04-06","2026-04-07","2026-04-08","2026-04-09","2026-04-10",7,7,"A","A","2026-02-01",9,9,"B","2026-01-01","2026-01-02","2026-01-03","2026-01-04","2026-01-05","2026-01-06","2026-01-07","2026-01-08","2026-01-09","2026-01-10","2026-01-11","2026-01-12","2026-01-13","2026-01-14",7,7,"A","A","2026-02-01",9,9,"B",1000]
SELECT customer_id, type, month, SUM(n) AS message_count, CAST(SUM(t_high) AS TEXT) AS total_amount_milli_high, CAST(SUM(t_low) AS TEXT) AS total_amount_milli_low
FROM (SELECT customer_id, type, stat_month AS month, SUM(message_count) AS n, SUM(total_amount_milli >> 32) AS t_high, SUM(total_amount_milli & 4294967295) AS t_low
FROM monthly_statistics WHERE stat_month IN (?, ?, ?) AND (customer_id > ? OR (customer_id = ? AND (type > ? OR (type = ? AND stat_month > ?)))) AND (customer_id < ? OR (customer_id = ? AND type <= ?))
GROUP BY customer_id, type, stat_month
UNION ALL
SELECT customer_id, type, strftime('%Y-%m-01', stat_date) AS month, SUM(message_count) AS n, SUM(total_amount_milli >> 32) AS t_high, SUM(total_amount_milli & 4294967295) AS t_low
FROM daily_statistics WHERE stat_date IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) AND (customer_id > ? OR (customer_id = ? AND (type > ? OR (type = ? AND strftime('%Y-%m-01', stat_date) > ?)))) AND (customer_id < ? OR (customer_id = ? AND type <= ?))
GROUP BY customer_id, type, strftime('%Y-%m-01', stat_date)
UNION ALL
SELECT customer_id, type, strftime('%Y-%m-01', stat_date) AS month, -SUM(message_count) AS n, -SUM(total_amount_milli >> 32) AS t_high, -SUM(total_amount_milli & 4294967295) AS t_low
FROM daily_statistics WHERE stat_date IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) AND (customer_id > ? OR (customer_id = ? AND (type > ? OR (type = ? AND strftime('%Y-%m-01', stat_date) > ?)))) AND (customer_id < ? OR (customer_id = ? AND type <= ?))
GROUP BY customer_id, type, strftime('%Y-%m-01', stat_date)) AS covered
GROUP BY customer_id, type, month
HAVING SUM(n) > 0
ORDER BY customer_id, type, month
LIMIT ?;

-- GET /stats: all customers, a few days, per day, after a key: the page's bound
-- parameters: ["2026-03-01",7,7,"A",333,"2026-03-02",7,7,"A",333,"2026-03-03",7,7,"A",333]
SELECT customer_id, type FROM (SELECT customer_id, type FROM (SELECT customer_id, type FROM daily_statistics
  WHERE stat_date = ? AND (customer_id > ? OR (customer_id = ? AND type > ?))
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p0
UNION ALL
SELECT customer_id, type FROM (SELECT customer_id, type FROM daily_statistics
  WHERE stat_date = ? AND (customer_id > ? OR (customer_id = ? AND type > ?))
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p1
UNION ALL
SELECT customer_id, type FROM (SELECT customer_id, type FROM daily_statistics
  WHERE stat_date = ? AND (customer_id > ? OR (customer_id = ? AND type > ?))
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p2) AS bounds
ORDER BY customer_id, type
LIMIT 1;

-- GET /stats: all customers, a few days, per day, after a key: the page, bounded
-- parameters: ["2026-03-01","2026-03-02","2026-03-03",7,7,"A","A","2026-03-02",9,9,"B",1000]
SELECT customer_id, type, stat_date, SUM(message_count) AS message_count, CAST(SUM(total_amount_milli >> 32) AS TEXT) AS total_amount_milli_high, CAST(SUM(total_amount_milli & 4294967295) AS TEXT) AS total_amount_milli_low
FROM daily_statistics
WHERE stat_date IN (?, ?, ?) AND (customer_id > ? OR (customer_id = ? AND (type > ? OR (type = ? AND stat_date > ?)))) AND (customer_id < ? OR (customer_id = ? AND type <= ?))
GROUP BY customer_id, type, stat_date
ORDER BY customer_id, type, stat_date
LIMIT ?;

-- GET /stats: all customers, a month in Asia/Kolkata, totals: the page's bound
-- parameters: ["2026-03-01",999]
SELECT customer_id, type FROM (SELECT customer_id, type FROM (SELECT customer_id, type FROM monthly_statistics
  WHERE stat_month = ?
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p0) AS bounds
ORDER BY customer_id, type
LIMIT 1;

-- GET /stats: all customers, a month in Asia/Kolkata, totals: the page, bounded
-- parameters: ["2026-03-01",9,9,"B","2026-02-28",74,95,9,9,"B","2026-03-31",74,95,9,9,"B",1000]
SELECT customer_id, type, SUM(n) AS message_count, CAST(SUM(t_high) AS TEXT) AS total_amount_milli_high, CAST(SUM(t_low) AS TEXT) AS total_amount_milli_low
FROM (SELECT customer_id, type, SUM(message_count) AS n, SUM(total_amount_milli >> 32) AS t_high, SUM(total_amount_milli & 4294967295) AS t_low
FROM monthly_statistics WHERE stat_month IN (?) AND (customer_id < ? OR (customer_id = ? AND type <= ?))
GROUP BY customer_id, type
UNION ALL
SELECT customer_id, type, SUM(message_count) AS n, SUM(total_amount_milli >> 32) AS t_high, SUM(total_amount_milli & 4294967295) AS t_low
FROM quarter_hour_statistics WHERE ((stat_date IN (?) AND quarter BETWEEN ? AND ?)) AND (customer_id < ? OR (customer_id = ? AND type <= ?))
GROUP BY customer_id, type
UNION ALL
SELECT customer_id, type, -SUM(message_count) AS n, -SUM(total_amount_milli >> 32) AS t_high, -SUM(total_amount_milli & 4294967295) AS t_low
FROM quarter_hour_statistics WHERE ((stat_date IN (?) AND quarter BETWEEN ? AND ?)) AND (customer_id < ? OR (customer_id = ? AND type <= ?))
GROUP BY customer_id, type) AS covered
GROUP BY customer_id, type
HAVING SUM(n) > 0
ORDER BY customer_id, type
LIMIT ?;

-- GET /stats: one customer, a year in Europe/Rome, per month
-- parameters: ["2026-01-01","2026-02-01","2026-03-01","2026-04-01","2026-05-01","2026-06-01","2026-07-01","2026-08-01","2026-09-01","2026-10-01","2026-11-01","2026-12-01",7,"2025-12-31","2026-01-31","2026-02-28","2026-10-31","2026-11-30",92,93,94,95,"2026-03-31","2026-04-30","2026-05-31","2026-06-30","2026-07-31","2026-08-31","2026-09-30",88,89,90,91,92,93,94,95,7,"2026-01-31","2026-02-28","2026-10-31","2026-11-30","2026-12-31",92,93,94,95,"2026-03-31","2026-04-30","2026-05-31","2026-06-30","2026-07-31","2026-08-31","2026-09-30",88,89,90,91,92,93,94,95,7,1000]
SELECT customer_id, type, month, SUM(n) AS message_count, CAST(SUM(t_high) AS TEXT) AS total_amount_milli_high, CAST(SUM(t_low) AS TEXT) AS total_amount_milli_low
FROM (SELECT customer_id, type, stat_month AS month, SUM(message_count) AS n, SUM(total_amount_milli >> 32) AS t_high, SUM(total_amount_milli & 4294967295) AS t_low
FROM monthly_statistics WHERE stat_month IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) AND customer_id = ?
GROUP BY customer_id, type, stat_month
UNION ALL
SELECT customer_id, type, strftime('%Y-%m-01', date(stat_date, '+1 days')) AS month, SUM(message_count) AS n, SUM(total_amount_milli >> 32) AS t_high, SUM(total_amount_milli & 4294967295) AS t_low
FROM quarter_hour_statistics WHERE ((stat_date IN (?, ?, ?, ?, ?) AND quarter IN (?, ?, ?, ?)) OR (stat_date IN (?, ?, ?, ?, ?, ?, ?) AND quarter IN (?, ?, ?, ?, ?, ?, ?, ?))) AND customer_id = ?
GROUP BY customer_id, type, strftime('%Y-%m-01', date(stat_date, '+1 days'))
UNION ALL
SELECT customer_id, type, strftime('%Y-%m-01', stat_date) AS month, -SUM(message_count) AS n, -SUM(total_amount_milli >> 32) AS t_high, -SUM(total_amount_milli & 4294967295) AS t_low
FROM quarter_hour_statistics WHERE ((stat_date IN (?, ?, ?, ?, ?) AND quarter IN (?, ?, ?, ?)) OR (stat_date IN (?, ?, ?, ?, ?, ?, ?) AND quarter IN (?, ?, ?, ?, ?, ?, ?, ?))) AND customer_id = ?
GROUP BY customer_id, type, strftime('%Y-%m-01', stat_date)) AS covered
GROUP BY customer_id, type, month
HAVING SUM(n) > 0
ORDER BY customer_id, type, month
LIMIT ?;

-- GET /stats: all customers, a week in America/New_York across its spring-forward day, per day, after a key: the page's bound
-- parameters: ["2026-03-05",7,7,"A",142,"2026-03-07",7,7,"A",142,"2026-03-09",7,7,"A",142,"2026-03-11",7,7,"A",142]
SELECT customer_id, type FROM (SELECT customer_id, type FROM (SELECT customer_id, type FROM daily_statistics
  WHERE stat_date = ? AND (customer_id > ? OR (customer_id = ? AND type > ?))
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p0
UNION ALL
SELECT customer_id, type FROM (SELECT customer_id, type FROM daily_statistics
  WHERE stat_date = ? AND (customer_id > ? OR (customer_id = ? AND type > ?))
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p1
UNION ALL
SELECT customer_id, type FROM (SELECT customer_id, type FROM daily_statistics
  WHERE stat_date = ? AND (customer_id > ? OR (customer_id = ? AND type > ?))
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p2
UNION ALL
SELECT customer_id, type FROM (SELECT customer_id, type FROM daily_statistics
  WHERE stat_date = ? AND (customer_id > ? OR (customer_id = ? AND type > ?))
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p3) AS bounds
ORDER BY customer_id, type
LIMIT 1;

-- GET /stats: all customers, a week in America/New_York across its spring-forward day, per day, after a key: the page, bounded
-- parameters: ["2026-03-05","2026-03-06","2026-03-07","2026-03-08","2026-03-09","2026-03-10","2026-03-11",7,7,"A","A","2026-03-08",9,9,"B","2026-03-05","2026-03-06","2026-03-07","2026-03-08",0,19,"2026-03-09","2026-03-10","2026-03-11",0,15,7,7,"A","A","2026-03-08",9,9,"B","2026-03-06","2026-03-07","2026-03-08",0,19,"2026-03-09","2026-03-10","2026-03-11","2026-03-12",0,15,7,7,"A","A","2026-03-08",9,9,"B",1000]
SELECT customer_id, type, stat_date, SUM(n) AS message_count, CAST(SUM(t_high) AS TEXT) AS total_amount_milli_high, CAST(SUM(t_low) AS TEXT) AS total_amount_milli_low
FROM (SELECT customer_id, type, stat_date AS stat_date, SUM(message_count) AS n, SUM(total_amount_milli >> 32) AS t_high, SUM(total_amount_milli & 4294967295) AS t_low
FROM daily_statistics WHERE stat_date IN (?, ?, ?, ?, ?, ?, ?) AND (customer_id > ? OR (customer_id = ? AND (type > ? OR (type = ? AND stat_date > ?)))) AND (customer_id < ? OR (customer_id = ? AND type <= ?))
GROUP BY customer_id, type, stat_date
UNION ALL
SELECT customer_id, type, stat_date AS stat_date, -SUM(message_count) AS n, -SUM(total_amount_milli >> 32) AS t_high, -SUM(total_amount_milli & 4294967295) AS t_low
FROM quarter_hour_statistics WHERE ((stat_date IN (?, ?, ?, ?) AND quarter BETWEEN ? AND ?) OR (stat_date IN (?, ?, ?) AND quarter BETWEEN ? AND ?)) AND (customer_id > ? OR (customer_id = ? AND (type > ? OR (type = ? AND stat_date > ?)))) AND (customer_id < ? OR (customer_id = ? AND type <= ?))
GROUP BY customer_id, type, stat_date
UNION ALL
SELECT customer_id, type, date(stat_date, '-1 days') AS stat_date, SUM(message_count) AS n, SUM(total_amount_milli >> 32) AS t_high, SUM(total_amount_milli & 4294967295) AS t_low
FROM quarter_hour_statistics WHERE ((stat_date IN (?, ?, ?) AND quarter BETWEEN ? AND ?) OR (stat_date IN (?, ?, ?, ?) AND quarter BETWEEN ? AND ?)) AND (customer_id > ? OR (customer_id = ? AND (type > ? OR (type = ? AND date(stat_date, '-1 days') > ?)))) AND (customer_id < ? OR (customer_id = ? AND type <= ?))
GROUP BY customer_id, type, date(stat_date, '-1 days')) AS covered
GROUP BY customer_id, type, stat_date
HAVING SUM(n) > 0
ORDER BY customer_id, type, stat_date
LIMIT ?;

-- GET /stats: all customers, a quarter in Asia/Kathmandu, per ISO week: the page's bound
-- parameters: ["2026-01-01",71,"2026-01-21",71,"2026-02-11",71,"2026-03-03",71]
SELECT customer_id, type FROM (SELECT customer_id, type FROM (SELECT customer_id, type FROM daily_statistics
  WHERE stat_date = ?
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p0
UNION ALL
SELECT customer_id, type FROM (SELECT customer_id, type FROM daily_statistics
  WHERE stat_date = ?
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p1
UNION ALL
SELECT customer_id, type FROM (SELECT customer_id, type FROM daily_statistics
  WHERE stat_date = ?
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p2
UNION ALL
SELECT customer_id, type FROM (SELECT customer_id, type FROM daily_statistics
  WHERE stat_date = ?
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p3) AS bounds
ORDER BY customer_id, type
LIMIT 1;

-- GET /stats: all customers, a quarter in Asia/Kathmandu, per ISO week: the page, bounded
-- parameters: ["2026-01-01","2026-01-02","2026-01-03","2026-01-04","2026-01-05","2026-01-06","2026-01-07","2026-01-08","2026-01-09","2026-01-10","2026-01-11","2026-01-12","2026-01-13","2026-01-14","2026-01-15","2026-01-16","2026-01-17","2026-01-18","2026-01-19","2026-01-20","2026-01-21","2026-01-22","2026-01-23","2026-01-24","2026-01-25","2026-01-26","2026-01-27","2026-01-28","2026-01-29","2026-01-30","2026-01-31","2026-02-01","2026-02-02","2026-02-03","2026-02-04","2026-02-05","2026-02-06","2026-02-07","2026-02-08","2026-02-09","2026-02-10","2026-02-11","2026-02-12","2026-02-13","2026-02-14","2026-02-15","2026-02-16","2026-02-17","2026-02-18","2026-02-19","2026-02-20","2026-02-21","2026-02-22","2026-02-23","2026-02-24","2026-02-25","2026-02-26","2026-02-27","2026-02-28","2026-03-01","2026-03-02","2026-03-03","2026-03-04","2026-03-05","2026-03-06","2026-03-07","2026-03-08","2026-03-09","2026-03-10","2026-03-11","2026-03-12","2026-03-13","2026-03-14","2026-03-15","2026-03-16","2026-03-17","2026-03-18","2026-03-19","2026-03-20","2026-03-21","2026-03-22","2026-03-23","2026-03-24","2026-03-25","2026-03-26","2026-03-27","2026-03-28","2026-03-29","2026-03-30","2026-03-31",9,9,"B","2025-12-31","2026-01-04","2026-01-11","2026-01-18","2026-01-25","2026-02-01","2026-02-08","2026-02-15","2026-02-22","2026-03-01","2026-03-08","2026-03-15","2026-03-22","2026-03-29",73,95,9,9,"B","2026-01-04","2026-01-11","2026-01-18","2026-01-25","2026-02-01","2026-02-08","2026-02-15","2026-02-22","2026-03-01","2026-03-08","2026-03-15","2026-03-22","2026-03-29","2026-03-31",73,95,9,9,"B",1000]
SELECT customer_id, type, week_start, SUM(n) AS message_count, CAST(SUM(t_high) AS TEXT) AS total_amount_milli_high, CAST(SUM(t_low) AS TEXT) AS total_amount_milli_low
FROM (SELECT customer_id, type, date(stat_date, '-' || ((CAST(strftime('%w', stat_date) AS INTEGER) + 6) % 7) || ' days') AS week_start, SUM(message_count) AS n, SUM(total_amount_milli >> 32) AS t_high, SUM(total_amount_milli & 4294967295) AS t_low
FROM daily_statistics WHERE stat_date IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) AND (customer_id < ? OR (customer_id = ? AND type <= ?))
GROUP BY customer_id, type, date(stat_date, '-' || ((CAST(strftime('%w', stat_date) AS INTEGER) + 6) % 7) || ' days')
UNION ALL
SELECT customer_id, type, date(date(stat_date, '+1 days'), '-' || ((CAST(strftime('%w', date(stat_date, '+1 days')) AS INTEGER) + 6) % 7) || ' days') AS week_start, SUM(message_count) AS n, SUM(total_amount_milli >> 32) AS t_high, SUM(total_amount_milli & 4294967295) AS t_low
FROM quarter_hour_statistics WHERE ((stat_date IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) AND quarter BETWEEN ? AND ?)) AND (customer_id < ? OR (customer_id = ? AND type <= ?))
GROUP BY customer_id, type, date(date(stat_date, '+1 days'), '-' || ((CAST(strftime('%w', date(stat_date, '+1 days')) AS INTEGER) + 6) % 7) || ' days')
UNION ALL
SELECT customer_id, type, date(stat_date, '-' || ((CAST(strftime('%w', stat_date) AS INTEGER) + 6) % 7) || ' days') AS week_start, -SUM(message_count) AS n, -SUM(total_amount_milli >> 32) AS t_high, -SUM(total_amount_milli & 4294967295) AS t_low
FROM quarter_hour_statistics WHERE ((stat_date IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) AND quarter BETWEEN ? AND ?)) AND (customer_id < ? OR (customer_id = ? AND type <= ?))
GROUP BY customer_id, type, date(stat_date, '-' || ((CAST(strftime('%w', stat_date) AS INTEGER) + 6) % 7) || ' days')) AS covered
GROUP BY customer_id, type, week_start
HAVING SUM(n) > 0
ORDER BY customer_id, type, week_start
LIMIT ?;

-- GET /stats: one customer, two days in Asia/Kathmandu, per hour, after a key
-- parameters: ["2026-02-28",73,74,75,76,77,78,79,80,81,82,83,84,85,86,87,88,89,90,91,92,93,94,95,"2026-03-01",0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,80,81,82,83,84,85,86,87,88,89,90,91,92,93,94,95,"2026-03-02",0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,7,7,7,"A","A","2026-03-01","2026-03-01",1,4004]
SELECT customer_id, type, stat_date, quarter, SUM(message_count) AS message_count, CAST(SUM(total_amount_milli >> 32) AS TEXT) AS total_amount_milli_high, CAST(SUM(total_amount_milli & 4294967295) AS TEXT) AS total_amount_milli_low
FROM quarter_hour_statistics
WHERE ((stat_date IN (?) AND quarter IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)) OR (stat_date IN (?) AND quarter IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)) OR (stat_date IN (?) AND quarter IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))) AND customer_id = ? AND (customer_id > ? OR (customer_id = ? AND (type > ? OR (type = ? AND (stat_date > ? OR (stat_date = ? AND quarter >= ?))))))
GROUP BY customer_id, type, stat_date, quarter
HAVING SUM(message_count) > 0
ORDER BY customer_id, type, stat_date, quarter
LIMIT ?;

-- GET /stats: all customers, a day in UTC, per hour
-- parameters: ["2026-03-01",0,95,4004]
SELECT customer_id, type, stat_date, quarter, SUM(message_count) AS message_count, CAST(SUM(total_amount_milli >> 32) AS TEXT) AS total_amount_milli_high, CAST(SUM(total_amount_milli & 4294967295) AS TEXT) AS total_amount_milli_low
FROM quarter_hour_statistics
WHERE ((stat_date IN (?) AND quarter BETWEEN ? AND ?))
GROUP BY customer_id, type, stat_date, quarter
HAVING SUM(message_count) > 0
ORDER BY customer_id, type, stat_date, quarter
LIMIT ?;

-- GET /stats: all customers, 30 years, totals, after a group: the page's bound
-- parameters: ["1997-01-01",7,7,"A",999,"2007-01-01",7,7,"A",999,"2016-01-01",7,7,"A",999,"2026-01-01",7,7,"A",999]
SELECT customer_id, type FROM (SELECT customer_id, type FROM (SELECT customer_id, type FROM yearly_statistics
  WHERE stat_year = ? AND (customer_id > ? OR (customer_id = ? AND type > ?))
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p0
UNION ALL
SELECT customer_id, type FROM (SELECT customer_id, type FROM yearly_statistics
  WHERE stat_year = ? AND (customer_id > ? OR (customer_id = ? AND type > ?))
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p1
UNION ALL
SELECT customer_id, type FROM (SELECT customer_id, type FROM yearly_statistics
  WHERE stat_year = ? AND (customer_id > ? OR (customer_id = ? AND type > ?))
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p2
UNION ALL
SELECT customer_id, type FROM (SELECT customer_id, type FROM yearly_statistics
  WHERE stat_year = ? AND (customer_id > ? OR (customer_id = ? AND type > ?))
  ORDER BY customer_id, type LIMIT 1 OFFSET ?) AS p3) AS bounds
ORDER BY customer_id, type
LIMIT 1;

-- GET /stats: all customers, 30 years, totals, after a group: the page, bounded
-- parameters: ["1997-01-01","1998-01-01","1999-01-01","2000-01-01","2001-01-01","2002-01-01","2003-01-01","2004-01-01","2005-01-01","2006-01-01","2007-01-01","2008-01-01","2009-01-01","2010-01-01","2011-01-01","2012-01-01","2013-01-01","2014-01-01","2015-01-01","2016-01-01","2017-01-01","2018-01-01","2019-01-01","2020-01-01","2021-01-01","2022-01-01","2023-01-01","2024-01-01","2025-01-01","2026-01-01",7,7,"A",9,9,"B",1000]
SELECT customer_id, type, SUM(message_count) AS message_count, CAST(SUM(total_amount_milli >> 32) AS TEXT) AS total_amount_milli_high, CAST(SUM(total_amount_milli & 4294967295) AS TEXT) AS total_amount_milli_low
FROM yearly_statistics WHERE stat_year IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) AND (customer_id > ? OR (customer_id = ? AND type > ?)) AND (customer_id < ? OR (customer_id = ? AND type <= ?))
GROUP BY customer_id, type
HAVING SUM(message_count) > 0
ORDER BY customer_id, type
LIMIT ?;

-- GET /stats in a zone, per period: the days the counters hold
SELECT (SELECT MIN(stat_date) FROM daily_statistics) AS first_day,
  (SELECT MAX(stat_date) FROM daily_statistics) AS last_day;

-- stats:verify, a quarter hour: its counters
-- parameters: ["2026-03-15"]
SELECT quarter AS within_day, customer_id, type, SUM(message_count) AS message_count, CAST(SUM(total_amount_milli >> 32) AS TEXT) AS total_high, CAST(SUM(total_amount_milli & 4294967295) AS TEXT) AS total_low
FROM quarter_hour_statistics WHERE stat_date = ?
GROUP BY quarter, customer_id, type;

-- stats:verify, a quarter hour: its ledger
-- parameters: ["2026-03-15","2026-03-15"]
SELECT (CAST(substr(COALESCE(event_at, received_at), 12, 2) AS INTEGER) * 4 + CAST(substr(COALESCE(event_at, received_at), 15, 2) AS INTEGER) / 15) AS within_day, customer_id, type, COUNT(*) AS message_count, CAST(SUM(amount_milli >> 32) AS TEXT) AS total_high, CAST(SUM(amount_milli & 4294967295) AS TEXT) AS total_low
FROM messages WHERE stat_date >= ? AND stat_date <= ? AND voided_at IS NULL
GROUP BY (CAST(substr(COALESCE(event_at, received_at), 12, 2) AS INTEGER) * 4 + CAST(substr(COALESCE(event_at, received_at), 15, 2) AS INTEGER) / 15), customer_id, type;

-- stats:verify, the quarter hours stored
-- parameters: ["2026-03-15","2026-03-15"]
SELECT DISTINCT stat_date AS period FROM quarter_hour_statistics WHERE stat_date >= ? AND stat_date <= ?;

-- stats:rebuild, a quarter hour: delete
-- parameters: ["2026-03-15"]
DELETE FROM quarter_hour_statistics WHERE stat_date = ?;

-- stats:rebuild, a quarter hour: insert
-- parameters: ["2026-03-15","2026-03-15","2026-03-15"]
INSERT INTO quarter_hour_statistics (stat_date, quarter, customer_id, type, message_count, total_amount_milli)
SELECT ?, (CAST(substr(COALESCE(event_at, received_at), 12, 2) AS INTEGER) * 4 + CAST(substr(COALESCE(event_at, received_at), 15, 2) AS INTEGER) / 15), customer_id, type, COUNT(*), SUM(amount_milli)
FROM messages WHERE stat_date >= ? AND stat_date <= ? AND voided_at IS NULL
GROUP BY (CAST(substr(COALESCE(event_at, received_at), 12, 2) AS INTEGER) * 4 + CAST(substr(COALESCE(event_at, received_at), 15, 2) AS INTEGER) / 15), customer_id, type;

-- stats:verify, a day: its counters
-- parameters: ["2026-03-15"]
SELECT customer_id, type, SUM(message_count) AS message_count, CAST(SUM(total_amount_milli >> 32) AS TEXT) AS total_high, CAST(SUM(total_amount_milli & 4294967295) AS TEXT) AS total_low
FROM daily_statistics WHERE stat_date = ?
GROUP BY customer_id, type;

-- stats:verify, a day: its ledger
-- parameters: ["2026-03-15","2026-03-15"]
SELECT customer_id, type, COUNT(*) AS message_count, CAST(SUM(amount_milli >> 32) AS TEXT) AS total_high, CAST(SUM(amount_milli & 4294967295) AS TEXT) AS total_low
FROM messages WHERE stat_date >= ? AND stat_date <= ? AND voided_at IS NULL
GROUP BY customer_id, type;

-- stats:verify, the days stored
-- parameters: ["2026-03-15","2026-03-15"]
SELECT DISTINCT stat_date AS period FROM daily_statistics WHERE stat_date >= ? AND stat_date <= ?;

-- stats:rebuild, a day: delete
-- parameters: ["2026-03-15"]
DELETE FROM daily_statistics WHERE stat_date = ?;

-- stats:rebuild, a day: insert
-- parameters: ["2026-03-15","2026-03-15","2026-03-15"]
INSERT INTO daily_statistics (stat_date, customer_id, type, message_count, total_amount_milli)
SELECT ?, customer_id, type, COUNT(*), SUM(amount_milli)
FROM messages WHERE stat_date >= ? AND stat_date <= ? AND voided_at IS NULL
GROUP BY customer_id, type;

-- stats:verify, a month: its counters
-- parameters: ["2026-03-01"]
SELECT customer_id, type, SUM(message_count) AS message_count, CAST(SUM(total_amount_milli >> 32) AS TEXT) AS total_high, CAST(SUM(total_amount_milli & 4294967295) AS TEXT) AS total_low
FROM monthly_statistics WHERE stat_month = ?
GROUP BY customer_id, type;

-- stats:verify, a month: its ledger
-- parameters: ["2026-03-01","2026-03-31"]
SELECT customer_id, type, COUNT(*) AS message_count, CAST(SUM(amount_milli >> 32) AS TEXT) AS total_high, CAST(SUM(amount_milli & 4294967295) AS TEXT) AS total_low
FROM messages WHERE stat_date >= ? AND stat_date <= ? AND voided_at IS NULL
GROUP BY customer_id, type;

-- stats:verify, the months stored
-- parameters: ["2026-03-01","2026-03-31"]
SELECT DISTINCT stat_month AS period FROM monthly_statistics WHERE stat_month >= ? AND stat_month <= ?;

-- stats:rebuild, a month: delete
-- parameters: ["2026-03-01"]
DELETE FROM monthly_statistics WHERE stat_month = ?;

-- stats:rebuild, a month: insert
-- parameters: ["2026-03-01","2026-03-01","2026-03-31"]
INSERT INTO monthly_statistics (stat_month, customer_id, type, message_count, total_amount_milli)
SELECT ?, customer_id, type, COUNT(*), SUM(amount_milli)
FROM messages WHERE stat_date >= ? AND stat_date <= ? AND voided_at IS NULL
GROUP BY customer_id, type;

-- stats:verify, a year: its counters
-- parameters: ["2026-01-01"]
SELECT customer_id, type, SUM(message_count) AS message_count, CAST(SUM(total_amount_milli >> 32) AS TEXT) AS total_high, CAST(SUM(total_amount_milli & 4294967295) AS TEXT) AS total_low
FROM yearly_statistics WHERE stat_year = ?
GROUP BY customer_id, type;

-- stats:verify, a year: its ledger
-- parameters: ["2026-01-01","2026-12-31"]
SELECT customer_id, type, COUNT(*) AS message_count, CAST(SUM(amount_milli >> 32) AS TEXT) AS total_high, CAST(SUM(amount_milli & 4294967295) AS TEXT) AS total_low
FROM messages WHERE stat_date >= ? AND stat_date <= ? AND voided_at IS NULL
GROUP BY customer_id, type;

-- stats:verify, a year before the ledger's horizon: its finer counters
-- parameters: ["2026-01-01","2026-12-31"]
SELECT customer_id, type, SUM(message_count) AS message_count, CAST(SUM(total_amount_milli >> 32) AS TEXT) AS total_high, CAST(SUM(total_amount_milli & 4294967295) AS TEXT) AS total_low
FROM monthly_statistics WHERE stat_month >= ? AND stat_month <= ?
GROUP BY customer_id, type;

-- stats:verify, the years stored
-- parameters: ["2026-01-01","2026-12-31"]
SELECT DISTINCT stat_year AS period FROM yearly_statistics WHERE stat_year >= ? AND stat_year <= ?;

-- stats:rebuild, a year: delete
-- parameters: ["2026-01-01"]
DELETE FROM yearly_statistics WHERE stat_year = ?;

-- stats:rebuild, a year: insert
-- parameters: ["2026-01-01","2026-01-01","2026-12-31"]
INSERT INTO yearly_statistics (stat_year, customer_id, type, slot, message_count, total_amount_milli)
SELECT ?, customer_id, type, slot, SUM(message_count), SUM(total_amount_milli)
FROM monthly_statistics WHERE stat_month >= ? AND stat_month <= ?
GROUP BY customer_id, type, slot;

-- POST /messages: insert into the ledger (prepared, once per message)
INSERT INTO messages (uuid, customer_id, type, amount_milli, stat_date, received_at, event_at) VALUES (?, ?, ?, ?, ?, ?, ?);

-- POST /messages: look up a known uuid (prepared, once per message)
SELECT uuid, customer_id, type, amount_milli, stat_date, received_at, event_at, voided_at, void_reason FROM messages WHERE uuid = ?;

-- POST /messages: increment a quarter hour's counter (prepared, once per message)
INSERT INTO quarter_hour_statistics (stat_date, quarter, customer_id, type, slot, message_count, total_amount_milli)
VALUES (?, ?, ?, ?, 0, 1, ?)
ON CONFLICT (stat_date, quarter, customer_id, type, slot) DO UPDATE SET
  message_count = message_count + 1,
  total_amount_milli = total_amount_milli + excluded.total_amount_milli;

-- POST /messages: increment a day's counter (prepared, once per message)
INSERT INTO daily_statistics (stat_date, customer_id, type, slot, message_count, total_amount_milli)
VALUES (?, ?, ?, 0, 1, ?)
ON CONFLICT (stat_date, customer_id, type, slot) DO UPDATE SET
  message_count = message_count + 1,
  total_amount_milli = total_amount_milli + excluded.total_amount_milli;

-- POST /messages: increment a month's counter (prepared, once per message)
INSERT INTO monthly_statistics (stat_month, customer_id, type, slot, message_count, total_amount_milli)
VALUES (?, ?, ?, 0, 1, ?)
ON CONFLICT (stat_month, customer_id, type, slot) DO UPDATE SET
  message_count = message_count + 1,
  total_amount_milli = total_amount_milli + excluded.total_amount_milli;

-- POST /messages: increment a year's counter (prepared, once per message)
INSERT INTO yearly_statistics (stat_year, customer_id, type, slot, message_count, total_amount_milli)
VALUES (?, ?, ?, 0, 1, ?)
ON CONFLICT (stat_year, customer_id, type, slot) DO UPDATE SET
  message_count = message_count + 1,
  total_amount_milli = total_amount_milli + excluded.total_amount_milli;

-- POST /messages/{uuid}/void: void a message (prepared, once per message)
UPDATE messages SET voided_at = ?, void_reason = ? WHERE stat_date = ? AND uuid = ?;

-- POST /messages/{uuid}/void: take a voided message from a quarter hour's counter (prepared, once per message)
UPDATE quarter_hour_statistics SET message_count = message_count - 1,
  total_amount_milli = total_amount_milli - ?
WHERE stat_date = ? AND quarter = ? AND customer_id = ? AND type = ? AND slot = 0
  AND message_count >= 1 AND total_amount_milli >= ?;

-- POST /messages/{uuid}/void: delete a quarter hour's counter a void emptied (prepared, once per message)
DELETE FROM quarter_hour_statistics
WHERE stat_date = ? AND quarter = ? AND customer_id = ? AND type = ? AND message_count = 0 AND total_amount_milli = 0;

-- POST /messages/{uuid}/void: take a voided message from a day's counter (prepared, once per message)
UPDATE daily_statistics SET message_count = message_count - 1,
  total_amount_milli = total_amount_milli - ?
WHERE stat_date = ? AND customer_id = ? AND type = ? AND slot = 0
  AND message_count >= 1 AND total_amount_milli >= ?;

-- POST /messages/{uuid}/void: delete a day's counter a void emptied (prepared, once per message)
DELETE FROM daily_statistics
WHERE stat_date = ? AND customer_id = ? AND type = ? AND message_count = 0 AND total_amount_milli = 0;

-- POST /messages/{uuid}/void: take a voided message from a month's counter (prepared, once per message)
UPDATE monthly_statistics SET message_count = message_count - 1,
  total_amount_milli = total_amount_milli - ?
WHERE stat_month = ? AND customer_id = ? AND type = ? AND slot = 0
  AND message_count >= 1 AND total_amount_milli >= ?;

-- POST /messages/{uuid}/void: delete a month's counter a void emptied (prepared, once per message)
DELETE FROM monthly_statistics
WHERE stat_month = ? AND customer_id = ? AND type = ? AND message_count = 0 AND total_amount_milli = 0;

-- POST /messages/{uuid}/void: take a voided message from a year's counter (prepared, once per message)
UPDATE yearly_statistics SET message_count = message_count - 1,
  total_amount_milli = total_amount_milli - ?
WHERE stat_year = ? AND customer_id = ? AND type = ? AND slot = 0
  AND message_count >= 1 AND total_amount_milli >= ?;

-- POST /messages/{uuid}/void: delete a year's counter a void emptied (prepared, once per message)
DELETE FROM yearly_statistics
WHERE stat_year = ? AND customer_id = ? AND type = ? AND message_count = 0 AND total_amount_milli = 0;

-- retention: move the horizon forward
-- parameters: ["2025-10-29","2025-10-29"]
UPDATE ledger_horizon SET first_kept_day = ? WHERE id = 1 AND first_kept_day < ?;

-- retention: remove a chunk behind it
-- parameters: ["2025-10-29",5000]
DELETE FROM messages WHERE uuid IN (
  SELECT uuid FROM messages WHERE stat_date < ? ORDER BY stat_date LIMIT ?);
