/*
 * test_api.c: the C interface of childsupport, exercised from C.
 *
 * Expected values come from spec/california.md §5 (DERIVED examples) or from the arithmetic
 * written next to them, never from running the library.
 *
 * Usage: test_api [SCRATCH_DIR]   (SCRATCH_DIR receives a rules file for cs_rules_from_file;
 * default ".")
 * Prints "N passed, N failed" and exits non-zero on any failure.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "childsupport.h"

static int passed = 0;
static int failed = 0;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (cond) {                                                              \
            passed++;                                                            \
        } else {                                                                 \
            failed++;                                                            \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                        \
    } while (0)

#define CHECK_STATUS(expr, want)                                                 \
    do {                                                                         \
        cs_status got_ = (expr);                                                 \
        if (got_ == (cs_status)(want)) {                                         \
            passed++;                                                            \
        } else {                                                                 \
            failed++;                                                            \
            fprintf(stderr, "%s:%d: %s returned %u (%s), expected %u (%s)\n",    \
                    __FILE__, __LINE__, #expr, (unsigned)got_, cs_status_name(got_), \
                    (unsigned)(want), cs_status_name(want));                     \
        }                                                                        \
    } while (0)

#define CHECK_STR(actual, expected)                                              \
    do {                                                                         \
        const char *a_ = (actual);                                               \
        const char *e_ = (expected);                                             \
        if (a_ != NULL && strcmp(a_, e_) == 0) {                                 \
            passed++;                                                            \
        } else {                                                                 \
            failed++;                                                            \
            fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__,  \
                    __LINE__, #actual, a_ ? a_ : "(NULL)", e_);                  \
        }                                                                        \
    } while (0)

/* The value at `pointer` in `json` (malloc'd, caller frees), or NULL. */
static char *json_get(const char *json, const char *pointer) {
    size_t needed = 0;
    cs_status st = cs_json_get(json, pointer, NULL, 0, &needed);
    if (st != CS_STATUS_BUFFER_TOO_SMALL) {
        return NULL;
    }
    char *buf = malloc(needed);
    if (buf == NULL) {
        return NULL;
    }
    if (cs_json_get(json, pointer, buf, needed, &needed) != CS_STATUS_OK) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Checks that the value at `pointer` in `json` is `expected`. */
#define CHECK_JSON(json, pointer, expected)                                      \
    do {                                                                         \
        char *v_ = json_get((json), (pointer));                                  \
        CHECK_STR(v_, (expected));                                               \
        free(v_);                                                                \
    } while (0)

static cs_california_input n2_input(void) {
    /* spec/california.md §5.2 N2: HN 3,000, LN 1,000, H% 0.20, two children. */
    cs_california_input in;
    cs_california_input_init(&in);
    in.calculation_date = "2025-03-01";
    in.parent_a_net_income = "3000";
    in.parent_b_net_income = "1000";
    in.time_share_parent = CS_PARENT_A;
    in.time_share_fraction = "0.20";
    in.children = 2;
    return in;
}

static const char *N2_JSON =
    "{\"kind\":\"california_guideline\",\"input\":{\"calculation_date\":\"2025-03-01\","
    "\"parent_a_net_income\":\"3000\",\"parent_b_net_income\":\"1000\","
    "\"time_share\":{\"parent\":\"parent_a\",\"fraction\":\"0.20\"},\"children\":2}}";

static void test_version(void) {
    char built[64];
    snprintf(built, sizeof built, "%d.%d.%d", CHILDSUPPORT_VERSION_MAJOR,
             CHILDSUPPORT_VERSION_MINOR, CHILDSUPPORT_VERSION_PATCH);
    CHECK_STR(cs_version(), CHILDSUPPORT_VERSION);
    CHECK_STR(cs_version(), built);
    CHECK_STR(cs_status_name(CS_STATUS_OK), "ok");
    CHECK_STR(cs_status_name(CS_STATUS_INVALID_INPUT), "invalid_input");
    CHECK_STR(cs_status_name(CS_STATUS_NULL_POINTER), "null_pointer");
    CHECK_STR(cs_status_name(12345), "unknown");
    CHECK_STR(cs_parent_name(CS_PARENT_B), "parent_b");
    size_t n = 0;
    CHECK_STATUS(cs_json_array_len(cs_kinds_json(), "", &n), CS_STATUS_OK);
    CHECK(n >= 1);
    CHECK_JSON(cs_kinds_json(), "/0", "california_guideline");
}

static void test_typed_n2(const cs_rules *rules) {
    cs_california_input in = n2_input();
    cs_california_output out;
    cs_response *resp = NULL;
    CHECK_STATUS(cs_california_guideline(rules, &in, &out, &resp), CS_STATUS_OK);
    /* 0.131 + 4000/42149 = 0.2259014211; K = 1.2 x that; CS1 = K x 2200 = 596.379752;
     * x 1.6 = 954.2076 -> 954.21, paid by the high earner (parent A). */
    CHECK(out.amount.cents == 95421);
    CHECK_STR(out.amount.decimal, "954.21");
    CHECK(out.payer == CS_PARENT_A);
    CHECK(out.recipient == CS_PARENT_B);
    CHECK(out.band == 2);
    CHECK(!out.has_low_income_range); /* obligor NDI 3,000 >= T */
    CHECK(cs_response_status(resp) == CS_STATUS_OK);
    CHECK(cs_response_error_message(resp) == NULL);
    const char *json = cs_response_json(resp);
    CHECK_JSON(json, "/kind", "california_guideline");
    CHECK_JSON(json, "/result/amount", "954.21");
    CHECK_JSON(json, "/result/payer", "parent_a");
    CHECK_JSON(json, "/result/band", "2");
    CHECK_JSON(json, "/result/per_child/0/amount", "596.38");
    CHECK_JSON(json, "/result/per_child/1/amount", "357.83");
    CHECK_JSON(json, "/result/low_income_adjustment", "null");
    size_t steps = 0;
    CHECK_STATUS(cs_json_array_len(json, "/result/worksheet", &steps), CS_STATUS_OK);
    CHECK(steps > 5);

    /* The same values read from the response itself (parsed once, kept until freed). */
    char buf[64];
    size_t needed = 0;
    CHECK_STATUS(cs_response_get(resp, "/result/amount", buf, sizeof buf, &needed), CS_STATUS_OK);
    CHECK_STR(buf, "954.21");
    CHECK(needed == 7);
    CHECK_STATUS(cs_response_get(resp, "/result/per_child/1/amount", buf, sizeof buf, NULL),
                 CS_STATUS_OK);
    CHECK_STR(buf, "357.83");
    CHECK_STATUS(cs_response_get(resp, "/result/band", buf, sizeof buf, NULL), CS_STATUS_OK);
    CHECK_STR(buf, "2");
    CHECK_STATUS(cs_response_get(resp, "/result/amount", buf, 6, &needed),
                 CS_STATUS_BUFFER_TOO_SMALL);
    CHECK(needed == 7 && buf[0] == '\0');
    CHECK_STATUS(cs_response_get(resp, "/result/missing", buf, sizeof buf, &needed),
                 CS_STATUS_NOT_FOUND);
    CHECK(needed == 0);
    CHECK_STATUS(cs_response_get(NULL, "/result/amount", buf, sizeof buf, &needed),
                 CS_STATUS_NULL_POINTER);
    size_t steps2 = 0;
    CHECK_STATUS(cs_response_array_len(resp, "/result/worksheet", &steps2), CS_STATUS_OK);
    CHECK(steps2 == steps);
    CHECK_STATUS(cs_response_array_len(resp, "/result/amount", &steps2), CS_STATUS_WRONG_TYPE);

    /* The typed call answers with exactly the JSON call's document. */
    cs_response *resp2 = NULL;
    CHECK_STATUS(cs_compute_json(rules, N2_JSON, &resp2), CS_STATUS_OK);
    CHECK(strcmp(cs_response_json(resp2), json) == 0);
    cs_response_free(resp2);
    cs_response_free(resp);

    /* Whole cents, without asking for the response. */
    cs_california_input_cents inc;
    cs_california_input_cents_init(&inc);
    inc.calculation_date = "2025-03-01";
    inc.parent_a_net_income_cents = 300000;
    inc.parent_b_net_income_cents = 100000;
    inc.time_share_parent = CS_PARENT_A;
    inc.time_share_fraction = "0.20";
    inc.children = 2;
    CHECK_STATUS(cs_california_guideline_cents(rules, &inc, &out, NULL), CS_STATUS_OK);
    CHECK(out.amount.cents == 95421);
    CHECK_STR(out.amount.decimal, "954.21");

    /* The time share given as parent B's 0.80 is the same case. */
    inc.time_share_parent = CS_PARENT_B;
    inc.time_share_fraction = "0.80";
    CHECK_STATUS(cs_california_guideline_cents(rules, &inc, &out, NULL), CS_STATUS_OK);
    CHECK(out.amount.cents == 95421);
}

static void test_typed_n1_low_income(const cs_rules *rules) {
    /* spec/california.md §5.2 N1 and its LIA: HN 1,800, LN 700, H% 0, one child, 2024-10-01.
     * CS = 0.1951724658 x 1,800 = 351.310438 -> 351.31; T = 16.00 x 40 x 52 / 12 = 2,773.333...;
     * lowest = 351.310438 x 1,800 / 2,773.333... = 228.01. */
    cs_california_input in;
    cs_california_input_init(&in);
    in.calculation_date = "2024-10-01";
    in.parent_a_net_income = "1800";
    in.parent_b_net_income = "700";
    in.time_share_parent = CS_PARENT_A;
    in.time_share_fraction = "0";
    in.children = 1;
    cs_california_output out;
    CHECK_STATUS(cs_california_guideline(rules, &in, &out, NULL), CS_STATUS_OK);
    /* §4055(b)(7) presumes the adjustment: the amount is the lowest of the range. */
    CHECK_STR(out.amount.decimal, "228.01");
    CHECK_STR(out.unadjusted_amount.decimal, "351.31");
    CHECK(out.band == 1);
    CHECK(out.has_low_income_range);
    CHECK(out.low_income_lowest.cents == 22801);
    CHECK_STR(out.low_income_lowest.decimal, "228.01");
    CHECK(out.low_income_highest.cents == 35131);
    CHECK_STR(out.low_income_highest.decimal, "351.31");
}

static void test_typed_low_income_choice(const cs_rules *rules) {
    /* N1 in 2025 (T = 16.50 x 40 x 52 / 12 = 2,860): range 221.10 to 351.31. The court's
     * finding: none (351.31), or 300.00 within the range; 400.00 is outside it. */
    cs_california_input in;
    cs_california_input_init(&in);
    in.calculation_date = "2025-06-01";
    in.parent_a_net_income = "1800";
    in.parent_b_net_income = "700";
    in.time_share_parent = CS_PARENT_A;
    in.time_share_fraction = "0";
    in.children = 1;
    cs_california_output out;
    CHECK_STATUS(cs_california_guideline(rules, &in, &out, NULL), CS_STATUS_OK);
    CHECK_STR(out.amount.decimal, "221.10");
    in.low_income_adjustment = CS_LOW_INCOME_NONE;
    CHECK_STATUS(cs_california_guideline(rules, &in, &out, NULL), CS_STATUS_OK);
    CHECK_STR(out.amount.decimal, "351.31");
    in.low_income_adjustment = CS_LOW_INCOME_AMOUNT;
    in.low_income_amount = "300.00";
    CHECK_STATUS(cs_california_guideline(rules, &in, &out, NULL), CS_STATUS_OK);
    CHECK(out.amount.cents == 30000);
    in.low_income_amount = "400.00";
    cs_response *resp = NULL;
    CHECK_STATUS(cs_california_guideline(rules, &in, &out, &resp), CS_STATUS_INVALID_INPUT);
    CHECK_STR(cs_response_error_field(resp), "low_income_adjustment.amount");
    cs_response_free(resp);
}

static void test_half_cent_rounds_up(const cs_rules *rules) {
    /* Issue 7's vector: 8,547.50 each, parent A 75% of the time, 3 children, 2026-07-22:
     * exactly 2,032.125, so 2,032.13 (derivation in tests/vectors, CA-HALF-ISSUE7). */
    cs_california_input in;
    cs_california_input_init(&in);
    in.calculation_date = "2026-07-22";
    in.parent_a_net_income = "8547.50";
    in.parent_b_net_income = "8547.50";
    in.time_share_parent = CS_PARENT_A;
    in.time_share_fraction = "0.75";
    in.children = 3;
    cs_california_output out;
    CHECK_STATUS(cs_california_guideline(rules, &in, &out, NULL), CS_STATUS_OK);
    CHECK(out.amount.cents == 203213);
    CHECK(out.payer == CS_PARENT_B);
}

static void test_exact_decimals(const cs_rules *rules) {
    /* An annual 33,280 / 12 crosses with all its digits, as a string and as a JSON number. */
    const char *monthly = "2773.333333333333333333333333";
    cs_california_input in = n2_input();
    in.parent_a_net_income = monthly;
    cs_california_output out;
    cs_response *typed = NULL;
    CHECK_STATUS(cs_california_guideline(rules, &in, &out, &typed), CS_STATUS_OK);
    const char *json = cs_response_json(typed);
    CHECK_JSON(json, "/result/high_earner_net_income", monthly);
    /* TN = 2773.333... + 1000, exactly. */
    CHECK_JSON(json, "/result/total_net_income", "3773.333333333333333333333333");

    const char *as_string =
        "{\"kind\":\"california_guideline\",\"input\":{\"calculation_date\":\"2025-03-01\","
        "\"parent_a_net_income\":\"2773.333333333333333333333333\",\"parent_b_net_income\":1000,"
        "\"time_share\":{\"parent\":\"parent_a\",\"fraction\":0.20},\"children\":2}}";
    const char *as_number =
        "{\"kind\":\"california_guideline\",\"input\":{\"calculation_date\":\"2025-03-01\","
        "\"parent_a_net_income\":2773.333333333333333333333333,\"parent_b_net_income\":\"1000\","
        "\"time_share\":{\"parent\":\"parent_a\",\"fraction\":\"0.20\"},\"children\":2}}";
    cs_response *r1 = NULL;
    cs_response *r2 = NULL;
    CHECK_STATUS(cs_compute_json(rules, as_string, &r1), CS_STATUS_OK);
    CHECK_STATUS(cs_compute_json(rules, as_number, &r2), CS_STATUS_OK);
    CHECK(strcmp(cs_response_json(r1), cs_response_json(r2)) == 0);
    CHECK(strcmp(cs_response_json(r1), json) == 0);
    CHECK_JSON(cs_response_json(r2), "/result/high_earner_net_income", monthly);
    cs_response_free(r1);
    cs_response_free(r2);
    cs_response_free(typed);
}

static void test_errors(const cs_rules *rules) {
    cs_california_input in = n2_input();
    cs_california_output out;
    cs_response *resp = NULL;

    /* A negative income names the field, in the message, the field and the JSON. */
    in.parent_a_net_income = "-5";
    out.band = 99;
    CHECK_STATUS(cs_california_guideline(rules, &in, &out, &resp), CS_STATUS_INVALID_INPUT);
    CHECK(out.band == 0 && out.payer == CS_PARENT_NONE); /* zeroed on failure */
    CHECK_STR(cs_response_error_field(resp), "parent_a_net_income");
    CHECK(cs_response_error_message(resp) != NULL &&
          strstr(cs_response_error_message(resp), "parent_a_net_income") != NULL);
    CHECK_JSON(cs_response_json(resp), "/error/code", "invalid_input");
    CHECK_JSON(cs_response_json(resp), "/error/field", "parent_a_net_income");
    CHECK_JSON(cs_response_json(resp), "/error/value", "-5");
    cs_response_free(resp);

    /* Not a number. */
    in = n2_input();
    in.parent_b_net_income = "1,000";
    CHECK_STATUS(cs_california_guideline(rules, &in, &out, &resp), CS_STATUS_INVALID_INPUT);
    CHECK_STR(cs_response_error_field(resp), "parent_b_net_income");
    cs_response_free(resp);

    /* An enum value C made up. */
    in = n2_input();
    in.time_share_parent = 7;
    CHECK_STATUS(cs_california_guideline(rules, &in, &out, &resp), CS_STATUS_INVALID_INPUT);
    CHECK_STR(cs_response_error_field(resp), "time_share.parent");
    cs_response_free(resp);

    /* A date that does not exist. */
    in = n2_input();
    in.calculation_date = "2025-02-29";
    CHECK_STATUS(cs_california_guideline(rules, &in, &out, &resp), CS_STATUS_INVALID_INPUT);
    CHECK_STR(cs_response_error_field(resp), "calculation_date");
    cs_response_free(resp);

    /* A date no rule covers (the K table is known from 2004-01-01). */
    in = n2_input();
    in.calculation_date = "2003-12-31";
    CHECK_STATUS(cs_california_guideline(rules, &in, &out, &resp), CS_STATUS_NO_RULE);
    CHECK_STR(cs_response_error_field(resp), "california.k_tables");
    cs_response_free(resp);

    /* NULL pointers: arguments and string fields. */
    CHECK_STATUS(cs_california_guideline(NULL, &in, &out, NULL), CS_STATUS_NULL_POINTER);
    CHECK_STATUS(cs_california_guideline(rules, NULL, &out, NULL), CS_STATUS_NULL_POINTER);
    CHECK_STATUS(cs_california_guideline(rules, &in, NULL, &resp), CS_STATUS_NULL_POINTER);
    CHECK_STR(cs_response_error_field(resp), "out");
    cs_response_free(resp);
    in = n2_input();
    in.time_share_fraction = NULL;
    CHECK_STATUS(cs_california_guideline(rules, &in, &out, &resp), CS_STATUS_NULL_POINTER);
    CHECK_STR(cs_response_error_field(resp), "time_share.fraction");
    CHECK_JSON(cs_response_json(resp), "/error/code", "null_pointer");
    cs_response_free(resp);

    CHECK_STATUS(cs_compute_json(rules, N2_JSON, NULL), CS_STATUS_NULL_POINTER);
    CHECK_STATUS(cs_compute_json(NULL, N2_JSON, &resp), CS_STATUS_NULL_POINTER);
    CHECK_STR(cs_response_error_field(resp), "rules");
    cs_response_free(resp);
    CHECK_STATUS(cs_compute_json(rules, NULL, &resp), CS_STATUS_NULL_POINTER);
    CHECK_STR(cs_response_error_field(resp), "request_json");
    CHECK(cs_response_status(resp) == CS_STATUS_NULL_POINTER);
    cs_response_free(resp);
    CHECK_STATUS(cs_rules_default(NULL), CS_STATUS_NULL_POINTER);
    CHECK(cs_response_json(NULL) == NULL);
    CHECK(cs_response_status(NULL) == CS_STATUS_NULL_POINTER);
    CHECK(cs_error_message(NULL) == NULL);
    CHECK(cs_rules_version(NULL) == NULL);
    cs_response_free(NULL);
    cs_rules_free(NULL);
    cs_error_free(NULL);

    /* Invalid UTF-8: a request, and a string field. */
    CHECK_STATUS(cs_compute_json(rules, "{\"kind\":\"\xff\"}", &resp), CS_STATUS_INVALID_UTF8);
    CHECK_STR(cs_response_error_field(resp), "request_json");
    CHECK_JSON(cs_response_json(resp), "/error/code", "invalid_utf8");
    cs_response_free(resp);
    in = n2_input();
    in.parent_a_net_income = "30\xc3\x28";
    CHECK_STATUS(cs_california_guideline(rules, &in, &out, &resp), CS_STATUS_INVALID_UTF8);
    CHECK_STR(cs_response_error_field(resp), "parent_a_net_income");
    cs_response_free(resp);
    char buf[16];
    CHECK_STATUS(cs_json_get("{\"a\":\"\xff\"}", "/a", buf, sizeof buf, NULL),
                 CS_STATUS_INVALID_UTF8);

    /* Unknown kind, and a request that is not JSON. */
    CHECK_STATUS(cs_compute_json(rules, "{\"kind\":\"ohio_guideline\",\"input\":{}}", &resp),
                 CS_STATUS_REQUEST);
    CHECK(strstr(cs_response_error_message(resp), "unknown kind") != NULL);
    CHECK_JSON(cs_response_json(resp), "/error/code", "request");
    cs_response_free(resp);
    CHECK_STATUS(cs_compute_json(rules, "{", &resp), CS_STATUS_REQUEST);
    cs_response_free(resp);
}

static void test_json_get(void) {
    const char *doc = "{\"a\":\"954.21\",\"n\":0.20,\"t\":true,\"o\":{\"k\":[1, \"x\"]}}";
    char buf[64];
    size_t needed = 0;

    CHECK_STATUS(cs_json_get(doc, "/a", buf, sizeof buf, &needed), CS_STATUS_OK);
    CHECK_STR(buf, "954.21");
    CHECK(needed == 7);
    CHECK_STATUS(cs_json_get(doc, "/n", buf, sizeof buf, &needed), CS_STATUS_OK);
    CHECK_STR(buf, "0.20"); /* the exact digits, not a float */
    CHECK_JSON(doc, "/t", "true");
    CHECK_JSON(doc, "/o", "{\"k\":[1,\"x\"]}");
    CHECK_JSON(doc, "/o/k/1", "x");

    /* Buffer too small: the size needed is reported and nothing is copied. */
    strcpy(buf, "junk");
    CHECK_STATUS(cs_json_get(doc, "/a", buf, 6, &needed), CS_STATUS_BUFFER_TOO_SMALL);
    CHECK(needed == 7);
    CHECK(buf[0] == '\0');
    CHECK_STATUS(cs_json_get(doc, "/a", buf, 7, &needed), CS_STATUS_OK);
    CHECK_STR(buf, "954.21");
    CHECK_STATUS(cs_json_get(doc, "/a", NULL, 0, &needed), CS_STATUS_BUFFER_TOO_SMALL);
    CHECK(needed == 7);
    CHECK_STATUS(cs_json_get(doc, "/a", NULL, 8, &needed), CS_STATUS_NULL_POINTER);

    CHECK_STATUS(cs_json_get(doc, "/missing", buf, sizeof buf, &needed), CS_STATUS_NOT_FOUND);
    CHECK_STATUS(cs_json_get("{", "", buf, sizeof buf, &needed), CS_STATUS_INVALID_JSON);
    CHECK_STATUS(cs_json_get(NULL, "/a", buf, sizeof buf, &needed), CS_STATUS_NULL_POINTER);
    CHECK_STATUS(cs_json_get(doc, NULL, buf, sizeof buf, &needed), CS_STATUS_NULL_POINTER);

    size_t n = 99;
    CHECK_STATUS(cs_json_array_len(doc, "/o/k", &n), CS_STATUS_OK);
    CHECK(n == 2);
    CHECK_STATUS(cs_json_array_len(doc, "/o", &n), CS_STATUS_WRONG_TYPE);
    CHECK_STATUS(cs_json_array_len(doc, "/nope", &n), CS_STATUS_NOT_FOUND);
    CHECK_STATUS(cs_json_array_len(doc, "/o/k", NULL), CS_STATUS_NULL_POINTER);
}

/* The embedded 2024-2026 wages plus a 2027 entry. The 2027 figure is a TEST FIXTURE standing
 * for whatever a county loads: the real 2027 wage is UNVERIFIED (spec/california.md). */
static const char *RULES_2027 =
    "[[california.minimum_wage]]\n"
    "effective_from = \"2024-01-01\"\n"
    "effective_through = \"2024-12-31\"\n"
    "hourly = \"16.00\"\n"
    "citation = \"Lab. Code 1182.12\"\n"
    "status = \"SECONDARY\"\n"
    "\n"
    "[[california.minimum_wage]]\n"
    "effective_from = \"2025-01-01\"\n"
    "effective_through = \"2025-12-31\"\n"
    "hourly = \"16.50\"\n"
    "citation = \"Lab. Code 1182.12\"\n"
    "status = \"SECONDARY\"\n"
    "\n"
    "[[california.minimum_wage]]\n"
    "effective_from = \"2026-01-01\"\n"
    "effective_through = \"2026-12-31\"\n"
    "hourly = \"16.90\"\n"
    "citation = \"Lab. Code 1182.12\"\n"
    "status = \"SECONDARY\"\n"
    "\n"
    "[[california.minimum_wage]]\n"
    "effective_from = \"2027-01-01\"\n"
    "effective_through = \"2027-12-31\"\n"
    "hourly = \"18.00\"\n"
    "citation = \"test fixture: a county-loaded 2027 figure (hypothetical)\"\n"
    "status = \"UNVERIFIED\"\n";

/* N1 on 2027-03-01 with the 2027 fixture: T = 18.00 x 40 x 52 / 12 = 3,120.00;
 * CS = (0.165 + 2500/82857) x 1,800 = 351.3104384662...; lowest = CS x 1,800 / 3,120
 * = 202.6790991151... -> 202.68. */
static void check_n1_2027(const cs_rules *rules, int expect_range) {
    cs_california_input in;
    cs_california_input_init(&in);
    in.calculation_date = "2027-03-01";
    in.parent_a_net_income = "1800";
    in.parent_b_net_income = "700";
    in.time_share_parent = CS_PARENT_A;
    in.time_share_fraction = "0";
    in.children = 1;
    cs_california_output out;
    cs_response *resp = NULL;
    CHECK_STATUS(cs_california_guideline(rules, &in, &out, &resp), CS_STATUS_OK);
    CHECK_STR(out.unadjusted_amount.decimal, "351.31");
    /* With the 2027 wage the adjustment is presumed (202.68); without it, not tested (351.31). */
    CHECK_STR(out.amount.decimal, expect_range ? "202.68" : "351.31");
    size_t missing = 0;
    CHECK_STATUS(cs_json_array_len(cs_response_json(resp), "/result/missing_rules", &missing),
                 CS_STATUS_OK);
    if (expect_range) {
        CHECK(out.has_low_income_range);
        CHECK_STR(out.low_income_lowest.decimal, "202.68");
        CHECK(out.low_income_lowest.cents == 20268);
        CHECK_STR(out.low_income_highest.decimal, "351.31");
        CHECK(missing == 0);
    } else {
        /* No 2027 wage: the support is computed and the missing rule reported. */
        CHECK(!out.has_low_income_range);
        CHECK(missing >= 1);
    }
    cs_response_free(resp);
}

static void test_rules(const cs_rules *embedded, const char *scratch_dir) {
    CHECK(cs_rules_version(embedded) != NULL && strlen(cs_rules_version(embedded)) > 0);
    check_n1_2027(embedded, 0);

    cs_rules *rules = NULL;
    cs_error *err = NULL;
    CHECK_STATUS(cs_rules_from_toml(RULES_2027, &rules, &err), CS_STATUS_OK);
    CHECK(rules != NULL);
    CHECK(err == NULL);
    if (rules != NULL) {
        check_n1_2027(rules, 1);
    }
    cs_rules_free(rules);

    /* The same document from a file. */
    char path[1024];
    snprintf(path, sizeof path, "%s/rules-2027.toml", scratch_dir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f != NULL) {
        fputs(RULES_2027, f);
        fclose(f);
        rules = NULL;
        CHECK_STATUS(cs_rules_from_file(path, &rules, &err), CS_STATUS_OK);
        if (rules != NULL) {
            check_n1_2027(rules, 1);
        }
        cs_rules_free(rules);
        remove(path);
    }

    /* A malformed document: the status, a message, and no rules. */
    rules = NULL;
    CHECK_STATUS(cs_rules_from_toml("[[california.minimum_wage]]\nhourly = ", &rules, &err),
                 CS_STATUS_RULES);
    CHECK(rules == NULL);
    CHECK(cs_error_status(err) == CS_STATUS_RULES);
    CHECK(cs_error_message(err) != NULL && strlen(cs_error_message(err)) > 0);
    CHECK_JSON(cs_error_json(err), "/error/code", "rules");
    cs_error_free(err);

    /* Well-formed but invalid: overlapping entries, located in the rules data. */
    CHECK_STATUS(cs_rules_from_toml("[[california.minimum_wage]]\n"
                                    "effective_from = \"2027-01-01\"\n"
                                    "hourly = \"18.00\"\n"
                                    "citation = \"test\"\n"
                                    "status = \"UNVERIFIED\"\n"
                                    "[[california.minimum_wage]]\n"
                                    "effective_from = \"2027-06-01\"\n"
                                    "hourly = \"19.00\"\n"
                                    "citation = \"test\"\n"
                                    "status = \"UNVERIFIED\"\n",
                                    &rules, &err),
                 CS_STATUS_RULES);
    CHECK(cs_error_field(err) != NULL &&
          strncmp(cs_error_field(err), "california.minimum_wage", 23) == 0);
    cs_error_free(err);

    /* An unknown section, a missing file, NULLs; a NULL err is allowed. */
    CHECK_STATUS(cs_rules_from_toml("[ohio]\n", &rules, NULL), CS_STATUS_RULES);
    CHECK_STATUS(cs_rules_from_file("/nonexistent/rules.toml", &rules, &err), CS_STATUS_RULES);
    CHECK(strstr(cs_error_message(err), "/nonexistent/rules.toml") != NULL);
    cs_error_free(err);
    CHECK_STATUS(cs_rules_from_toml(NULL, &rules, &err), CS_STATUS_NULL_POINTER);
    CHECK_STR(cs_error_field(err), "toml");
    cs_error_free(err);
    CHECK_STATUS(cs_rules_from_toml("", NULL, &err), CS_STATUS_NULL_POINTER);
    CHECK_STR(cs_error_field(err), "out");
    cs_error_free(err);
    CHECK_STATUS(cs_rules_from_toml("x = \"\xff\"", &rules, &err), CS_STATUS_INVALID_UTF8);
    cs_error_free(err);
}

/* One rule set shared by several threads (it is immutable). */
#define THREADS 4
#define ROUNDS 25

static void *worker(void *arg) {
    const cs_rules *rules = arg;
    long bad = 0;
    for (int i = 0; i < ROUNDS; i++) {
        cs_california_input in = n2_input();
        cs_california_output out;
        if (cs_california_guideline(rules, &in, &out, NULL) != CS_STATUS_OK ||
            out.amount.cents != 95421) {
            bad++;
        }
    }
    return (void *)bad;
}

static void test_threads(const cs_rules *rules) {
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) {
        CHECK(pthread_create(&t[i], NULL, worker, (void *)rules) == 0);
    }
    for (int i = 0; i < THREADS; i++) {
        void *bad = NULL;
        pthread_join(t[i], &bad);
        CHECK(bad == NULL);
    }
}

