/*
 * conformance.c: runs the shared conformance vectors (the .json files of tests/vectors) through the C
 * interface, by the rule of tests/src/lib.rs:
 *
 *   each case: optional "rules" (TOML replacing rule series, loaded with cs_rules_from_toml),
 *   "request" (sent to cs_compute_json), "expect" = [[JSON pointer, expected string], ...];
 *   a JSON string in the response is compared by its content, anything else by its compact
 *   JSON text (which is what cs_json_get returns).
 *
 * A file may also have "rules_cases" (errors.json): rules documents cs_rules_from_toml must
 * refuse with CS_STATUS_RULES, naming "field", the message ending "(line N)" where "line" is one.
 *
 * The vector files are read with plain C and walked with cs_json_array_len / cs_json_get.
 *
 * Usage: conformance FILE.json...
 * Prints one line per failure, then "N passed, N failed"; exits non-zero on any failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "childsupport.h"

static int passed = 0;
static int failed = 0;

/* The whole file as a NUL-terminated string (malloc'd), or NULL. */
static char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t cap = 1 << 16;
    size_t len = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        size_t n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if (len < cap - 1) {
            break;
        }
        char *bigger = realloc(buf, cap * 2);
        if (bigger == NULL) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    if (buf != NULL) {
        if (ferror(f)) {
            free(buf);
            buf = NULL;
        } else {
            buf[len] = '\0';
        }
    }
    fclose(f);
    return buf;
}

