/* Reading one value per line of a long arrears ledger from C, three ways (docs/benchmarks.md):
 *   1. cs_json_get on a copy of the response JSON: the copy is parsed on every call (what
 *      cs_json_get did for every text before it recognised a live response's own text);
 *   2. cs_json_get on the text cs_response_json returned: answered from the response's
 *      document, parsed once;
 *   3. cs_response_get: the same document.
 *
 *   cargo build --release -p childsupport-ffi
 *   cc -O2 -Iinclude benches/c/ledger_json_get.c target/release/libchildsupport.a \
 *      -lpthread -ldl -lm -o /tmp/ledger_json_get
 *   /tmp/ledger_json_get 300     # a California ledger, 2008-2025, with 300 payments
 *
 * Every way must read the same balances; the program fails if they differ. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "childsupport.h"

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

/* Sums the principal balance of every line (in cents, from "1234.56"), reading with `get`. */
typedef cs_status (*getter)(const void *src, const char *ptr, char *buf, size_t len);

static cs_status by_json(const void *src, const char *ptr, char *buf, size_t len) {
    return cs_json_get((const char *)src, ptr, buf, len, NULL);
}

static cs_status by_response(const void *src, const char *ptr, char *buf, size_t len) {
    return cs_response_get((const cs_response *)src, ptr, buf, len, NULL);
}

static long long read_all(getter get, const void *src, size_t lines, double *seconds) {
    char ptr[64], buf[64];
    long long sum = 0;
    double t0 = now();
    for (size_t i = 0; i < lines; i++) {
        snprintf(ptr, sizeof ptr, "/result/lines/%zu/balances/principal", i);
        if (get(src, ptr, buf, sizeof buf) != CS_STATUS_OK) {
            fprintf(stderr, "line %zu: no balance\n", i);
            exit(1);
        }
        sum += llround(strtod(buf, NULL) * 100.0);
    }
    *seconds = now() - t0;
    return sum;
}

int main(int argc, char **argv) {
    int payments = argc > 1 ? atoi(argv[1]) : 300;
    /* An 18-year monthly order and a payment every 21 days. */
    size_t cap = 200 + (size_t)payments * 64;
    char *req = malloc(cap);
    size_t n = (size_t)snprintf(req, cap,
        "{\"kind\":\"arrears_ledger\",\"input\":{\"state\":\"california\",\"as_of\":\"2025-12-31\","
        "\"iv_d\":true,\"orders\":[{\"type\":\"child\",\"frequency\":\"monthly\",\"amount\":\"650\","
        "\"start\":\"2008-01-01\",\"due_day\":1}],\"payments\":[");
    struct tm day = {.tm_year = 108, .tm_mon = 0, .tm_mday = 10, .tm_hour = 12};
    for (int i = 0; i < payments; i++) {
        char date[16];
        mktime(&day);
        strftime(date, sizeof date, "%Y-%m-%d", &day);
        n += (size_t)snprintf(req + n, cap - n, "%s{\"date\":\"%s\",\"amount\":\"420\"}",
                              i ? "," : "", date);
        day.tm_mday += 21;
    }
    snprintf(req + n, cap - n, "]}}");

    cs_rules *rules = NULL;
    cs_response *resp = NULL;
    if (cs_rules_default(&rules) != CS_STATUS_OK) return 1;
    if (cs_compute_json(rules, req, &resp) != CS_STATUS_OK) {
        fprintf(stderr, "%s\n", cs_response_json(resp));
        return 1;
    }
    size_t lines = 0;
    if (cs_response_array_len(resp, "/result/lines", &lines) != CS_STATUS_OK) return 1;
    const char *json = cs_response_json(resp);
    char *copy = strdup(json);

    double t_copy, t_live, t_resp;
    long long a = read_all(by_json, copy, lines, &t_copy);
    long long b = read_all(by_json, json, lines, &t_live);
    long long c = read_all(by_response, resp, lines, &t_resp);
    printf("%zu lines, %zu bytes of JSON\n", lines, strlen(json));
    printf("cs_json_get on a copy (parsed every call): %9.3f ms\n", t_copy * 1e3);
    printf("cs_json_get on cs_response_json's text:    %9.3f ms\n", t_live * 1e3);
    printf("cs_response_get:                           %9.3f ms\n", t_resp * 1e3);
    free(copy);
    free(req);
    cs_response_free(resp);
    cs_rules_free(rules);
    return (a == b && b == c) ? 0 : 1;
}
