/*
** router.c: which of Prefect's routes a "METHOD /path" is, as Starlette
** routes Prefect's API over the route table of responses.c (the first
** match wins; a path that is a route for another method is 405, one that
** is a route with or without its trailing '/' is 307, and one below a
** router that matches nothing is 404). Shared by prefect_api() (api.c) and
** the PostgreSQL extension's prefect.api (pg/), so both route alike.
*/
#include "internal.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

void path_args_clear(PathArgs *pArgs) {
  int i;
  for (i = 0; i < pArgs->n; i++) sqlite3_free(pArgs->az[i]);
  memset(pArgs, 0, sizeof(*pArgs));
}
/* The path as the server routes it: the query string dropped (these routes
** take no query parameters, and FastAPI ignores others) and %XX escapes
** decoded, as uvicorn does before Starlette sees it. *pn: its length (a
** decoded %00 may be inside). */
static char *route_path(const char *z, int *pn) {
  int n = 0, i;
  char *zOut;
  while (z[n] && z[n] != '?') n++;
  zOut = sqlite3_malloc(n + 2);  /* room for a '/' appended by route_find() */
  if (!zOut) return 0;
  for (i = 0, *pn = 0; i < n; i++) {
    int iHigh = i + 2 < n ? json_hex_digit((unsigned char)z[i + 1]) : -1;
    int iLow = i + 2 < n ? json_hex_digit((unsigned char)z[i + 2]) : -1;
    if (z[i] == '%' && iHigh >= 0 && iLow >= 0) {
      zOut[(*pn)++] = (char)(iHigh * 16 + iLow);
      i += 2;
    } else {
      zOut[(*pn)++] = z[i];
    }
  }
  zOut[*pn] = 0;
  return zOut;
}

/* Starlette's uuid path converter (Prefect's "{id:uuid}"): 32 hex digits in
** the 8-4-4-4-12 groups, each of the four hyphens optional; no braces, no
** "urn:uuid:". Returns the bytes it takes from z (n bytes), 0 if none. */
static int uuid_span(const char *z, int n) {
  static const int aGroup[5] = {8, 4, 4, 4, 12};
  int i = 0, g, k;
  for (g = 0; g < 5; g++) {
    if (g > 0 && i < n && z[i] == '-') i++;
    for (k = 0; k < aGroup[g]; k++, i++) {
      if (i >= n || json_hex_digit((unsigned char)z[i]) < 0) return 0;
    }
  }
  return i;
}

/* Whether zPath (nPath bytes) matches the route pattern zPattern. The
** parameters' text goes to pArgs when it is not NULL (cleared when the path
** does not match). A "{name}" parameter takes one or more bytes other than
** '/' (Starlette's str converter); every parameter of Prefect's routes is
** followed by '/' or the end, so taking all of them is the regular
** expression's match. */
static int path_match(const char *zPattern, const char *zPath, int nPath, PathArgs *pArgs) {
  const char *p = zPattern;
  int i = 0;
  if (pArgs) memset(pArgs, 0, sizeof(*pArgs));
  while (*p) {
    if (*p == '{') {
      const char *zClose = strchr(p, '}');
      int bUuid = zClose && zClose - p > 5 && memcmp(zClose - 5, ":uuid", 5) == 0;
      int n = 0;
      if (!zClose) goto no_match;
      if (bUuid) {
        n = uuid_span(zPath + i, nPath - i);
      } else {
        while (i + n < nPath && zPath[i + n] != '/') n++;
      }
      if (n == 0) goto no_match;
      if (pArgs && pArgs->n < PATH_MAX_ARGS) {
        char **pz = &pArgs->az[pArgs->n];
        if (bUuid) {
          char aHex[32], zUuid[37];
          int k, m = 0;
          for (k = 0; k < n; k++) {
            if (zPath[i + k] != '-') aHex[m++] = zPath[i + k];
          }
          if (m != 32 || !value_parse_uuid_text(aHex, 32, zUuid)) goto no_match;
          *pz = sqlite3_mprintf("%s", zUuid);
          pArgs->an[pArgs->n] = 36;
        } else {
          *pz = sqlite3_malloc(n + 1);
          if (*pz) memcpy(*pz, zPath + i, n), (*pz)[n] = 0;
          pArgs->an[pArgs->n] = n;
        }
        pArgs->n++;
      }
      i += n;
      p = zClose + 1;
    } else {
      if (i >= nPath || zPath[i] != *p) goto no_match;
      i++;
      p++;
    }
  }
  if (i == nPath) return 1;
no_match:
  if (pArgs) path_args_clear(pArgs);
  return 0;
}

/* Whether any route's path matches, whatever its method. */
static int any_route_matches(const char *zPath, int nPath) {
  int i;
  for (i = 0; prefect_routes[i].zPath; i++) {
    if (path_match(prefect_routes[i].zPath, zPath, nPath, 0)) return 1;
  }
  return 0;
}

