/*
 * test_threads.c: several threads share one rules handle (loaded from TOML, so not the embedded
 * static) and each checks every answer it gets: results of three kinds, the typed call, and
 * errors with their code and field. Run under AddressSanitizer/UBSan and valgrind by run.sh.
 *
 * Expected values (derivations in examples/README.md and spec/california.md §5, never from
 * running the library):
 *   N2 (2025-03-01, 3,000 / 1,000, H% 0.20, two children): 954.21
 *   N1 (2024-10-01, 1,800 / 700, H% 0, one child, low income): range 228.01 to 351.31,
 *      presumed 228.01 (2024 minimum wage 16.00 x 40 x 52 / 12 = 2,773.33...)
 *   TX-02 (2026, gross wages 6,000/month, one child): 991.37
 *   "3_000" as an income: invalid_input (1) naming parent_a_net_income
 *   a California case dated 2003-06-01: no_rule (2) naming california.k_tables
 *
 * Usage: test_threads. Prints "N passed, N failed"; exits non-zero on any failure.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "childsupport.h"

#define THREADS 6
#define ROUNDS 12

/* The embedded minimum wage series, restated: the handle is a loaded rule set that names the
 * series it replaced, and its figures are the embedded ones, so the expected values hold. */
static const char *RULES =
    "[[california.minimum_wage]]\n"
    "effective_from = \"2024-01-01\"\neffective_through = \"2024-12-31\"\n"
    "hourly = \"16.00\"\ncitation = \"Lab. Code §1182.12\"\nstatus = \"SECONDARY\"\n"
    "[[california.minimum_wage]]\n"
    "effective_from = \"2025-01-01\"\neffective_through = \"2025-12-31\"\n"
    "hourly = \"16.50\"\ncitation = \"Lab. Code §1182.12\"\nstatus = \"SECONDARY\"\n"
    "[[california.minimum_wage]]\n"
    "effective_from = \"2026-01-01\"\neffective_through = \"2026-12-31\"\n"
    "hourly = \"16.90\"\ncitation = \"Lab. Code §1182.12\"\nstatus = \"SECONDARY\"\n";

/* A JSON request, its expected status, and the expected value at each pointer. */
typedef struct {
    const char *name;
    const char *request;
    cs_status status;
    const char *pointers[3];
    const char *values[3];
} json_case;

static const json_case CASES[] = {
    {"N2",
     "{\"kind\":\"california_guideline\",\"input\":{\"calculation_date\":\"2025-03-01\","
     "\"parent_a_net_income\":\"3000.00\",\"parent_b_net_income\":\"1000.00\","
     "\"time_share\":{\"parent\":\"parent_a\",\"fraction\":\"0.20\"},\"children\":2}}",
     CS_STATUS_OK,
     {"/result/amount", "/result/payer", "/rules/replaced/0"},
     {"954.21", "parent_a", "california.minimum_wage"}},
    {"N1",
     "{\"kind\":\"california_guideline\",\"input\":{\"calculation_date\":\"2024-10-01\","
     "\"parent_a_net_income\":\"1800.00\",\"parent_b_net_income\":\"700.00\","
     "\"time_share\":{\"parent\":\"parent_a\",\"fraction\":\"0\"},\"children\":1}}",
     CS_STATUS_OK,
     {"/result/amount", "/result/low_income_adjustment/lowest_amount",
      "/result/low_income_adjustment/highest_amount"},
     {"228.01", "228.01", "351.31"}},
    {"TX-02",
     "{\"kind\":\"texas_guideline\",\"input\":{\"order_date\":\"2026-01-15\",\"obligor\":"
     "{\"incomes\":[{\"amount\":\"6000.00\",\"frequency\":\"monthly\",\"kind\":\"wages\"}]},"
     "\"children\":1}}",
     CS_STATUS_OK,
     {"/result/amount", "/result/guideline_net_resources", "/rules/replaced/0"},
     {"991.37", "4956.83", "california.minimum_wage"}},
    {"underscore",
     "{\"kind\":\"california_guideline\",\"input\":{\"calculation_date\":\"2025-03-01\","
     "\"parent_a_net_income\":\"3_000\",\"parent_b_net_income\":\"1000\","
     "\"time_share\":{\"parent\":\"parent_a\",\"fraction\":\"0.20\"},\"children\":2}}",
     CS_STATUS_INVALID_INPUT,
     {"/error/code", "/error/field", "/error/value"},
     {"invalid_input", "parent_a_net_income", "3_000"}},
    {"2003",
     "{\"kind\":\"california_guideline\",\"input\":{\"calculation_date\":\"2003-06-01\","
     "\"parent_a_net_income\":\"3000\",\"parent_b_net_income\":\"1000\","
     "\"time_share\":{\"parent\":\"parent_a\",\"fraction\":\"0.20\"},\"children\":2}}",
     CS_STATUS_NO_RULE,
     {"/error/code", "/error/field", NULL},
     {"no_rule", "california.k_tables", NULL}},
};
#define NCASES (sizeof CASES / sizeof CASES[0])

