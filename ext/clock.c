/*
** clock.c: "now" for one connection, and Prefect's stored times as exact
** microseconds.
**
**   SELECT prefect_set_now('2024-03-05T00:00:00Z');  -- pin "now" for this connection
**   SELECT prefect_now();                            -- '2024-03-05T00:00:00Z'
**   SELECT prefect_set_now(NULL);                    -- the wall clock again
**   SELECT prefect_seconds(total_run_time) FROM flow_runs;  -- 5.5
**
** Several answers depend on the time of the request: lateness, a running
** run's estimated run time, the scheduled time Prefect fills in. Each
** statement reads the clock once (clock_now) and hands the instant on, so
** a pinned clock makes every such answer reproducible.
**
** Prefect stores an interval (total_run_time) as the epoch plus the
** interval, '1970-01-01 00:00:05.500000'; prefect_seconds() reads it in
** integer microseconds, never through julianday's floating-point days.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

Clock *clock_new(void) {
  Clock *p = sqlite3_malloc(sizeof(*p));
  if (p) memset(p, 0, sizeof(*p));
  return p;
}

void clock_release(void *pArg) {
  Clock *p = (Clock *)pArg;
  if (p && --p->nRef <= 0) sqlite3_free(p);
}

/* Julian day 2440587.5 (the epoch) in milliseconds, as SQLite counts. */
#define EPOCH_JD_MS 210866760000000LL

sqlite3_int64 clock_now(const Clock *pClock) {
  sqlite3_vfs *pVfs;
  sqlite3_int64 iMs = 0;
  if (pClock && pClock->bPinned) return pClock->iPinned;
  pVfs = sqlite3_vfs_find(0);
  if (pVfs && pVfs->iVersion >= 2 && pVfs->xCurrentTimeInt64) {
    pVfs->xCurrentTimeInt64(pVfs, &iMs);
  } else if (pVfs) {
    double r = 0;
    pVfs->xCurrentTime(pVfs, &r);
    iMs = (sqlite3_int64)(r * 86400000.0);
  }
  return (iMs - EPOCH_JD_MS) * 1000;
}

/* The auxiliary-data slot of a statement's instant: a negative slot is the
** statement's own, shared by every call in it and dropped when it ends
** (SQLite keeps negative slots across calls; a version that refuses them
** frees the value at once, and each call then reads the clock itself). */
#define CLOCK_AUX_SLOT (-0x70726566)

sqlite3_int64 clock_now_stmt(sqlite3_context *ctx, const Clock *pClock) {
  sqlite3_int64 *pKept, iNow;
  if (pClock && pClock->bPinned) return pClock->iPinned;
  pKept = (sqlite3_int64 *)sqlite3_get_auxdata(ctx, CLOCK_AUX_SLOT);
  if (pKept) return *pKept;
  iNow = clock_now(pClock);
  pKept = sqlite3_malloc(sizeof(*pKept));
  if (pKept) {
    *pKept = iNow;
    sqlite3_set_auxdata(ctx, CLOCK_AUX_SLOT, pKept, sqlite3_free);  /* may free it at once: not read after */
  }
  return iNow;
}