/* Split "METHOD /path" and route it as Starlette routes Prefect's API. The
** method may be left out: POST, or else GET. The path may carry Prefect's
** "/api" prefix. With ANSWER_ROUTE, *ppRoute is the route and pArgs (owned
** by the caller, path_args_clear) its path parameters. */
RouteAnswer route_find(const char *zRoute, const RouteDesc **ppRoute, PathArgs *pArgs) {
  static const char *const azDefault[] = {"POST", "GET", 0};
  const char *zMethod = 0, *zRaw = zRoute;
  int nMethod = 0, nPath = 0, i, k, bPartial = 0;
  RouteAnswer eAnswer = ANSWER_UNKNOWN;
  char *zAll, *zPath;
  *ppRoute = 0;
  memset(pArgs, 0, sizeof(*pArgs));
  if (!zRoute) return ANSWER_UNKNOWN;
  if (zRoute[0] != '/') {
    const char *zSpace = strchr(zRoute, ' ');
    if (!zSpace) return ANSWER_UNKNOWN;
    zMethod = zRoute;
    nMethod = (int)(zSpace - zRoute);
    zRaw = zSpace + 1;
  }
  zAll = route_path(zRaw, &nPath);
  if (!zAll) return ANSWER_NOMEM;
  zPath = zAll;
  if (nPath >= 5 && memcmp(zPath, "/api/", 5) == 0) {  /* the server mounts the API at /api */
    zPath += 4;
    nPath -= 4;
  }
  for (k = 0; eAnswer == ANSWER_UNKNOWN && (zMethod ? k == 0 : azDefault[k] != 0); k++) {
    const char *zM = zMethod ? zMethod : azDefault[k];
    int nM = zMethod ? nMethod : (int)strlen(zM);
    for (i = 0; prefect_routes[i].zPath; i++) {
      const RouteDesc *p = &prefect_routes[i];
      if (!path_match(p->zPath, zPath, nPath, 0)) continue;
      if ((int)strlen(p->zMethod) != nM || sqlite3_strnicmp(zM, p->zMethod, nM) != 0) {
        bPartial = 1;
        continue;
      }
      path_match(p->zPath, zPath, nPath, pArgs);
      *ppRoute = p;
      eAnswer = p->eKind == ROUTE_NONE ? ANSWER_UNANSWERED : ANSWER_ROUTE;
      break;
    }
  }
  if (eAnswer == ANSWER_UNKNOWN && bPartial) {
    eAnswer = ANSWER_405;
  } else if (eAnswer == ANSWER_UNKNOWN && nPath > 1) {
    /* Starlette's redirect_slashes: the path without its trailing '/'s, or with one */
    int nOther = nPath;
    if (zPath[nPath - 1] == '/') {
      while (nOther > 0 && zPath[nOther - 1] == '/') nOther--;
    } else {
      zPath[nOther++] = '/';
    }
    if (any_route_matches(zPath, nOther)) eAnswer = nOther > nPath ? ANSWER_307_SLASH : ANSWER_307;
    if (nOther > nPath) zPath[nPath] = 0;
  }
  if (eAnswer == ANSWER_UNKNOWN) {
    for (i = 0; prefect_route_prefixes[i]; i++) {
      int n = (int)strlen(prefect_route_prefixes[i]);
      if (nPath >= n && memcmp(zPath, prefect_route_prefixes[i], n) == 0) eAnswer = ANSWER_404;
    }
  }
  sqlite3_free(zAll);
  return eAnswer;
}

/* The routes prefect_api() answers, for the error of one it does not. */
static char *route_list(void) {
  sqlite3_str *pStr = sqlite3_str_new(0);
  int i, n = 0;
  for (i = 0; prefect_routes[i].zPath; i++) {
    if (prefect_routes[i].eKind == ROUTE_NONE) continue;
    sqlite3_str_appendf(pStr, "%s%s %s", n++ ? ", " : "", prefect_routes[i].zMethod, prefect_routes[i].zPath);
  }
  return sqlite3_str_finish(pStr);
}

/* The body that selects the row of a GET route by its path parameter (zArg,
** nArg bytes): {"<collection key>": {"<field>": {"any_": [zArg]}}, "limit": 1}. */
char *route_get_body(const RouteDesc *pRoute, const char *zArg, int nArg) {
  const char *zDot = strchr(pRoute->zLookup, '.');
  sqlite3_str *pStr = sqlite3_str_new(0);
  if (!zDot) return sqlite3_str_finish(pStr);
  sqlite3_str_appendf(pStr, "{\"%.*s\": {\"%s\": {\"any_\": [", (int)(zDot - pRoute->zLookup), pRoute->zLookup,
                      zDot + 1);
  json_write_string(pStr, zArg, nArg, 0);
  sqlite3_str_appendall(pStr, "]}}, \"limit\": 1}");
  return sqlite3_str_finish(pStr);
}

/* The message of an answer that is no route's: 405, 307, or a route (or
** none) that prefect_api() does not answer. NULL: no memory. */
char *route_error(RouteAnswer eAnswer, const char *zRoute) {
  char *zList, *zErr;
  switch (eAnswer) {
    case ANSWER_405:
      return sqlite3_mprintf("prefect: prefect_api: Prefect answers %Q with 405 Method Not Allowed "
                             "(the path is a route for another method)", zRoute);
    case ANSWER_307:
    case ANSWER_307_SLASH:
      return sqlite3_mprintf("prefect: prefect_api: Prefect answers %Q with a redirect to the path with%s its "
                             "trailing '/'; ask for that", zRoute, eAnswer == ANSWER_307 ? "out" : "");
    default:
      break;
  }
  zList = route_list();
  if (!zList) return 0;
  zErr = sqlite3_mprintf("prefect: prefect_api: unknown route %Q%s; the routes: %s", zRoute,
                         eAnswer == ANSWER_UNANSWERED ? " (a route of Prefect's that prefect_api does not "
                                                        "answer)" : "", zList);
  sqlite3_free(zList);
  return zErr;
}
