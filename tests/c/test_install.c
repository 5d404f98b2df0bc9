/*
 * test_install.c: a program built the way a county's build would, against the installed
 * library only: `cc test_install.c $(pkg-config --cflags --libs childsupport)`.
 * Run by tests/c/install-test.sh after scripts/install-c.sh.
 *
 * Expected values from spec/california.md §5.2 N2 (HN 3,000, LN 1,000, H% 0.20, two children,
 * 2025-03-01): 0.131 + 4000/42149 = 0.2259014211; K = 1.2 x that; CS1 = K x 2200 = 596.379752;
 * x 1.6 = 954.2076 -> 954.21 paid by parent A; per child 596.38 (youngest) and 357.83.
 */
#include <stdio.h>
#include <string.h>

#include <childsupport.h>

static int failed = 0;

#define CHECK(cond)                                                                \
    do {                                                                           \
        if (!(cond)) {                                                             \
            failed++;                                                              \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                          \
    } while (0)

int main(void) {
    /* The library loaded is the one the header describes. */
    CHECK(strcmp(cs_version(), CHILDSUPPORT_VERSION) == 0);

    cs_rules *rules = NULL;
    CHECK(cs_rules_default(&rules) == CS_STATUS_OK);

    cs_california_input in = {
        .calculation_date = "2025-03-01",
        .parent_a_net_income = "3000",
        .parent_b_net_income = "1000",
        .time_share_parent = CS_PARENT_A,
        .time_share_fraction = "0.20",
        .children = 2,
    };
    cs_california_output out;
    cs_response *resp = NULL;
    CHECK(cs_california_guideline(rules, &in, &out, &resp) == CS_STATUS_OK);
    CHECK(out.amount.cents == 95421);
    CHECK(strcmp(out.amount.decimal, "954.21") == 0);
    CHECK(out.payer == CS_PARENT_A);
    CHECK(out.recipient == CS_PARENT_B);

    char buf[64];
    CHECK(cs_response_get(resp, "/result/per_child/0/amount", buf, sizeof buf, NULL) ==
          CS_STATUS_OK);
    CHECK(strcmp(buf, "596.38") == 0);
    CHECK(cs_response_get(resp, "/result/per_child/1/amount", buf, sizeof buf, NULL) ==
          CS_STATUS_OK);
    CHECK(strcmp(buf, "357.83") == 0);
    cs_response_free(resp);

    /* An error names the field. */
    in.time_share_fraction = "1.5";
    resp = NULL;
    CHECK(cs_california_guideline(rules, &in, &out, &resp) == CS_STATUS_INVALID_INPUT);
    const char *field = cs_response_error_field(resp);
    CHECK(field != NULL && strstr(field, "time_share") != NULL);
    cs_response_free(resp);

    cs_rules_free(rules);
    if (failed == 0) {
        printf("installed library %s: N2 pays 954.21 (596.38 + 357.83)\n", cs_version());
    }
    return failed == 0 ? 0 : 1;
}