/* The value at `pointer` in `json` (malloc'd), or NULL with *status set. */
static char *get(const char *json, const char *pointer, cs_status *status) {
    size_t needed = 0;
    cs_status st = cs_json_get(json, pointer, NULL, 0, &needed);
    if (st != CS_STATUS_BUFFER_TOO_SMALL) {
        *status = st;
        return NULL;
    }
    char *buf = malloc(needed);
    if (buf == NULL) {
        *status = CS_STATUS_INTERNAL;
        return NULL;
    }
    st = cs_json_get(json, pointer, buf, needed, &needed);
    *status = st;
    if (st != CS_STATUS_OK) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* One expectation: the value at `pointer` in the response is `expected`. */
static int check_expectation(const char *file, const char *id, const char *response,
                             const char *pointer, const char *expected) {
    cs_status st;
    char *actual = get(response, pointer, &st);
    int ok = actual != NULL && strcmp(actual, expected) == 0;
    if (!ok) {
        printf("FAIL %s %s: %s: expected \"%s\", got %s%s%s (response: %.600s)\n", file, id,
               pointer, expected, actual ? "\"" : "", actual ? actual : cs_status_name(st),
               actual ? "\"" : "", response);
    }
    free(actual);
    return ok;
}

/* One case, `doc` being the case object's JSON text (so each lookup parses one case, not the
 * whole file). */
static void run_case(const char *file, const char *doc, size_t index) {
    cs_status st;
    char *id = get(doc, "/id", &st);
    const char *name = id ? id : "(no id)";
    char *request = get(doc, "/request", &st);
    char *rules_toml = get(doc, "/rules", &st);
    cs_status rules_lookup = st;

    cs_rules *rules = NULL;
    cs_error *err = NULL;
    cs_response *resp = NULL;
    size_t n_expect = 0;
    int case_ok = 1;

    if (id == NULL || request == NULL) {
        printf("FAIL %s case %zu: no id or request\n", file, index);
        case_ok = 0;
        goto done;
    }
    if (rules_toml != NULL) {
        if (cs_rules_from_toml(rules_toml, &rules, &err) != CS_STATUS_OK) {
            printf("FAIL %s %s: rules override does not load: %s\n", file, name,
                   cs_error_message(err));
            case_ok = 0;
            goto done;
        }
    } else if (rules_lookup != CS_STATUS_NOT_FOUND) {
        printf("FAIL %s %s: \"rules\" unreadable (%s)\n", file, name,
               cs_status_name(rules_lookup));
        case_ok = 0;
        goto done;
    } else if (cs_rules_default(&rules) != CS_STATUS_OK) {
        printf("FAIL %s %s: no default rules\n", file, name);
        case_ok = 0;
        goto done;
    }

    /* The status is the error code of an error response; the expectations judge it. */
    (void)cs_compute_json(rules, request, &resp);
    const char *response = cs_response_json(resp);
    if (response == NULL) {
        printf("FAIL %s %s: no response\n", file, name);
        case_ok = 0;
        goto done;
    }

    if (cs_json_array_len(doc, "/expect", &n_expect) != CS_STATUS_OK || n_expect == 0) {
        printf("FAIL %s %s: a case must expect something\n", file, name);
        case_ok = 0;
        goto done;
    }
    for (size_t j = 0; j < n_expect; j++) {
        char p0[64];
        char p1[64];
        snprintf(p0, sizeof p0, "/expect/%zu/0", j);
        snprintf(p1, sizeof p1, "/expect/%zu/1", j);
        cs_status s0;
        cs_status s1;
        char *pointer = get(doc, p0, &s0);
        char *expected = get(doc, p1, &s1);
        if (pointer == NULL || expected == NULL) {
            printf("FAIL %s %s: expectation %zu is not [pointer, value]\n", file, name, j);
            case_ok = 0;
        } else if (!check_expectation(file, name, response, pointer, expected)) {
            case_ok = 0;
        }
        free(pointer);
        free(expected);
    }

done:
    if (case_ok) {
        passed++;
    } else {
        failed++;
    }
    cs_response_free(resp);
    cs_rules_free(rules);
    cs_error_free(err);
    free(rules_toml);
    free(request);
    free(id);
}

/* One refused rules document (errors.json's "rules_cases", docs/errors.md): cs_rules_from_toml
 * fails with the code's status, the error names the entry, and the message ends with the line. */
static void run_rules_case(const char *file, const char *doc) {
    cs_status st;
    char *id = get(doc, "/id", &st);
    char *toml = get(doc, "/rules", &st);
    char *field = get(doc, "/field", &st);
    char *line = get(doc, "/line", &st); /* a number, or "null" */
    const char *name = id ? id : "(no id)";
    cs_rules *rules = NULL;
    cs_error *err = NULL;
    int ok = toml != NULL && field != NULL && line != NULL;
    if (ok) {
        st = cs_rules_from_toml(toml, &rules, &err);
        const char *got_field = cs_error_field(err);
        const char *message = cs_error_message(err);
        char tail[32] = "";
        if (strcmp(line, "null") != 0) {
            snprintf(tail, sizeof tail, "(line %s)", line);
        }
        size_t m = message ? strlen(message) : 0;
        size_t t = strlen(tail);
        ok = st == CS_STATUS_RULES && rules == NULL && got_field != NULL
             && strcmp(got_field, field) == 0 && message != NULL && m >= t
             && strcmp(message + m - t, tail) == 0;
        if (!ok) {
            printf("FAIL %s %s: status %s, field %s, message %s; expected rules, %s, ending %s\n",
                   file, name, cs_status_name(st), got_field ? got_field : "(NULL)",
                   message ? message : "(NULL)", field, tail);
        }
    } else {
        printf("FAIL %s %s: a rules case needs rules, field and line\n", file, name);
    }
    if (ok) {
        passed++;
    } else {
        failed++;
    }
    cs_rules_free(rules);
    cs_error_free(err);
    free(line);
    free(field);
    free(toml);
    free(id);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s VECTORS.json...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        const char *file = argv[i];
        char *doc = read_file(file);
        if (doc == NULL) {
            printf("FAIL %s: cannot read the file\n", file);
            failed++;
            continue;
        }
        size_t n = 0;
        cs_status st = cs_json_array_len(doc, "/cases", &n);
        if (st != CS_STATUS_OK) {
            printf("FAIL %s: no \"cases\" array (%s)\n", file, cs_status_name(st));
            failed++;
        }
        for (size_t c = 0; c < n; c++) {
            char ptr[64];
            snprintf(ptr, sizeof ptr, "/cases/%zu", c);
            char *case_json = get(doc, ptr, &st);
            if (case_json == NULL) {
                printf("FAIL %s case %zu: unreadable (%s)\n", file, c, cs_status_name(st));
                failed++;
                continue;
            }
            run_case(file, case_json, c);
            free(case_json);
        }
        size_t nr = 0;
        if (cs_json_array_len(doc, "/rules_cases", &nr) == CS_STATUS_OK) {
            for (size_t c = 0; c < nr; c++) {
                char ptr[64];
                snprintf(ptr, sizeof ptr, "/rules_cases/%zu", c);
                char *case_json = get(doc, ptr, &st);
                if (case_json != NULL) {
                    run_rules_case(file, case_json);
                }
                free(case_json);
            }
        }
        free(doc);
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 && passed > 0 ? 0 : 1;
}
