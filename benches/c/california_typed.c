/* A fixed loop of typed California calls through the C ABI, for instruction counts under
 * callgrind beside the Rust loop (benches/examples/california_lean.rs, mode "resolve"):
 *
 *   cargo build --profile profiling -p childsupport-ffi
 *   cc -O2 -Iinclude benches/c/california_typed.c target/profiling/libchildsupport.a \
 *      -lpthread -ldl -lm -o /tmp/california_typed
 *   valgrind --tool=callgrind /tmp/california_typed 10000
 *
 * Case N2 (3,000 / 1,000, parent A 20%, two children, 2025-03-01): 954.21, no response asked
 * for, so the library computes lean. */
#include <stdio.h>
#include <stdlib.h>

#include "childsupport.h"

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000;
    cs_rules *rules = NULL;
    if (cs_rules_default(&rules) != CS_STATUS_OK) return 1;
    cs_california_input in;
    cs_california_input_init(&in);
    in.calculation_date = "2025-03-01";
    in.parent_a_net_income = "3000";
    in.parent_b_net_income = "1000";
    in.time_share_parent = CS_PARENT_A;
    in.time_share_fraction = "0.20";
    in.children = 2;
    long long total = 0;
    for (long i = 0; i < n; i++) {
        cs_california_output out;
        if (cs_california_guideline(rules, &in, &out, NULL) != CS_STATUS_OK) return 1;
        total += out.amount.cents;
    }
    printf("%ld cases, total cents %lld\n", n, total);
    cs_rules_free(rules);
    return total == 95421LL * n ? 0 : 1;
}