typedef struct {
    const cs_rules *rules;
    int offset;     /* threads start at different cases, so different work overlaps */
    int checks;     /* how many values this thread checked */
    int failures;   /* how many of them were wrong */
} worker_state;

static void fail(worker_state *w, const char *what, const char *name, const char *got,
                 const char *want) {
    w->failures++;
    fprintf(stderr, "thread %d, %s: %s is \"%s\", expected \"%s\"\n", w->offset, name, what,
            got ? got : "(NULL)", want);
}

static void check_json(worker_state *w, const json_case *c) {
    cs_response *response = NULL;
    cs_status st = cs_compute_json(w->rules, c->request, &response);
    w->checks++;
    if (st != c->status) {
        char got[32];
        snprintf(got, sizeof got, "%u", (unsigned)st);
        fail(w, "status", c->name, got, cs_status_name(c->status));
    }
    for (int i = 0; i < 3 && c->pointers[i] != NULL; i++) {
        char buf[128];
        size_t needed = 0;
        cs_status g = cs_response_get(response, c->pointers[i], buf, sizeof buf, &needed);
        w->checks++;
        if (g != CS_STATUS_OK || strcmp(buf, c->values[i]) != 0) {
            fail(w, c->pointers[i], c->name, g == CS_STATUS_OK ? buf : cs_status_name(g),
                 c->values[i]);
        }
    }
    cs_response_free(response);
}

static void check_typed(worker_state *w) {
    cs_california_input in;
    cs_california_input_init(&in);
    in.calculation_date = "2025-03-01";
    in.parent_a_net_income = "3000";
    in.parent_b_net_income = "1000";
    in.time_share_parent = CS_PARENT_A;
    in.time_share_fraction = "0.20";
    in.children = 2;
    cs_california_output out;
    cs_status st = cs_california_guideline(w->rules, &in, &out, NULL);
    w->checks++;
    if (st != CS_STATUS_OK || out.amount.cents != 95421 || strcmp(out.amount.decimal, "954.21") != 0
        || out.payer != CS_PARENT_A) {
        fail(w, "typed amount", "N2", out.amount.decimal, "954.21");
    }
    /* A bad decimal in the typed call: the same code and field as the JSON interface. */
    in.parent_a_net_income = "3_000";
    cs_response *response = NULL;
    st = cs_california_guideline(w->rules, &in, &out, &response);
    w->checks++;
    const char *field = cs_response_error_field(response);
    if (st != CS_STATUS_INVALID_INPUT || field == NULL
        || strcmp(field, "parent_a_net_income") != 0) {
        fail(w, "typed error field", "underscore", field, "parent_a_net_income");
    }
    cs_response_free(response);
}

static void *worker(void *arg) {
    worker_state *w = arg;
    for (int round = 0; round < ROUNDS; round++) {
        for (size_t k = 0; k < NCASES; k++) {
            check_json(w, &CASES[(k + (size_t)w->offset) % NCASES]);
        }
        check_typed(w);
    }
    return NULL;
}

int main(void) {
    cs_rules *rules = NULL;
    cs_error *err = NULL;
    if (cs_rules_from_toml(RULES, &rules, &err) != CS_STATUS_OK) {
        fprintf(stderr, "the rules do not load: %s\n", cs_error_message(err));
        cs_error_free(err);
        return 1;
    }
    pthread_t threads[THREADS];
    worker_state states[THREADS];
    int started = 0;
    for (int i = 0; i < THREADS; i++) {
        states[i] = (worker_state){rules, i, 0, 0};
        if (pthread_create(&threads[i], NULL, worker, &states[i]) != 0) {
            fprintf(stderr, "pthread_create failed for thread %d\n", i);
            break;
        }
        started++;
    }
    int passed = 0, failed = started == THREADS ? 0 : 1;
    for (int i = 0; i < started; i++) {
        pthread_join(threads[i], NULL);
        passed += states[i].checks - states[i].failures;
        failed += states[i].failures;
    }
    /* Every thread checked every case every round: 5 JSON cases with 1 status + their values,
     * and 2 typed checks. */
    int per_round = 0;
    for (size_t k = 0; k < NCASES; k++) {
        per_round += 1;
        for (int i = 0; i < 3 && CASES[k].pointers[i] != NULL; i++) {
            per_round++;
        }
    }
    per_round += 2;
    if (started == THREADS && passed + failed != THREADS * ROUNDS * per_round) {
        fprintf(stderr, "%d checks made, expected %d\n", passed + failed,
                THREADS * ROUNDS * per_round);
        failed++;
    }
    cs_rules_free(rules);
    printf("%d passed, %d failed (%d threads sharing one rules handle)\n", passed, failed,
           THREADS);
    return failed == 0 ? 0 : 1;
}
