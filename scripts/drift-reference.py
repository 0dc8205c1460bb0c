#!/usr/bin/python3
"""Reference values for Graft's drift statistics, computed with SciPy (Debian's python3-scipy).

Writes tests/Graft.Tests/Monitoring/drift-reference.json: seeded samples and what SciPy says of them. The tests
read the samples, compute Graft's statistics, and compare. Run it again after changing a case:

    sudo apt-get install -y python3-scipy   # once
    /usr/bin/python3 scripts/drift-reference.py
"""
import json
import os

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

rng = np.random.default_rng(20261207)
n = 2000


def numeric(name, reference, current):
    reference = np.round(np.asarray(reference, dtype=float), 4)
    current = np.round(np.asarray(current, dtype=float), 4)
    ks = stats.ks_2samp(reference, current, method="asymp")
    return {
        "name": name,
        "reference": reference.tolist(),
        "current": current.tolist(),
        "ks_statistic": float(ks.statistic),
        "wasserstein": float(stats.wasserstein_distance(reference, current)),
        "reference_std": float(np.std(reference)),
    }


def categorical(name, reference_counts, current_counts):
    reference = np.asarray(reference_counts, dtype=float)
    current = np.asarray(current_counts, dtype=float)
    chi = stats.chi2_contingency(np.array([reference, current]), correction=False)
    return {
        "name": name,
        "reference_counts": reference_counts,
        "current_counts": current_counts,
        "chisquare_statistic": float(chi.statistic),
        "chisquare_p": float(chi.pvalue),
        "jensenshannon": float(distance.jensenshannon(reference / reference.sum(), current / current.sum())),
    }


normal = rng.normal(50, 10, n)
cases = {
    "scipy": scipy.__version__,
    "numeric": [
        numeric("same distribution", normal, rng.normal(50, 10, n)),
        numeric("shifted by half a deviation", normal, rng.normal(55, 10, n)),
        numeric("wider", normal, rng.normal(50, 15, n)),
        numeric("skewed, shifted", rng.exponential(3, n), rng.exponential(3, n) + 0.5),
        numeric("whole numbers with ties", rng.integers(0, 73, n), rng.integers(0, 60, n)),
        numeric("partly outside the reference", normal, rng.normal(70, 10, n)),
    ],
    "categorical": [
        categorical("same shares", [500, 300, 150, 50], [480, 310, 160, 50]),
        categorical("one category grows", [500, 300, 150, 50], [300, 300, 150, 250]),
        categorical("small counts", [40, 35, 25], [12, 9, 4]),
    ],
    "kolmogorov_sf": [{"x": x, "sf": float(stats.kstwobign.sf(x))} for x in [0.3, 0.5, 0.8, 1.0, 1.22, 1.36, 1.63, 2.0, 3.0]],
}

path = os.path.join(os.path.dirname(__file__), "..", "tests", "Graft.Tests", "Monitoring", "drift-reference.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as f:
    json.dump(cases, f, separators=(",", ":"))
print(f"wrote {os.path.normpath(path)} with SciPy {scipy.__version__}")