/* Days since 1970-01-01 of a proleptic Gregorian date, and back
** (H. Hinnant's civil calendar algorithms). */
sqlite3_int64 clock_days_from_civil(sqlite3_int64 y, int m, int d) {
  sqlite3_int64 era, yoe, doy, doe;
  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void clock_civil_from_days(sqlite3_int64 z, sqlite3_int64 *py, int *pm, int *pd) {
  sqlite3_int64 era, doe, yoe, doy, mp;
  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *pd = (int)(doy - (153 * mp + 2) / 5 + 1);
  *pm = (int)(mp < 10 ? mp + 3 : mp - 9);
  *py = yoe + era * 400 + (*pm <= 2);
}

static int digits(const char *z, int n, int *pOut) {
  int i, v = 0;
  for (i = 0; i < n; i++) {
    if (z[i] < '0' || z[i] > '9') return 0;
    v = v * 10 + (z[i] - '0');
  }
  *pOut = v;
  return 1;
}

int clock_parse_stored(const char *z, int n, sqlite3_int64 *piOut) {
  int y, mo, d, h, mi, s, f = 0, i;
  if (!z || (n != 19 && (n < 21 || n > 26))) return 0;
  if (z[4] != '-' || z[7] != '-' || z[10] != ' ' || z[13] != ':' || z[16] != ':') return 0;
  if (!digits(z, 4, &y) || !digits(z + 5, 2, &mo) || !digits(z + 8, 2, &d) || !digits(z + 11, 2, &h) ||
      !digits(z + 14, 2, &mi) || !digits(z + 17, 2, &s)) {
    return 0;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return 0;
  if (n > 19) {
    if (z[19] != '.' || !digits(z + 20, n - 20, &f)) return 0;
    for (i = n - 20; i < 6; i++) f *= 10;
  }
  *piOut = ((clock_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s) * 1000000) + f;
  return 1;
}

/* floor division and its remainder, for instants before the epoch */
static void split(sqlite3_int64 iUs, sqlite3_int64 *pDays, int *pSec, int *pFrac) {
  sqlite3_int64 iSec = iUs / 1000000, iFrac = iUs % 1000000;
  if (iFrac < 0) { iFrac += 1000000; iSec--; }
  *pDays = iSec / 86400;
  *pSec = (int)(iSec % 86400);
  if (*pSec < 0) { *pSec += 86400; (*pDays)--; }
  *pFrac = (int)iFrac;
}

void clock_format_stored(sqlite3_int64 iUs, char zOut[32]) {
  sqlite3_int64 iDays, y;
  int s, f, m, d;
  split(iUs, &iDays, &s, &f);
  clock_civil_from_days(iDays, &y, &m, &d);
  sqlite3_snprintf(32, zOut, "%04lld-%02d-%02d %02d:%02d:%02d.%06d", y, m, d, s / 3600, s / 60 % 60, s % 60, f);
}

void clock_format_api(sqlite3_int64 iUs, char zOut[40]) {
  char zStored[32];
  clock_format_stored(iUs, zStored);
  clock_render_api(zStored, (int)strlen(zStored), zOut);
}

int clock_render_api(const char *z, int n, char zOut[40]) {
  sqlite3_int64 iUs;
  int bFrac;
  if (!clock_parse_stored(z, n, &iUs)) return 0;
  bFrac = n > 19 && iUs % 1000000 != 0;
  if (bFrac) {
    char zStored[32];
    clock_format_stored(iUs, zStored);  /* the fraction padded to 6 digits */
    sqlite3_snprintf(40, zOut, "%.10sT%.15sZ", zStored, zStored + 11);
  } else {
    sqlite3_snprintf(40, zOut, "%.10sT%.8sZ", z, z + 11);
  }
  return 1;
}

/* prefect_set_now(datetime | NULL): pin "now" for this connection, in any
** spelling Prefect reads a datetime in (UTC when no offset), or unpin it
** with NULL. Returns the pinned instant as prefect_now() writes it. */
static void prefectSetNowFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  Clock *pClock = (Clock *)sqlite3_user_data(ctx);
  char zUtc[27], zOut[40];
  sqlite3_int64 iUs;
  (void)argc;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    pClock->bPinned = 0;
    sqlite3_result_null(ctx);
    return;
  }
  if (sqlite3_value_type(argv[0]) != SQLITE_TEXT ||
      !value_parse_datetime_text((const char *)sqlite3_value_text(argv[0]), sqlite3_value_bytes(argv[0]), zUtc) ||
      !clock_parse_stored(zUtc, (int)strlen(zUtc), &iUs)) {
    sqlite3_str *pStr = sqlite3_str_new(0);
    char *z;
    sqlite3_str_appendall(pStr, "prefect: prefect_set_now: expected a datetime ('2024-03-05T00:00:00Z') or NULL, got ");
    value_describe_sql(pStr, argv[0]);
    z = sqlite3_str_finish(pStr);
    if (z) sqlite3_result_error(ctx, z, -1); else sqlite3_result_error_nomem(ctx);
    sqlite3_free(z);
    return;
  }
  pClock->bPinned = 1;
  pClock->iPinned = iUs;
  clock_format_api(iUs, zOut);
  sqlite3_result_text(ctx, zOut, -1, SQLITE_TRANSIENT);
}

/* prefect_now(): the instant in use, '2024-03-05T00:00:00Z': the pinned
** one, or the wall clock read once per statement (as SQLite's 'now'). */
static void prefectNowFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  char zOut[40];
  (void)argc;
  (void)argv;
  clock_format_api(clock_now_stmt(ctx, (Clock *)sqlite3_user_data(ctx)), zOut);
  sqlite3_result_text(ctx, zOut, -1, SQLITE_TRANSIENT);
}

/* prefect_seconds(interval): a stored interval ('1970-01-01 00:00:05.500000',
** the epoch plus the interval) as float seconds, from integer microseconds:
** one correctly rounded division, so 0.1 s is 0.1. NULL gives NULL. */
static void prefectSecondsFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sqlite3_int64 iUs;
  (void)argc;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(ctx);
    return;
  }
  if (sqlite3_value_type(argv[0]) == SQLITE_TEXT &&
      clock_parse_stored((const char *)sqlite3_value_text(argv[0]), sqlite3_value_bytes(argv[0]), &iUs)) {
    sqlite3_result_double(ctx, (double)iUs / 1000000.0);
    return;
  }
  {
    sqlite3_str *pStr = sqlite3_str_new(0);
    char *z;
    sqlite3_str_appendall(pStr, "prefect: prefect_seconds: expected a stored interval "
                                "('1970-01-01 HH:MM:SS.ffffff'), got ");
    value_describe_sql(pStr, argv[0]);
    z = sqlite3_str_finish(pStr);
    if (z) sqlite3_result_error(ctx, z, -1); else sqlite3_result_error_nomem(ctx);
    sqlite3_free(z);
  }
}

/* prefect_set_now changes the connection's state: direct only (a view or
** trigger of a file cannot move your clock). prefect_now reads no
** database, only the clock: innocuous, not deterministic. prefect_seconds
** depends on its argument alone. */
int clock_register(sqlite3 *db, Clock *pClock) {
  int rc;
  pClock->nRef += 2;  /* each registration releases it, even one that fails */
  rc = sqlite3_create_function_v2(db, "prefect_set_now", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, pClock,
                                  prefectSetNowFunc, 0, 0, clock_release);
  if (rc != SQLITE_OK) {
    clock_release(pClock);
    return rc;
  }
  rc = sqlite3_create_function_v2(db, "prefect_now", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, pClock, prefectNowFunc, 0,
                                  0, clock_release);
  if (rc != SQLITE_OK) return rc;
  return sqlite3_create_function_v2(db, "prefect_seconds", 1,
                                    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, 0, prefectSecondsFunc, 0,
                                    0, 0);
}
