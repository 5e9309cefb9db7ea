#!/usr/bin/env python3
"""How much a moving window would shrink the rational integrator's system (issue 14).

The Dicke-basis integrator keeps every unknown whose a-priori weight comes within e^-width of
the largest somewhere along the uncoupled relaxation path p(t) = p_end (1 - e^{-gamma t})
(`dicke::region::path_log_weights`, width 50). This script counts the kept unknowns for the
whole trajectory and for time windows, to see what a window-by-window factorisation could
save: ~3 unknowns a grid node (the x parts are dropped when frequencies agree), 1 on the
edges. Paper's Fig. 6 point at N = 1001 (ancillas mu = 4, T = 1, omega = 1: p_end = 0.9526).

    python3 bench/region_window.py            # M = 1000 ancillas, about a minute
"""
import math
import sys

M = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
WIDTH = 50.0
P_END = 1.0 / (math.exp((1.0 - 4.0) / 1.0) + 1.0)


def ln_binomial(n, k):
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


# ln d_j of block l (2j = M - 2l): d_j = C(M, l) - C(M, l - 1)
LN_D = [0.0] + [ln_binomial(M, l) + math.log(1 - l / (M - l + 1)) for l in range(1, M // 2 + 1)]


def scores(ps):
    """Largest relative ln-weight of every sector (l, s) over the path points ps."""
    best = {}
    for p in ps:
        lp = math.log(p) if p > 0 else None
        lq = math.log(1 - p)
        here, top = {}, -math.inf

        def term(k):
            if lp is None:
                return 0.0 if k == 0 else -math.inf
            return k * lp + (M - k) * lq

        for l in range(M // 2 + 1):
            tj = M - 2 * l
            for s in range(tj + 2):
                a = term(l + s - 1) if s >= 1 else -math.inf
                b = term(l + s) if s <= tj else -math.inf
                v = LN_D[l] + max(a, b)
                here[(l, s)] = v
                top = max(top, v)
        for key, v in here.items():
            best[key] = max(best.get(key, -math.inf), v - top)
    return best


def kept(best):
    return sum(
        1 if s in (0, M - 2 * l + 1) else 3 for (l, s), v in best.items() if v >= -WIDTH
    )


def window(t0, t1, samples=16):
    ps = [P_END * (1 - math.exp(-(t0 + (t1 - t0) * i / samples))) for i in range(samples + 1)]
    return kept(scores(ps))


print(f"M = {M} ancillas, width {WIDTH}: kept unknowns")
print(f"whole trajectory (t = 0..30): {window(0, 30, 64)}")
for t0, t1 in [(0, 0.05), (0.05, 0.2), (0.2, 0.5), (0.5, 1), (1, 1.5), (1.5, 2.5), (2.5, 5), (5, 50)]:
    print(f"t = {t0}..{t1}: {window(t0, t1)}")