/* The printout for court: the same HTML page as the CLI's --html; a kind without one is refused. */
static void test_printout(const cs_rules *rules) {
    cs_response *resp = NULL;
    CHECK_STATUS(cs_printout_html(rules, N2_JSON, "{\"caption\": {\"county\": \"Sacramento\"}}",
                                  &resp),
                 CS_STATUS_OK);
    const char *html = cs_response_json(resp);
    CHECK(strncmp(html, "<!DOCTYPE html>", 15) == 0);
    CHECK(strstr(html, "Parent A pays Parent B $954.21 per month") != NULL);
    CHECK(strstr(html, "County: <b>Sacramento</b>") != NULL);
    cs_response_free(resp);
    CHECK_STATUS(cs_printout_html(rules, "{\"kind\":\"arrears_payoff\",\"input\":{}}", NULL, &resp),
                 CS_STATUS_REQUEST);
    CHECK(strstr(cs_response_json(resp), "no printout for kind") != NULL);
    cs_response_free(resp);
    CHECK_STATUS(cs_printout_html(rules, N2_JSON, NULL, NULL), CS_STATUS_NULL_POINTER);
}

int main(int argc, char **argv) {
    const char *scratch = argc > 1 ? argv[1] : ".";
    cs_rules *rules = NULL;
    CHECK_STATUS(cs_rules_default(&rules), CS_STATUS_OK);
    if (rules == NULL) {
        fprintf(stderr, "cs_rules_default gave no rules\n");
        return 1;
    }
    test_version();
    test_typed_n2(rules);
    test_typed_n1_low_income(rules);
    test_typed_low_income_choice(rules);
    test_half_cent_rounds_up(rules);
    test_exact_decimals(rules);
    test_errors(rules);
    test_json_get();
    test_printout(rules);
    test_rules(rules, scratch);
    test_threads(rules);
    cs_rules_free(rules);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
